import Foundation

/// What a request does, as kube-apiserver's `RequestInfoFactory` decides it for authorization and auditing:
/// a Kubernetes verb on a resource (group, version, resource, subresource, namespace, name), or, for anything
/// outside `/api/{version}/...` and `/apis/{group}/{version}/...`, a non-resource request whose verb is the
/// lowercased HTTP method. Pure: from the method and the request URI alone, whether the path exists or not.
struct RequestAttributes: Sendable, Equatable {
    struct Resource: Sendable, Equatable {
        var apiGroup = ""
        var apiVersion: String
        var resource: String
        var subresource = ""
        var namespace = ""
        var name = ""
    }

    var verb: String
    /// `nil` for a non-resource request.
    var resource: Resource?
    /// The decoded path, without the query.
    var path: String

    init(verb: String, resource: Resource?, path: String) {
        self.verb = verb
        self.resource = resource
        self.path = path
    }

    init(method: String, uri: String) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(parts.first ?? "")
        path = rawPath.removingPercentEncoding ?? rawPath
        verb = method.lowercased()
        resource = nil
        var segments = path.split(separator: "/").map(String.init)
        // /api/{version}/... (the core group) or /apis/{group}/{version}/...; shorter paths are discovery.
        guard segments.count >= 3, let prefix = segments.first, prefix == "api" || prefix == "apis" else { return }
        segments.removeFirst()
        var reference = Resource(apiVersion: "", resource: "")
        if prefix == "apis" {
            guard segments.count >= 3 else { return }
            reference.apiGroup = segments.removeFirst()
        }
        reference.apiVersion = segments.removeFirst()
        let query = parts.count > 1 ? APIRouter.parseQuery(parts[1]) : [:]
        if segments.first == "watch" {
            // The deprecated /watch/ prefix: the verb is watch whatever the method.
            guard segments.count >= 2 else { return }
            verb = "watch"
            segments.removeFirst()
        } else {
            verb = Self.resourceVerb(method: method)
        }
        if segments.first == "namespaces", segments.count > 1 {
            reference.namespace = segments[1]
            // namespaces/{ns}/{resource}/..., unless it is the namespace's own subresource (status, finalize).
            if segments.count > 2, !["status", "finalize"].contains(segments[2]) { segments.removeFirst(2) }
        }
        reference.resource = segments[0]
        if segments.count >= 2 { reference.name = segments[1] }
        if segments.count >= 3 { reference.subresource = segments[2] }
        if reference.name.isEmpty, verb == "get" {
            verb = Self.isTrue(query["watch"]) ? "watch" : "list"
        }
        if reference.name.isEmpty, verb == "list" || verb == "watch", let name = Self.exactName(query["fieldSelector"]) {
            reference.name = name
        }
        if reference.name.isEmpty, verb == "delete" { verb = "deletecollection" }
        resource = reference
    }

    private static func resourceVerb(method: String) -> String {
        switch method {
        case "POST": "create"
        case "GET", "HEAD": "get"
        case "PUT": "update"
        case "PATCH": "patch"
        case "DELETE": "delete"
        default: ""
        }
    }

    /// Go's `strconv.ParseBool` true values, which the real server's query decoding uses.
    private static func isTrue(_ text: String?) -> Bool {
        ["1", "t", "T", "true", "TRUE", "True"].contains(text ?? "")
    }

    /// The name a field selector requires exactly (`metadata.name=x` or `==x`, possibly among other terms), when it
    /// is a valid path segment.
    private static func exactName(_ selector: String?) -> String? {
        guard let selector else { return nil }
        for term in selector.split(separator: ",") {
            for op in ["==", "="] {
                guard term.hasPrefix("metadata.name" + op) else { continue }
                let name = String(term.dropFirst("metadata.name".count + op.count))
                guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("%"),
                    !name.hasPrefix("=")
                else { return nil }
                return name
            }
        }
        return nil
    }
}
