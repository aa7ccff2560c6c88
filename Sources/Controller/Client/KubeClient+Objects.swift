import Foundation
import NIOHTTP1
import ServingAPI

/// Options of a list (and of the list before a watch).
public struct ListOptions: Sendable, Equatable {
    public var labelSelector: LabelSelector?
    public var fieldSelector: String?
    public var limit: Int?
    public var continueToken: String?
    public var resourceVersion: String?

    public init(labelSelector: LabelSelector? = nil, fieldSelector: String? = nil, limit: Int? = nil,
        continueToken: String? = nil, resourceVersion: String? = nil)
    {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }

    var query: [(String, String)] {
        var query: [(String, String)] = []
        if let labelSelector, !labelSelector.isEverything { query.append(("labelSelector", labelSelector.description)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        if let limit { query.append(("limit", String(limit))) }
        if let continueToken, !continueToken.isEmpty { query.append(("continue", continueToken)) }
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        return query
    }
}

/// One page of a list: its items (with `kind`/`apiVersion` filled in), the list's resourceVersion, and the token
/// for the next page (`nil` on the last).
public struct ObjectList: Sendable, Equatable {
    public var items: [JSONValue]
    public var resourceVersion: String
    public var continueToken: String?
}

/// How to change an object with PATCH.
public enum Patch: Sendable, Equatable {
    /// RFC 7386 JSON merge patch.
    case merge(JSONValue)
    /// RFC 6902 JSON patch: a list of operations.
    case json([JSONValue])
    /// Server-side apply of a (partial) object, owned by `fieldManager`; `force` takes over conflicting fields.
    case apply(JSONValue, fieldManager: String, force: Bool = false)

    var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .apply: "application/apply-patch+yaml"
        }
    }

    var body: JSONValue {
        switch self {
        case .merge(let value), .apply(let value, _, _): value
        case .json(let operations): .array(operations)
        }
    }
}

/// Options of a delete: cascading policy and preconditions (`metav1.DeleteOptions`).
public struct DeleteOptions: Sendable, Equatable {
    public enum Propagation: String, Sendable { case foreground = "Foreground", background = "Background", orphan = "Orphan" }
    public var propagationPolicy: Propagation?
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var gracePeriodSeconds: Int?

    public init(propagationPolicy: Propagation? = nil, preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil, gracePeriodSeconds: Int? = nil)
    {
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.gracePeriodSeconds = gracePeriodSeconds
    }

    var json: JSONValue {
        var body: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
        body["propagationPolicy"] = propagationPolicy.map { .string($0.rawValue) }
        body["gracePeriodSeconds"] = gracePeriodSeconds.map { .int(Int64($0)) }
        if preconditionUID != nil || preconditionResourceVersion != nil {
            var preconditions: JSONValue = [:]
            preconditions["uid"] = preconditionUID.map(JSONValue.string)
            preconditions["resourceVersion"] = preconditionResourceVersion.map(JSONValue.string)
            body["preconditions"] = preconditions
        }
        return body
    }
}

/// The dynamic API: objects as `JSONValue`, kinds as `K8s.ResourceType`. `namespace` is ignored for
/// cluster-scoped kinds; `subresource` is `"status"` for the status subresource.
extension KubeClient {
    public func get(_ type: K8s.ResourceType, namespace: String?, name: String, subresource: String? = nil)
        async throws(KubeError) -> JSONValue
    {
        try await send(KubeRequest(method: .GET, path: path(type, namespace, name, subresource)))
    }

    /// One page of objects; `namespace == nil` lists across all namespaces.
    public func list(_ type: K8s.ResourceType, namespace: String?, options: ListOptions = ListOptions())
        async throws(KubeError) -> ObjectList
    {
        let collection = type.collectionPath(namespace: type.namespaced ? namespace : nil)
        let body = try await send(KubeRequest(method: .GET, path: collection, query: options.query))
        let itemsValue = body["items"] ?? .null
        guard itemsValue.isNull || itemsValue.arrayValue != nil else {
            throw .decoding("list of \(type) has no items array")
        }
        let items = itemsValue.arrayValue ?? []
        return ObjectList(
            items: items.map { item in
                var item = item
                if item.kind == nil { item["kind"] = .string(type.kind) }
                if item.apiVersion == nil { item["apiVersion"] = .string(type.apiVersion) }
                return item
            },
            resourceVersion: body[path: ["metadata", "resourceVersion"]]?.stringValue ?? "",
            continueToken: body[path: ["metadata", "continue"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Every object, following `continue` tokens page by page (`options.limit` is the page size).
    public func listAll(_ type: K8s.ResourceType, namespace: String?, options: ListOptions = ListOptions())
        async throws(KubeError) -> ObjectList
    {
        var options = options
        var page = try await list(type, namespace: namespace, options: options)
        var items = page.items
        while let token = page.continueToken {
            options.continueToken = token
            page = try await list(type, namespace: namespace, options: options)
            items += page.items
        }
        return ObjectList(items: items, resourceVersion: page.resourceVersion, continueToken: nil)
    }

    public func create(_ type: K8s.ResourceType, namespace: String?, _ object: JSONValue, fieldManager: String? = nil)
        async throws(KubeError) -> JSONValue
    {
        let collection = type.collectionPath(namespace: type.namespaced ? namespace ?? object.namespace : nil)
        return try await send(KubeRequest(method: .POST, path: collection, query: manager(fieldManager),
            body: object.serialized()))
    }

    /// PUT: replaces the object (or its status); the object's resourceVersion makes it a compare-and-swap (409).
    public func update(_ type: K8s.ResourceType, namespace: String?, _ object: JSONValue, subresource: String? = nil,
        fieldManager: String? = nil) async throws(KubeError) -> JSONValue
    {
        guard let name = object.name else { throw .decoding("update of \(type): the object has no metadata.name") }
        return try await send(KubeRequest(method: .PUT, path: path(type, namespace ?? object.namespace, name, subresource),
            query: manager(fieldManager), body: object.serialized()))
    }

    public func patch(_ type: K8s.ResourceType, namespace: String?, name: String, _ patch: Patch,
        subresource: String? = nil, fieldManager: String? = nil) async throws(KubeError) -> JSONValue
    {
        var query = manager(fieldManager)
        if case .apply(_, let owner, let force) = patch {
            query = [("fieldManager", owner)]
            if force { query.append(("force", "true")) }
        }
        return try await send(KubeRequest(method: .PATCH, path: path(type, namespace, name, subresource), query: query,
            body: patch.body.serialized(), contentType: patch.contentType))
    }

    /// Deletes an object; returns what the server answered (the object, still there while finalizers run, or a
    /// `Status` of success).
    @discardableResult
    public func delete(_ type: K8s.ResourceType, namespace: String?, name: String,
        options: DeleteOptions = DeleteOptions()) async throws(KubeError) -> JSONValue
    {
        try await send(KubeRequest(method: .DELETE, path: path(type, namespace, name, nil),
            body: options.json.serialized()))
    }

    private func path(_ type: K8s.ResourceType, _ namespace: String?, _ name: String, _ subresource: String?) -> String {
        type.objectPath(namespace: type.namespaced ? namespace ?? configuration.namespace : nil, name: name,
            subresource: subresource)
    }

    private func manager(_ fieldManager: String?) -> [(String, String)] {
        fieldManager.map { [("fieldManager", $0)] } ?? []
    }
}
