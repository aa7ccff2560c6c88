import ServingAPI

/// Garbage collection, namespace cleanup and CRD cleanup as decisions over the state (pure), applied after each
/// write until nothing is left to do. Deleting an object sets off its dependents in the rounds after it, the way
/// the real collector follows ownerReferences after the owner's deletion.
enum GarbageCollector {
    enum Action: Sendable, Equatable {
        /// Delete (background) an object whose owners are all gone, or whose owner is deleted in the foreground,
        /// or that lives in a terminating namespace, or whose CRD is being deleted.
        case delete(ObjectKey)
        case removeFinalizer(ObjectKey, String)
        case removeOwnerReference(ObjectKey, uid: String)
        /// A terminating namespace that is empty: its `spec.finalizers` are cleared, and it goes.
        case finalizeNamespace(ObjectKey)
    }

    static let crdCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"

    static func decide(_ state: ClusterState) -> [Action] {
        let all = state.allObjects
        let uids = Set(all.compactMap(\.object.uid))
        var dependents: [String: [(key: ObjectKey, object: JSONValue)]] = [:]
        for item in all {
            for owner in Set(item.object.ownerReferences.map(\.uid)) { dependents[owner, default: []].append(item) }
        }
        var actions: [Action] = []
        for (key, object) in all {
            if object.deletionTimestamp != nil {
                actions += terminating(key, object, dependents: dependents[object.uid ?? ""] ?? [], state: state, all: all)
            } else if !object.ownerReferences.isEmpty, object.ownerReferences.allSatisfy({ !uids.contains($0.uid) }),
                !isUndeletable(key)
            {
                actions.append(.delete(key))
            }
        }
        return actions
    }

    /// A protected namespace given an owner stays when the owner goes (the real collector's delete would be refused
    /// forever); collecting it must not make the owner's deletion fail.
    private static func isUndeletable(_ key: ObjectKey) -> Bool {
        key.storageKey == ResourceInfo.namespaces.storageKey && StoreTransaction.protectedNamespaces.contains(key.name)
    }

    private static func terminating(
        _ key: ObjectKey, _ object: JSONValue, dependents: [(key: ObjectKey, object: JSONValue)], state: ClusterState,
        all: [(key: ObjectKey, object: JSONValue)]
    ) -> [Action] {
        var actions: [Action] = []
        let finalizers = object.finalizers
        if finalizers.contains(PropagationPolicy.foregroundFinalizer) {
            actions += dependents.filter { $0.object.deletionTimestamp == nil }.map { .delete($0.key) }
            if dependents.isEmpty { actions.append(.removeFinalizer(key, PropagationPolicy.foregroundFinalizer)) }
        }
        if finalizers.contains(PropagationPolicy.orphanFinalizer) {
            actions += dependents.map { .removeOwnerReference($0.key, uid: object.uid ?? "") }
            actions.append(.removeFinalizer(key, PropagationPolicy.orphanFinalizer))
        }
        if key.storageKey == ResourceInfo.namespaces.storageKey {
            let content = all.filter { $0.key.namespace == key.name && !$0.key.namespace.isEmpty }
            actions += content.filter { $0.object.deletionTimestamp == nil }.map { .delete($0.key) }
            let specFinalizers = object[path: ["spec", "finalizers"]]?.arrayValue ?? []
            if content.isEmpty, !specFinalizers.isEmpty { actions.append(.finalizeNamespace(key)) }
        }
        if key.storageKey == ResourceInfo.customResourceDefinitions.storageKey, finalizers.contains(crdCleanupFinalizer),
            let storage = ResourceRegistry.infos(fromCRD: object).first?.storageKey
        {
            let instances = all.filter { $0.key.storageKey == storage }
            actions += instances.filter { $0.object.deletionTimestamp == nil }.map { .delete($0.key) }
            if instances.isEmpty { actions.append(.removeFinalizer(key, crdCleanupFinalizer)) }
        }
        return actions
    }

    /// Applies decisions until none are left (bounded: each round deletes or unblocks something).
    static func collect(_ transaction: inout StoreTransaction) throws(APIServerError) {
        guard mayHaveWork(transaction) else { return }
        for _ in 0..<1000 {
            let actions = decide(transaction.state)
            guard !actions.isEmpty else { return }
            for action in actions { try apply(action, &transaction) }
        }
        throw .internalError("garbage collection did not settle")
    }

    /// Whether this write can have given the collector something to do (a full pass costs a scan of every object):
    /// something was removed (its dependents may be orphaned), something written has owners that are all gone,
    /// or something is terminating (it may be waiting on others). After a write the state has no work left, so
    /// a write with none of these leaves none.
    static func mayHaveWork(_ transaction: StoreTransaction) -> Bool {
        let state = transaction.state
        return !state.terminating.isEmpty
            || transaction.events.contains { event in
                guard event.kind != .deleted else { return true }
                let owners = event.object.ownerReferences
                return !owners.isEmpty && owners.allSatisfy { !state.uids.contains($0.uid) }
            }
    }

    private static func apply(_ action: Action, _ transaction: inout StoreTransaction) throws(APIServerError) {
        switch action {
        case .delete(let key):
            guard let info = transaction.registry.storageResource(forKey: key.storageKey) else {
                transaction.remove(key)
                return
            }
            _ = try transaction.delete(info, key, propagation: .background)
        case .removeFinalizer(let key, let finalizer):
            guard var object = transaction.get(key) else { return }
            object.finalizers = object.finalizers.filter { $0 != finalizer }
            transaction.put(key, object)
        case .removeOwnerReference(let key, let uid):
            guard var object = transaction.get(key) else { return }
            let kept = (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter { $0["uid"]?.stringValue != uid }
            object[path: ["metadata", "ownerReferences"]] = kept.isEmpty ? nil : .array(kept)
            transaction.put(key, object)
        case .finalizeNamespace(let key):
            guard var object = transaction.get(key) else { return }
            object[path: ["spec", "finalizers"]] = nil
            transaction.put(key, object)
        }
    }
}
