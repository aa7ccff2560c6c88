import APIMachinery
import ServingAPI

/// The embedded API server's one error type: every failure a request can meet, as the `Status` the real
/// kube-apiserver would answer with. Mapped to HTTP in exactly one place (the response writer).
struct APIServerError: Error, Sendable {
    let status: K8s.Status

    static func notFound(_ resource: K8s.ResourceType, name: String) -> APIServerError {
        APIServerError(
            status: K8s.Status(
                code: 404, reason: "NotFound", message: "\(resource) \"\(name)\" not found",
                details: .init(name: name, group: resource.group, kind: resource.plural)))
    }

    static func alreadyExists(_ resource: K8s.ResourceType, name: String) -> APIServerError {
        APIServerError(
            status: K8s.Status(
                code: 409, reason: "AlreadyExists", message: "\(resource) \"\(name)\" already exists",
                details: .init(name: name, group: resource.group, kind: resource.plural)))
    }

    static func conflict(_ resource: K8s.ResourceType, name: String, why: String) -> APIServerError {
        APIServerError(
            status: K8s.Status(
                code: 409, reason: "Conflict",
                message: "Operation cannot be fulfilled on \(resource) \"\(name)\": \(why)",
                details: .init(name: name, group: resource.group, kind: resource.plural)))
    }

    static func invalid(_ resource: K8s.ResourceType, name: String, causes: [K8s.Status.Cause]) -> APIServerError {
        let parts = causes.map { "\($0.field ?? ""): \($0.message ?? "")" }
        let summary = parts.count == 1 ? parts[0] : "[\(parts.joined(separator: ", "))]"
        return APIServerError(
            status: K8s.Status(
                code: 422, reason: "Invalid", message: "\(resource.group.isEmpty ? resource.kind : "\(resource.kind).\(resource.group)") \"\(name)\" is invalid: \(summary)",
                details: .init(name: name, group: resource.group, kind: resource.kind, causes: causes)))
    }

    static func badRequest(_ message: String) -> APIServerError {
        APIServerError(status: K8s.Status(code: 400, reason: "BadRequest", message: message))
    }

    /// A watch or continue token older than the kept history (410; watches get it as an ERROR event).
    static func expired(_ message: String) -> APIServerError {
        APIServerError(status: K8s.Status(code: 410, reason: "Expired", message: message))
    }

    static func forbidden(_ resource: K8s.ResourceType, name: String, why: String) -> APIServerError {
        APIServerError(
            status: K8s.Status(
                code: 403, reason: "Forbidden", message: "\(resource) \"\(name)\" is forbidden: \(why)",
                details: .init(name: name, group: resource.group, kind: resource.plural)))
    }

    static func notAcceptable(_ accept: String) -> APIServerError {
        APIServerError(status: K8s.Status(code: 406, reason: "NotAcceptable", message: "the server was unable to respond with a content type that the client supports (\(accept))"))
    }

    static func pathNotFound() -> APIServerError {
        APIServerError(status: K8s.Status(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
    }

    static func methodNotAllowed(_ message: String) -> APIServerError {
        APIServerError(status: K8s.Status(code: 405, reason: "MethodNotAllowed", message: message))
    }

    static func unsupportedMediaType(_ contentType: String) -> APIServerError {
        APIServerError(
            status: K8s.Status(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json, application/merge-patch+json, application/json-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml; got \(contentType)"))
    }

    static func unauthorized() -> APIServerError {
        APIServerError(status: K8s.Status(code: 401, reason: "Unauthorized", message: "Unauthorized"))
    }

    static func internalError(_ message: String) -> APIServerError {
        APIServerError(status: K8s.Status(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)"))
    }
}

extension APIServerError: CustomStringConvertible {
    var description: String { "\(status.code) \(status.reason): \(status.message)" }
}

extension APIServerError {
    /// A patch, apply or schema failure from APIMachinery, as the real server answers it.
    init(machinery error: MachineryError, resource: K8s.ResourceType, name: String) {
        switch error.code {
        case .badRequest:
            self = .badRequest(error.message)
        case .invalid:
            let causes = error.causes.isEmpty ? [K8s.Status.Cause(reason: "FieldValueInvalid", message: error.message)] : error.causes
            self = .invalid(resource, name: name, causes: causes)
        case .conflict:
            self = APIServerError(
                status: K8s.Status(
                    code: 409, reason: "Conflict", message: error.message,
                    details: .init(name: name, group: resource.group, kind: resource.plural, causes: error.causes)))
        }
    }
}
