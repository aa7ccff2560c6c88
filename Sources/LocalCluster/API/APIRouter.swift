import Foundation

/// Maps (method, path, query) to an `APIRequest`, as the real server lays out its URLs:
/// `/api/v1/...` for the core group, `/apis/{group}/{version}/...` for the others, and within a group version
/// `[namespaces/{ns}/]{plural}[/{name}[/{subresource}]]`. Pure: knows nothing of which resources exist.
struct APIRouter: Sendable {
    func route(method: String, path: String, query: [String: String]) throws(APIServerError) -> APIRequest {
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        switch segments.first {
        case "version"?: return try get(method, .version, segments.count == 1)
        case "healthz"?, "livez"?, "readyz"?: return try get(method, .health, true)
        case "openapi"?: return try get(method, try openAPI(Array(segments.dropFirst())), true)
        case "api"?:
            guard segments.count >= 2 else { return try get(method, .coreVersions, true) }
            return try resources(method, group: "", version: segments[1], Array(segments.dropFirst(2)), query)
        case "apis"?:
            switch segments.count {
            case 1: return try get(method, .groups, true)
            case 2: return try get(method, .group(segments[1]), true)
            default: return try resources(method, group: segments[1], version: segments[2], Array(segments.dropFirst(3)), query)
            }
        default: throw .pathNotFound()
        }
    }

    private func get(_ method: String, _ request: APIRequest, _ valid: Bool) throws(APIServerError) -> APIRequest {
        guard valid else { throw .pathNotFound() }
        guard method == "GET" || method == "HEAD" else { throw .methodNotAllowed("the server does not allow this method on the requested resource") }
        return request
    }

    private func openAPI(_ segments: [String]) throws(APIServerError) -> APIRequest {
        switch segments {
        case ["v2"]: return .openAPIv2
        case ["v3"]: return .openAPIv3Root
        case let parts where parts.count == 3 && parts[0] == "v3" && parts[1] == "api": return .openAPIv3(group: "", version: parts[2])
        case let parts where parts.count == 4 && parts[0] == "v3" && parts[1] == "apis":
            return .openAPIv3(group: parts[2], version: parts[3])
        default: throw .pathNotFound()
        }
    }

    private func resources(
        _ method: String, group: String, version: String, _ rest: [String], _ query: [String: String]
    ) throws(APIServerError) -> APIRequest {
        var rest = rest
        var watchPrefix = false
        if rest.first == "watch" {
            watchPrefix = true
            rest.removeFirst()
        }
        guard !rest.isEmpty else { return try get(method, .resourceList(group: group, version: version), true) }
        var namespace: String?
        // namespaces/{ns}/{plural}... unless it is a namespace's own subresource (namespaces/{name}/status).
        if rest.count >= 3, rest[0] == "namespaces", !(rest.count == 3 && ["status", "finalize"].contains(rest[2])) {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        guard rest.count <= 3 else { throw .pathNotFound() }
        var request = ResourceRequest(
            verb: .get, group: group, version: version, plural: rest[0], namespace: namespace,
            name: rest.count > 1 ? rest[1] : nil, subresource: rest.count > 2 ? rest[2] : nil, options: try QueryOptions(query))
        request.verb = try verb(method, hasName: request.name != nil, watch: watchPrefix || QueryOptions.flag(query["watch"]))
        if request.verb == .watch, let name = request.name {
            // A watch on one object is a watch on its collection restricted to that name.
            request.name = nil
            let byName = "metadata.name=\(name)"
            request.options.fieldSelector = request.options.fieldSelector.map { "\($0),\(byName)" } ?? byName
        }
        return .resource(request)
    }

    private func verb(_ method: String, hasName: Bool, watch: Bool) throws(APIServerError) -> Verb {
        switch (method, hasName) {
        case ("GET", _) where watch: return .watch
        case ("GET", true), ("HEAD", true): return .get
        case ("GET", false), ("HEAD", false): return .list
        case ("POST", false): return .create
        case ("PUT", true): return .update
        case ("PATCH", true): return .patch
        case ("DELETE", true): return .delete
        case ("DELETE", false): return .deletecollection
        default: throw .methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    /// Splits a raw query string into decoded parameters (`+` is a space, as in forms).
    static func parseQuery(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}
