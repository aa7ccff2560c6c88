import Foundation
import ServingAPI

/// A typed kind: a Codable value with its resource type and object metadata. Typed calls encode to and decode
/// from the dynamic API's `JSONValue`.
public protocol Resource: Codable, Sendable {
    static var resourceType: K8s.ResourceType { get }
    var metadata: K8s.ObjectMeta { get set }
}

extension Resource {
    /// The object as JSON, with `apiVersion` and `kind` set from the resource type.
    public var json: JSONValue {
        get throws(KubeError) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            var value: JSONValue
            do { value = try JSONValue(parsing: Array(try encoder.encode(self))) } catch {
                throw .decoding("cannot encode \(Self.resourceType.kind): \(error)")
            }
            value["apiVersion"] = .string(Self.resourceType.apiVersion)
            value["kind"] = .string(Self.resourceType.kind)
            return value
        }
    }

    public init(json: JSONValue) throws(KubeError) {
        do { self = try JSONDecoder().decode(Self.self, from: Data(json.serialized())) } catch {
            throw .decoding("not a \(Self.resourceType.kind): \(error)")
        }
    }
}

/// The typed API: the same calls as the dynamic one, for `Resource` kinds.
extension KubeClient {
    public func get<R: Resource>(_: R.Type, namespace: String?, name: String) async throws(KubeError) -> R {
        try R(json: await get(R.resourceType, namespace: namespace, name: name))
    }

    public func getStatus<R: Resource>(_: R.Type, namespace: String?, name: String) async throws(KubeError) -> R {
        try R(json: await get(R.resourceType, namespace: namespace, name: name, subresource: "status"))
    }

    public func list<R: Resource>(_: R.Type, namespace: String?, options: ListOptions = ListOptions())
        async throws(KubeError) -> (items: [R], resourceVersion: String, continueToken: String?)
    {
        let page = try await list(R.resourceType, namespace: namespace, options: options)
        var items: [R] = []
        for item in page.items { items.append(try R(json: item)) }
        return (items, page.resourceVersion, page.continueToken)
    }

    public func create<R: Resource>(_ object: R, fieldManager: String? = nil) async throws(KubeError) -> R {
        try R(json: await create(R.resourceType, namespace: object.metadata.namespace, object.json,
            fieldManager: fieldManager))
    }

    public func update<R: Resource>(_ object: R, fieldManager: String? = nil) async throws(KubeError) -> R {
        try R(json: await update(R.resourceType, namespace: object.metadata.namespace, object.json,
            fieldManager: fieldManager))
    }

    /// PUT of the status subresource: only `status` changes (and the resourceVersion must be current).
    public func updateStatus<R: Resource>(_ object: R, fieldManager: String? = nil) async throws(KubeError) -> R {
        try R(json: await update(R.resourceType, namespace: object.metadata.namespace, object.json,
            subresource: "status", fieldManager: fieldManager))
    }

    public func patch<R: Resource>(_: R.Type, namespace: String?, name: String, _ patch: Patch,
        subresource: String? = nil, fieldManager: String? = nil) async throws(KubeError) -> R
    {
        try R(json: await self.patch(R.resourceType, namespace: namespace, name: name, patch,
            subresource: subresource, fieldManager: fieldManager))
    }

    /// Server-side apply of a typed object (everything it sets becomes owned by `fieldManager`).
    public func apply<R: Resource>(_ object: R, fieldManager: String, force: Bool = false) async throws(KubeError) -> R {
        guard let name = object.metadata.name else { throw .decoding("apply of \(R.resourceType.kind) without a name") }
        return try R(json: await patch(R.resourceType, namespace: object.metadata.namespace, name: name,
            .apply(object.json, fieldManager: fieldManager, force: force)))
    }

    public func delete<R: Resource>(_: R.Type, namespace: String?, name: String,
        options: DeleteOptions = DeleteOptions()) async throws(KubeError)
    {
        try await delete(R.resourceType, namespace: namespace, name: name, options: options)
    }
}
