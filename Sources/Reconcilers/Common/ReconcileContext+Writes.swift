import Controller
import Foundation
import ServingAPI

extension ReconcileContext {
    /// Server-side applies `desired` as the controller's field manager, taking over conflicting fields, unless the
    /// cached `observed` object already holds every field of it (then nothing is sent: reconciles that change
    /// nothing write nothing).
    func apply(_ desired: JSONValue, _ type: K8s.ResourceType, observed: JSONValue?) async throws(KubeError) {
        if let observed, JSONValue.contains(desired, in: observed) { return }
        _ = try await client.patch(type, namespace: desired.namespace, name: desired.name ?? "",
            .apply(desired, fieldManager: ServingLabels.fieldManager, force: true))
    }

    /// Deletes `observed` (a child no longer wanted), if there is one; one already gone is fine.
    func delete(_ observed: JSONValue?, _ type: K8s.ResourceType) async throws(KubeError) {
        guard let observed, let name = observed.name else { return }
        do {
            try await client.delete(type, namespace: observed.namespace, name: name,
                options: DeleteOptions(preconditionUID: observed.uid))
        } catch where error.isNotFound {}
    }

    /// Writes `status` to the status subresource as a merge patch of only what changed; nothing when nothing did.
    func writeStatus<R: ServingResource>(_ resource: R, _ status: R.Status) async throws(KubeError) {
        var updated = resource
        updated.status = status
        guard let changes = JSONMergePatch.diff(from: resource.statusJSON, to: updated.statusJSON) else { return }
        do {
            _ = try await client.patch(R.resourceType, namespace: resource.metadata.namespace,
                name: resource.metadata.name ?? "", .merge(["status": changes]), subresource: "status",
                fieldManager: ServingLabels.fieldManager)
        } catch where error.isNotFound {}
    }

    /// The cached object of `type` named like `owner` in its namespace, if `owner` controls it.
    func child<R: ServingResource>(_ type: K8s.ResourceType, of owner: R) -> JSONValue? {
        guard let object = ownedStores[type]?.get(namespace: owner.metadata.namespace, name: owner.metadata.name ?? ""),
            object.ownerReferences.contains(where: { $0.controller == true && $0.uid == owner.metadata.uid })
        else { return nil }
        return object
    }
}

extension JSONValue {
    /// Whether every field of `part` is in `whole` with the same value: objects may have more keys, lists must
    /// have the same length and match element by element (so server defaults inside elements are fine).
    static func contains(_ part: JSONValue, in whole: JSONValue) -> Bool {
        switch (part, whole) {
        case (.object(let fields), .object(let wholeFields)):
            return fields.allSatisfy { key, value in wholeFields[key].map { contains(value, in: $0) } ?? false }
        case (.array(let items), .array(let wholeItems)):
            return items.count == wholeItems.count && zip(items, wholeItems).allSatisfy { contains($0, in: $1) }
        default:
            return part == whole
        }
    }
}

extension ServingResource {
    /// Decodes a cached object; one that does not decode is a terminal error (it changes only with the object).
    init(cached object: JSONValue) throws(KubeError) {
        do {
            try self.init(json: object)
        } catch {
            throw .terminal("\(Self.resourceType.kind) \(object.namespace ?? "")/\(object.name ?? ""): \(error)")
        }
    }
}
