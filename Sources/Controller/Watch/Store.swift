import ServingAPI
import Synchronization

/// The cache of one kind: written only by its watcher (`apply`), read from anywhere. Lookup by key, by owner uid,
/// by label selector, and by the values of named index functions (client-go's Indexers: e.g. ModelDeployments by
/// the endpoint they name). `hasSynced` turns true after the first complete list.
public final class Store: Sendable {
    /// The values an object is found under in one index (none: not in it).
    public typealias IndexFunction = @Sendable (JSONValue) -> [String]

    public let resourceType: K8s.ResourceType
    private let indexers: [String: IndexFunction]

    struct State {
        var objects: [ObjectKey: JSONValue] = [:]
        var byOwner: [String: Set<ObjectKey>] = [:]
        /// Index name → value → keys.
        var indexes: [String: [String: Set<ObjectKey>]] = [:]
        var hasSynced = false
    }

    private let state = Mutex(State())

    public init(resourceType: K8s.ResourceType, indexers: [String: IndexFunction] = [:]) {
        self.resourceType = resourceType
        self.indexers = indexers
    }

    public var hasSynced: Bool { state.withLock { $0.hasSynced } }
    public var count: Int { state.withLock { $0.objects.count } }

    public func get(_ key: ObjectKey) -> JSONValue? { state.withLock { $0.objects[key] } }

    public func get(namespace: String?, name: String) -> JSONValue? {
        get(ObjectKey(namespace: namespace, name: name))
    }

    /// All objects (of `namespace`, if given) sorted by key, optionally filtered by a label selector.
    public func list(namespace: String? = nil, selector: LabelSelector = .everything) -> [JSONValue] {
        let objects = state.withLock { $0.objects }
        return objects.filter { key, object in
            (namespace == nil || key.namespace == namespace) && selector.matches(object.labels)
        }.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The objects found under `value` in the index `name` (given at init), sorted by key.
    public func byIndex(_ name: String, _ value: String) -> [JSONValue] {
        state.withLock { state in
            (state.indexes[name]?[value] ?? []).sorted().compactMap { state.objects[$0] }
        }
    }

    /// The objects with an ownerReference to `uid` (controller or not), sorted by key.
    public func owned(by uid: String) -> [JSONValue] {
        state.withLock { state in
            (state.byOwner[uid] ?? []).sorted().compactMap { state.objects[$0] }
        }
    }

    public var keys: [ObjectKey] { state.withLock { $0.objects.keys.sorted() } }

    /// The watcher's writes: one change at a time, in the order the watcher reports them. Returns the object the
    /// change replaced or removed, if the store had one.
    @discardableResult
    func apply(_ change: WatcherChange) -> JSONValue? {
        state.withLock { state in
            switch change {
            case .applied(let object):
                guard let key = ObjectKey(object) else { return nil }
                let old = state.objects[key]
                if let old { unindex(old, key, &state) }
                state.objects[key] = object
                for owner in object.ownerReferences { state.byOwner[owner.uid, default: []].insert(key) }
                for (name, function) in indexers {
                    for value in function(object) { state.indexes[name, default: [:]][value, default: []].insert(key) }
                }
                return old
            case .deleted(let object):
                guard let key = ObjectKey(object), let old = state.objects.removeValue(forKey: key) else { return nil }
                unindex(old, key, &state)
                return old
            case .synced:
                state.hasSynced = true
                return nil
            }
        }
    }

    private func unindex(_ object: JSONValue, _ key: ObjectKey, _ state: inout State) {
        for owner in object.ownerReferences {
            state.byOwner[owner.uid]?.remove(key)
            if state.byOwner[owner.uid]?.isEmpty == true { state.byOwner[owner.uid] = nil }
        }
        for (name, function) in indexers {
            for value in function(object) {
                state.indexes[name]?[value]?.remove(key)
                if state.indexes[name]?[value]?.isEmpty == true { state.indexes[name]?[value] = nil }
            }
        }
    }
}
