import ServingAPI

/// What a reconcile asks for when it succeeds.
public enum ReconcileAction: Sendable, Equatable {
    /// Run again after this long even if nothing changes (polling something outside the cluster).
    case requeue(after: Duration)
    /// Run again only when the object or one it owns changes (or at the periodic resync).
    case awaitChange
}

/// A level-based reconciler: given a key, read the current state (from the context's caches), make the world
/// match, and say when to look again. Thrown errors go to the controller's one policy: back off and retry,
/// except `KubeError.terminal`, which waits for a change.
public protocol Reconciler: Sendable {
    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileAction
}

/// What a reconcile can use: the client, the primary kind's cache and the caches of the owned and related kinds.
public struct ReconcileContext: Sendable {
    public let client: KubeClient
    public let store: Store
    /// The caches of the owned and related kinds.
    public let ownedStores: [K8s.ResourceType: Store]
    public let events: EventRecorder?
}

/// The key of the object that controls `object`: its ownerReference with `controller: true`, if that owner is of
/// `ownerKind` in `ownerAPIVersion` (owners are in the object's namespace; cluster-scoped owners have none).
public func controllerOwnerKey(of object: JSONValue, ownerType: K8s.ResourceType) -> ObjectKey? {
    guard let owner = object.ownerReferences.first(where: { $0.controller == true }),
        owner.kind == ownerType.kind, owner.apiVersion.split(separator: "/").first.map(String.init)
            == (ownerType.group.isEmpty ? ownerType.version : ownerType.group)
    else { return nil }
    return ObjectKey(namespace: ownerType.namespaced ? object.namespace : nil, name: owner.name)
}
