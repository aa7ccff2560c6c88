import Foundation

/// The swagger documents a worker prepared for the entry script, per version alias ("2", "2.0", "3", ...),
/// and the answers `GET /swagger.json?version=` gives, worded as azmlinfsrv words them.
struct SwaggerDocuments: Sendable, Decodable {
    var documents: [String: String]
    var supported: [String]
    var valid: [String]

    init(json: Data) throws {
        self = try JSONDecoder().decode(SwaggerDocuments.self, from: json)
    }

    func response(version: String?) -> ScorerResponse {
        let version = version ?? "2"
        let supportedList = "[\(supported.joined(separator: ", "))]"
        guard valid.contains(version) else {
            return .azureError(.notFound, "Swagger version [\(version)] is not valid. Supported versions: \(supportedList).")
        }
        guard let document = documents[version] else {
            return .azureError(.notFound,
                "Swagger version [\(version)] is not supported for the scoring script. "
                    + "Supported swagger versions: \(supportedList).")
        }
        return .azure(.ok, document, contentType: "application/json")
    }
}
