/// What a request asks for, decided from its method, path and query alone (no state).
enum APIRequest: Sendable, Equatable {
    case version
    case health
    /// GET /api
    case coreVersions
    /// GET /apis
    case groups
    /// GET /apis/{group}
    case group(String)
    /// GET /api/v1, /apis/{group}/{version}
    case resourceList(group: String, version: String)
    case openAPIv2
    case openAPIv3Root
    case openAPIv3(group: String, version: String)
    case resource(ResourceRequest)
}

enum Verb: String, Sendable, Equatable {
    case get, list, watch, create, update, patch, delete, deletecollection
}

/// A request on a resource: which one (group, version, plural), where (namespace, name, subresource), and how.
struct ResourceRequest: Sendable, Equatable {
    var verb: Verb
    var group: String
    var version: String
    var plural: String
    var namespace: String?
    var name: String?
    var subresource: String?
    var options: QueryOptions = QueryOptions()
}

/// The query parameters the server understands, already typed.
struct QueryOptions: Sendable, Equatable {
    var labelSelector: String?
    var fieldSelector: String?
    var limit: Int?
    var continueToken: String?
    var resourceVersion: String?
    var timeoutSeconds: Int?
    var allowWatchBookmarks = false
    var propagationPolicy: String?
    var fieldManager: String?
    var force = false
    var fieldValidation: String?
    var dryRun = false

    init() {}

    init(_ query: [String: String]) throws(APIServerError) {
        labelSelector = query["labelSelector"]
        fieldSelector = query["fieldSelector"]
        continueToken = query["continue"].flatMap { $0.isEmpty ? nil : $0 }
        resourceVersion = query["resourceVersion"]
        limit = try Self.integer(query, "limit")
        timeoutSeconds = try Self.integer(query, "timeoutSeconds")
        allowWatchBookmarks = Self.flag(query["allowWatchBookmarks"])
        propagationPolicy = query["propagationPolicy"]
        fieldManager = query["fieldManager"]
        force = Self.flag(query["force"])
        fieldValidation = query["fieldValidation"]
        dryRun = query["dryRun"] == "All"
    }

    private static func integer(_ query: [String: String], _ key: String) throws(APIServerError) -> Int? {
        guard let text = query[key], !text.isEmpty else { return nil }
        guard let value = Int(text), value >= 0 else { throw .badRequest("invalid \(key): \(text)") }
        return value
    }

    static func flag(_ text: String?) -> Bool { text == "true" || text == "1" }
}
