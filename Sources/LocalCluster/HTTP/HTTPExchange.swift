import Foundation
import NIOHTTP1
import ServingAPI

/// One request as the handlers see it: method, path, decoded query, headers and the whole body.
struct HTTPRequestData: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var headers: HTTPHeaders
    var body: [UInt8]

    init(method: String, uri: String, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts.first ?? "")
        query = parts.count > 1 ? APIRouter.parseQuery(parts[1]) : [:]
        self.headers = headers
        self.body = body
    }

    var contentType: String {
        (headers.first(name: "content-type") ?? "application/json").split(separator: ";").first
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "application/json"
    }

    var accept: String { headers.first(name: "accept") ?? "" }
}

/// Writes one chunk of a streamed response body.
typealias StreamWriter = @Sendable ([UInt8]) async throws -> Void

/// Produces a streamed body through the writer it is given.
typealias StreamProducer = @Sendable (@escaping StreamWriter) async throws -> Void

/// What the server answers: a whole body, or a stream (a watch) that writes chunks until it returns.
enum APIResponse: Sendable {
    case body(status: Int, contentType: String, bytes: [UInt8])
    case stream(contentType: String, produce: StreamProducer)

    static func json(_ value: JSONValue, status: Int = 200) -> APIResponse {
        .body(status: status, contentType: "application/json", bytes: value.serialized())
    }

    /// The one place an error becomes an HTTP answer: its Status object, with the Status's code.
    static func error(_ error: APIServerError) -> APIResponse {
        .json(error.status.json, status: error.status.code)
    }

    var status: Int {
        switch self {
        case .body(let status, _, _): status
        case .stream: 200
        }
    }
}
