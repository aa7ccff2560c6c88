import ServingAPI

/// Server-side apply and field ownership (`metadata.managedFields`), after sigs.k8s.io/structured-merge-diff and
/// k8s.io/apimachinery's fieldmanager.
public enum ServerSideApply {
    /// Fields nobody owns: identity and bookkeeping the server sets (fieldmanager's stripMeta).
    static let unowned: ManagedFieldSet = {
        var set = ManagedFieldSet()
        set.insert([ManagedPathElement.field("apiVersion")])
        set.insert([ManagedPathElement.field("kind")])
        set.insert([ManagedPathElement.field("metadata")])
        for field in [
            "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
            "selfLink", "clusterName",
        ] {
            set.insert([ManagedPathElement.field("metadata"), .field(field)])
        }
        return set
    }()

    /// `kubectl apply --server-side` (PATCH application/apply-patch+yaml; the body is JSON). Returns the new object
    /// with metadata.managedFields updated. `live` is nil when the object does not exist yet (apply creates it).
    public static func apply(
        config: JSONValue, to live: JSONValue?, manager: String, force: Bool, strategy: PatchStrategy, now: String
    ) throws(MachineryError) -> JSONValue {
        try apply(
            config: config, to: live, manager: manager, force: force, strategy: strategy, now: now, subresource: nil,
            resetFields: [])
    }

    /// Apply through a subresource (`kubectl apply --subresource=status`: the entry records `subresource`) and with
    /// `resetFields`, top-level fields whose values in the config are ignored and never owned, as the API server's
    /// reset strategies do: `status` for the main resource of a kind with a status subresource, `spec` (and the
    /// like) for a status write.
    public static func apply(
        config: JSONValue, to live: JSONValue?, manager: String, force: Bool, strategy: PatchStrategy, now: String,
        subresource: String?, resetFields: Set<String>
    ) throws(MachineryError) -> JSONValue {
        var config = try validated(config, against: live)
        for field in resetFields { config[field] = nil }
        let schema = ApplySchema(strategy: strategy)
        try schema.validate(config)
        let liveBody = body(of: live)
        var entries = ManagedFieldsEntry.entries(of: live)
        let apiVersion = config["apiVersion"]?.stringValue ?? ""
        let applier = ManagedFieldsEntry(
            manager: manager, operation: ManagedFieldsEntry.apply, apiVersion: apiVersion, time: now,
            subresource: subresource, fields: schema.fieldSet(of: config).subtracting(unowned))
        let previous = entries.firstIndex { $0.sameManager(as: applier) }
        let others = entries.indices.filter { $0 != previous }

        var merged = schema.merge(liveBody, config)
        if let previous {
            let owned = others.reduce(applier.fields) { $0.union(entries[$1].fields) }
            let dropped = entries[previous].fields.subtracting(owned)
            if !dropped.isEmpty { merged = schema.removing(dropped, keep: owned, from: merged) }
        }

        let comparison = schema.compare(liveBody, merged)
        let changed = comparison.changed.subtracting(unowned)
        var conflicts: [(ManagedFieldsEntry, ManagedFieldPath)] = []
        for index in others {
            for path in entries[index].fields.intersection(changed).paths { conflicts.append((entries[index], path)) }
        }
        if !conflicts.isEmpty && !force { throw conflictError(conflicts) }
        for index in others {
            entries[index].fields = entries[index].fields.subtracting(changed).subtracting(comparison.removed)
        }
        var entry = applier
        if let previous {
            if comparison.isEmpty { entry.time = entries[previous].time ?? now }
            entries[previous] = entry
        } else {
            entries.append(entry)
        }
        return ManagedFieldsEntry.storing(entries, in: merged)
    }

    /// Every non-apply write (create, update, merge/JSON/strategic patch, status writes) records ownership of the
    /// fields it changed for `manager` with operation "Update" (subresource "status" for status writes).
    public static func recordUpdate(
        from old: JSONValue?, to new: JSONValue, manager: String, subresource: String?, now: String
    ) -> JSONValue {
        recordUpdate(from: old, to: new, manager: manager, subresource: subresource, now: now, strategy: strategyOf(new))
    }

    /// `recordUpdate` with the kind's strategy given (the one `apply` gets for the same kind, so both describe
    /// list elements alike); the other form looks it up from the object's apiVersion and kind.
    public static func recordUpdate(
        from old: JSONValue?, to new: JSONValue, manager: String, subresource: String?, now: String,
        strategy: PatchStrategy
    ) -> JSONValue {
        let schema = ApplySchema(strategy: strategy)
        var entries = managedFieldsForUpdate(old: old, new: new, subresource: subresource)
        let comparison = schema.compare(body(of: old, like: new), body(of: new))
        let changed = comparison.changed.subtracting(unowned)
        let removed = comparison.removed.subtracting(unowned)
        let actor = ManagedFieldsEntry(
            manager: manager, operation: ManagedFieldsEntry.update, apiVersion: new["apiVersion"]?.stringValue ?? "",
            time: now, subresource: subresource, fields: changed.subtracting(removed))
        let previous = entries.firstIndex { $0.sameManager(as: actor) }
        for index in entries.indices where index != previous {
            entries[index].fields = entries[index].fields.subtracting(changed).subtracting(removed)
        }
        if let previous {
            entries[previous].fields = entries[previous].fields.subtracting(removed).union(actor.fields)
            if !actor.fields.isEmpty { entries[previous].time = now }
        } else {
            entries.append(actor)
        }
        var result = new
        result[path: ["metadata", "managedFields"]] = nil
        return ManagedFieldsEntry.storing(entries, in: result)
    }

    /// The field ownership a write starts from: the live object's, unless the request brings its own (a client
    /// that sends managedFields back replaces them; `[{}]` clears them). Subresource writes keep the live ones.
    private static func managedFieldsForUpdate(old: JSONValue?, new: JSONValue, subresource: String?) -> [ManagedFieldsEntry] {
        guard subresource == nil, case .array(let sent)? = new[path: ["metadata", "managedFields"]] else {
            return ManagedFieldsEntry.entries(of: old)
        }
        if sent.count == 1, sent[0] == .object([:]) { return [] }
        let decoded = ManagedFieldsEntry.entries(of: new)
        return decoded.isEmpty || decoded.count != sent.count ? ManagedFieldsEntry.entries(of: old) : decoded
    }

    /// The object without its managedFields. With no object (a create), what an empty object of that kind holds:
    /// empty `metadata`, and empty `spec` and `status` where the new object has them.
    static func body(of object: JSONValue?, like new: JSONValue? = nil) -> JSONValue {
        guard var object else {
            var empty: [String: JSONValue] = ["metadata": .object([:])]
            for key in ["spec", "status"] where new?[key]?.objectValue != nil { empty[key] = .object([:]) }
            return .object(empty)
        }
        object[path: ["metadata", "managedFields"]] = nil
        return object
    }

    /// The strategy for the object's own kind, from its apiVersion and kind.
    static func strategyOf(_ object: JSONValue) -> PatchStrategy {
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/").first ?? "") : ""
        return PatchStrategy.forKind(group: group, kind: object["kind"]?.stringValue ?? "")
    }
}
