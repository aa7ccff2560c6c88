import Foundation
import ServingAPI

/// A parsed `fieldSelector` (`metadata.name=x,metadata.namespace!=y`): every kind supports `metadata.name` and
/// `metadata.namespace`; a few kinds add their own fields, as the real server does. Other fields are refused.
struct FieldSelector: Sendable, Equatable {
    struct Requirement: Sendable, Equatable {
        var path: [String]
        var value: String
        var equal: Bool
    }

    var requirements: [Requirement]

    static let everything = FieldSelector(requirements: [])

    /// Parses `text` for objects of `kind`; an unknown field is a 400 BadRequest.
    init(parsing text: String, kind: String) throws(APIServerError) {
        var requirements: [Requirement] = []
        for clause in text.split(separator: ",") where !clause.trimmingCharacters(in: .whitespaces).isEmpty {
            let (field, value, equal) = try Self.split(String(clause))
            guard let path = Self.path(field, kind: kind) else {
                throw .badRequest("field label not supported: \(field)")
            }
            requirements.append(Requirement(path: path, value: value, equal: equal))
        }
        self.requirements = requirements
    }

    init(requirements: [Requirement]) { self.requirements = requirements }

    func matches(_ object: JSONValue) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = Self.text(object[path: requirement.path])
            return (actual == requirement.value) == requirement.equal
        }
    }

    private static func split(_ clause: String) throws(APIServerError) -> (String, String, Bool) {
        for (op, equal) in [("!=", false), ("==", true), ("=", true)] {
            if let range = clause.range(of: op) {
                let field = clause[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = clause[range.upperBound...].trimmingCharacters(in: .whitespaces)
                return (field, value, equal)
            }
        }
        throw .badRequest("invalid selector: '\(clause)'; can't understand '\(clause)'")
    }

    private static let kindFields: [String: Set<String>] = [
        "Pod": ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"],
        "Event": [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "source", "type",
        ],
        "Secret": ["type"],
        "Namespace": ["status.phase"],
    ]

    private static func path(_ field: String, kind: String) -> [String]? {
        guard field == "metadata.name" || field == "metadata.namespace" || kindFields[kind]?.contains(field) == true else {
            return nil
        }
        return field.split(separator: ".").map(String.init)
    }

    /// Field values compare as text; a missing field is "".
    private static func text(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .int(let number)?: String(number)
        case .bool(let flag)?: String(flag)
        default: ""
        }
    }
}
