import ServingAPI

/// The object's shape as server-side apply needs it, read from a `PatchStrategy`: which lists are associative
/// (by which keys), which are sets, which lists and maps are atomic. Like structured-merge-diff's deduced schema,
/// a field the strategy does not name is a map merged member by member or an atomic list.
struct ApplySchema {
    enum ListShape {
        case atomic
        case set
        case keyed([String], defaults: [String: JSONValue])
    }

    let strategy: PatchStrategy

    func listShape(_ path: [String]) -> ListShape {
        guard let rule = strategy.rule(path) else { return .atomic }
        if !rule.listMapKeys.isEmpty { return .keyed(rule.listMapKeys, defaults: rule.keyDefaults) }
        return rule.listSet ? .set : .atomic
    }

    func isAtomicMap(_ path: [String]) -> Bool { strategy.rule(path)?.atomicMap ?? false }

    /// The path element of a list element: its key fields (defaults filled in) or its value.
    func element(_ item: JSONValue, shape: ListShape) -> ManagedPathElement? {
        switch shape {
        case .atomic: return nil
        case .set: return .value(item)
        case .keyed(let keys, let defaults):
            var fields: [String: JSONValue] = [:]
            for key in keys {
                if let value = item[key] ?? defaults[key] { fields[key] = value }
            }
            return .key(.object(fields))
        }
    }

    /// The elements of a granular list by their path elements (the first of any duplicates wins).
    func index(_ list: [JSONValue], shape: ListShape) -> [(ManagedPathElement, JSONValue)] {
        var seen: Set<ManagedPathElement> = []
        var result: [(ManagedPathElement, JSONValue)] = []
        for item in list {
            guard let element = element(item, shape: shape), seen.insert(element).inserted else { continue }
            result.append((element, item))
        }
        return result
    }

    enum Shape {
        case leaf
        case map
        case list(ListShape)
    }

    func shape(_ values: JSONValue?..., path: [String]) -> Shape {
        let present = values.compactMap { $0 }
        if present.allSatisfy({ $0.objectValue != nil }), !isAtomicMap(path) { return .map }
        if present.allSatisfy({ $0.arrayValue != nil }) {
            let list = listShape(path)
            if case .atomic = list { return .leaf }
            return .list(list)
        }
        return .leaf
    }

    // MARK: The fields a value sets

    /// structured-merge-diff's `ToFieldSet`: every scalar, atomic list or atomic map, and every element of a
    /// granular list; a map itself is not a member, only what it holds.
    func fieldSet(of value: JSONValue, path: [String] = [], at prefix: ManagedFieldPath = []) -> ManagedFieldSet {
        var set = ManagedFieldSet()
        collect(value, path: path, prefix: prefix, into: &set)
        return set
    }

    private func collect(_ value: JSONValue, path: [String], prefix: ManagedFieldPath, into set: inout ManagedFieldSet) {
        switch shape(value, path: path) {
        case .leaf:
            set.insert(prefix)
        case .map:
            for (key, child) in value.objectValue ?? [:] {
                collect(child, path: path + [key], prefix: prefix + [.field(key)], into: &set)
            }
        case .list(let list):
            for (element, item) in index(value.arrayValue ?? [], shape: list) {
                let itemPrefix = prefix + [element]
                set.insert(itemPrefix)
                if case .keyed = list { collect(item, path: path, prefix: itemPrefix, into: &set) }
            }
        }
    }

    // MARK: Comparing two versions

    struct Comparison {
        var added = ManagedFieldSet()
        var modified = ManagedFieldSet()
        var removed = ManagedFieldSet()

        var changed: ManagedFieldSet { added.union(modified) }
        var isEmpty: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }
    }

    /// structured-merge-diff's `Compare`: added, modified and removed leaves; a map or list element that appears
    /// or disappears whole is itself added or removed too.
    func compare(_ old: JSONValue, _ new: JSONValue) -> Comparison {
        var result = Comparison()
        compare(old, new, path: [], prefix: [], into: &result)
        return result
    }

    private func compare(_ old: JSONValue?, _ new: JSONValue?, path: [String], prefix: ManagedFieldPath, into result: inout Comparison) {
        if old == nil, new == nil { return }
        switch shape(old, new, path: path) {
        case .leaf:
            if old == nil {
                result.added.insert(prefix)
            } else if new == nil {
                result.removed.insert(prefix)
            } else if let old, let new, !old.semanticallyEquals(new) {
                result.modified.insert(prefix)
            }
            return
        case .map:
            let left = old?.objectValue ?? [:]
            let right = new?.objectValue ?? [:]
            for key in Set(left.keys).union(right.keys) {
                compare(left[key], right[key], path: path + [key], prefix: prefix + [.field(key)], into: &result)
            }
        case .list(let list):
            let left = index(old?.arrayValue ?? [], shape: list)
            let right = Dictionary(index(new?.arrayValue ?? [], shape: list), uniquingKeysWith: { first, _ in first })
            let leftByElement = Dictionary(left, uniquingKeysWith: { first, _ in first })
            for element in Set(leftByElement.keys).union(right.keys) {
                let itemPrefix = prefix + [element]
                if case .keyed = list {
                    compare(leftByElement[element], right[element], path: path, prefix: itemPrefix, into: &result)
                } else if leftByElement[element] == nil {
                    result.added.insert(itemPrefix)
                } else if right[element] == nil {
                    result.removed.insert(itemPrefix)
                }
            }
        }
        guard !prefix.isEmpty else { return }
        if old == nil { result.added.insert(prefix) } else if new == nil { result.removed.insert(prefix) }
    }
}
