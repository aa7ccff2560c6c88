import ServingAPI

/// `propagationPolicy` of a delete: what happens to the objects that name the deleted one as their owner.
enum PropagationPolicy: String, Sendable {
    /// The owner goes at once; the garbage collector deletes the dependents afterwards.
    case background = "Background"
    /// The owner waits (finalizer `foregroundDeletion`) until its dependents are gone.
    case foreground = "Foreground"
    /// The dependents lose their ownerReference and stay (finalizer `orphan` until done).
    case orphan = "Orphan"

    static let foregroundFinalizer = "foregroundDeletion"
    static let orphanFinalizer = "orphan"

    var finalizer: String? {
        switch self {
        case .background: nil
        case .foreground: Self.foregroundFinalizer
        case .orphan: Self.orphanFinalizer
        }
    }
}

/// `DeleteOptions.preconditions`.
struct DeletePreconditions: Sendable, Equatable {
    var uid: String?
    var resourceVersion: String?
}

enum DeleteOutcome: Sendable, Equatable {
    /// The object is gone; this is its last state.
    case deleted(JSONValue)
    /// Finalizers hold it: it now carries a deletionTimestamp.
    case pending(JSONValue)
}

extension StoreTransaction {
    /// DELETE: removes the object, or, while finalizers (its own, or the propagation policy's) hold it, marks it
    /// with `deletionTimestamp`. A namespace always goes through Terminating while its content is deleted.
    mutating func delete(
        _ info: ResourceInfo, _ key: ObjectKey, propagation: PropagationPolicy = .background,
        preconditions: DeletePreconditions = .init()
    ) throws(APIServerError) -> DeleteOutcome {
        guard var object = get(key) else { throw .notFound(info.type, name: key.name) }
        if let uid = preconditions.uid, uid != object.uid {
            throw .conflict(
                info.type, name: key.name, why: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object.uid ?? "")")
        }
        if let version = preconditions.resourceVersion, version != object.resourceVersion {
            throw .conflict(
                info.type, name: key.name,
                why: "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(object.resourceVersion ?? "")")
        }
        if key.storageKey == ResourceInfo.namespaces.storageKey {
            try Self.checkNamespaceDeletable(key.name, info)
            object[path: ["status", "phase"]] = "Terminating"
        }
        var finalizers = object.finalizers
        if let finalizer = propagation.finalizer, !finalizers.contains(finalizer) { finalizers.append(finalizer) }
        object.finalizers = finalizers
        guard Self.isHeld(key, object) else { return .deleted(remove(key) ?? object) }
        if object.deletionTimestamp == nil {
            object[path: ["metadata", "deletionTimestamp"]] = .string(timestamp)
            object[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
        }
        guard object != get(key) else { return .pending(object) }
        return .pending(put(key, object))
    }

    /// Finalizers keep an object that is being deleted: its own, or, for a namespace, `spec.finalizers`.
    static func isHeld(_ key: ObjectKey, _ object: JSONValue) -> Bool {
        if !object.finalizers.isEmpty { return true }
        guard key.storageKey == ResourceInfo.namespaces.storageKey else { return false }
        return !(object[path: ["spec", "finalizers"]]?.arrayValue ?? []).isEmpty
    }

    /// The namespaces the server refuses to delete (the real one refuses the same three).
    static let protectedNamespaces: Set<String> = ["default", "kube-system", "kube-public"]

    private static func checkNamespaceDeletable(_ name: String, _ info: ResourceInfo) throws(APIServerError) {
        if protectedNamespaces.contains(name) {
            throw .forbidden(info.type, name: name, why: "this namespace may not be deleted")
        }
    }
}
