import ServingAPI

/// Where one object lives: its storage (`group/plural`), namespace ("" for cluster-scoped kinds) and name.
struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    var storageKey: String
    var namespace: String
    var name: String

    /// The key within one storage, sorted as etcd lists them.
    var itemKey: String { "\(namespace)/\(name)" }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.itemKey < rhs.itemKey }

    var description: String { namespace.isEmpty ? "\(storageKey) \(name)" : "\(storageKey) \(namespace)/\(name)" }
}

/// Everything stored, as one value: objects per storage, the global resourceVersion, and the registry that the
/// stored CRDs give. Changed only through a `StoreTransaction`.
struct ClusterState: Sendable {
    /// storage key → item key (`namespace/name`) → object (always at its storage version).
    var objects: [String: [String: JSONValue]] = [:]
    var resourceVersion: Int64 = 0
    var registry = ResourceRegistry()
    /// The objects with a deletionTimestamp: while any exists, the garbage collector may have work after any write.
    var terminating: Set<ObjectKey> = []
    /// The uids of every stored object: whether an owner still exists, without a scan.
    var uids: Set<String> = []

    func object(_ key: ObjectKey) -> JSONValue? { objects[key.storageKey]?[key.itemKey] }

    /// The objects of one storage, in key order, optionally within one namespace.
    func list(storageKey: String, namespace: String?) -> [(key: String, object: JSONValue)] {
        let items = objects[storageKey] ?? [:]
        let prefix = namespace.map { "\($0)/" }
        return items.keys.sorted().compactMap { key in
            if let prefix, !key.hasPrefix(prefix) { return nil }
            return items[key].map { (key, $0) }
        }
    }

    /// Every stored object with its key (for garbage collection and namespace cleanup).
    var allObjects: [(key: ObjectKey, object: JSONValue)] {
        objects.keys.sorted().flatMap { storageKey in
            (objects[storageKey] ?? [:]).sorted { $0.key < $1.key }.map { item in
                (ObjectKey(storageKey: storageKey, namespace: item.value.namespace ?? "", name: item.value.name ?? ""), item.value)
            }
        }
    }

    /// Records where `object` now stands (nil: removed; `previous`: what was stored before) in the `terminating`
    /// and `uids` indexes.
    mutating func track(_ key: ObjectKey, _ object: JSONValue?, previous: JSONValue?) {
        if object?.deletionTimestamp != nil { terminating.insert(key) } else { terminating.remove(key) }
        if let uid = previous?.uid, uid != object?.uid { uids.remove(uid) }
        if let uid = object?.uid { uids.insert(uid) }
    }

    func namespaceExists(_ name: String) -> Bool { objects[ResourceInfo.namespaces.storageKey]?["/\(name)"] != nil }
}
