import Foundation
import ServingAPI

/// One `audit.k8s.io/v1` Event at level Metadata and stage ResponseComplete, as kube-apiserver writes it to its
/// audit log: who asked (user agent), what (verb, requestURI, objectRef), and the answer's status code. Like the
/// real one, a non-resource request has no `objectRef` (its path is in `requestURI`), and empty objectRef fields
/// are left out (the core group has no `apiGroup`). Pure.
struct AuditEvent: Sendable, Equatable {
    var auditID: String
    var requestURI: String
    var attributes: RequestAttributes
    var userAgent: String?
    var code: Int
    var received: Date
    var completed: Date

    var json: JSONValue {
        var event: JSONValue = [
            "apiVersion": "audit.k8s.io/v1", "kind": "Event", "level": "Metadata", "stage": "ResponseComplete",
            "auditID": .string(auditID), "requestURI": .string(requestURI), "verb": .string(attributes.verb),
            "responseStatus": ["metadata": [:], "code": .int(Int64(code))],
            "requestReceivedTimestamp": .string(K8s.microTimestamp(received)), "stageTimestamp": .string(K8s.microTimestamp(completed)),
        ]
        if let userAgent { event["userAgent"] = .string(userAgent) }
        if let resource = attributes.resource {
            let fields = [
                ("resource", resource.resource), ("subresource", resource.subresource), ("namespace", resource.namespace),
                ("name", resource.name), ("apiGroup", resource.apiGroup), ("apiVersion", resource.apiVersion),
            ]
            event["objectRef"] = .object(Dictionary(uniqueKeysWithValues: fields.filter { !$0.1.isEmpty }.map { ($0.0, JSONValue.string($0.1)) }))
        }
        return event
    }

    /// One line of the log: the event's JSON (sorted keys) and a newline.
    var line: [UInt8] { json.serialized() + [UInt8(ascii: "\n")] }
}
