import ServingAPI

/// Strategic merge patch (`application/strategic-merge-patch+json`), as k8s.io/apimachinery's strategicpatch applies
/// it on the server: maps merge recursively and `null` deletes; lists the strategy marks merge element by element on
/// their merge key (or as a set of scalars); other lists are replaced. Directives: `$patch: replace|delete|merge`
/// (in a map, or as a list element), `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`.
public enum StrategicMergePatch {
    public static func apply(_ patch: JSONValue, to original: JSONValue, strategy: PatchStrategy)
        throws(MachineryError) -> JSONValue
    {
        guard case .object(let members) = patch else {
            throw MachineryError(.badRequest, "a strategic merge patch must be a JSON object, got \(patch.typeName)")
        }
        let merger = StrategicMerger(strategy: strategy)
        return .object(try merger.mergeMap(original.objectValue ?? [:], members, path: []))
    }
}

struct StrategicMerger {
    static let directive = "$patch"
    static let retainKeys = "$retainKeys"
    static let deleteFromPrimitiveList = "$deleteFromPrimitiveList/"
    static let setElementOrder = "$setElementOrder/"

    let strategy: PatchStrategy

    func bad(_ message: String) -> MachineryError { MachineryError(.badRequest, message) }

    func mergeMap(_ original: [String: JSONValue], _ patch: [String: JSONValue], path: [String])
        throws(MachineryError) -> [String: JSONValue]
    {
        var patch = patch
        if let directive = patch.removeValue(forKey: Self.directive) {
            switch directive.stringValue {
            case "replace": return try fresh(patch, path: path)
            case "delete": return [:]
            case "merge": break
            default: throw bad("invalid \(Self.directive) directive \(directive.jsonText) at \(display(path))")
            }
        }
        var result = original
        if let retained = patch.removeValue(forKey: Self.retainKeys) {
            try applyRetainKeys(retained, patch: patch, to: &result, path: path)
        }
        for key in patch.keys.sorted() where key.hasPrefix(Self.setElementOrder) {
            try applySetElementOrder(key, patch: &patch, to: &result, path: path)
        }
        for (key, value) in patch where key.hasPrefix(Self.deleteFromPrimitiveList) {
            let field = String(key.dropFirst(Self.deleteFromPrimitiveList.count))
            guard case .array(let doomed) = value else { throw bad("\(key) must be a list at \(display(path))") }
            if case .array(let list)? = result[field] {
                result[field] = .array(list.filter { element in !doomed.contains { $0.semanticallyEquals(element) } })
            }
        }
        for (key, value) in patch where !key.hasPrefix(Self.deleteFromPrimitiveList) {
            if key.hasPrefix("$") { throw bad("unknown patch directive \"\(key)\" at \(display(path))") }
            let childPath = path + [key]
            if value.isNull {
                result[key] = nil
                continue
            }
            switch (result[key], value) {
            case (.object(let old)?, .object(let new)):
                result[key] = .object(try mergeMap(old, new, path: childPath))
            case (.array(let old)?, .array(let new)):
                result[key] = .array(try mergeList(old, new, path: childPath))
            default:
                result[key] = try fresh(value, path: childPath)
            }
        }
        return result
    }

    /// A patch value with nothing to merge into: directives still apply (against nothing) and `null`s are dropped.
    func fresh(_ value: JSONValue, path: [String]) throws(MachineryError) -> JSONValue {
        switch value {
        case .object(let members): .object(try fresh(members, path: path))
        case .array(let elements): .array(try mergeList([], elements, path: path))
        default: value
        }
    }

    func fresh(_ members: [String: JSONValue], path: [String]) throws(MachineryError) -> [String: JSONValue] {
        try mergeMap([:], members, path: path)
    }

    private func applyRetainKeys(
        _ retained: JSONValue, patch: [String: JSONValue], to result: inout [String: JSONValue], path: [String]
    ) throws(MachineryError) {
        guard case .array(let list) = retained else { throw bad("\(Self.retainKeys) must be a list at \(display(path))") }
        var keep: Set<String> = []
        for item in list {
            guard let name = item.stringValue else { throw bad("\(Self.retainKeys) must list field names") }
            keep.insert(name)
        }
        for (key, value) in patch where !value.isNull && !key.hasPrefix("$") && !keep.contains(key) {
            throw bad("the field \"\(key)\" at \(display(path)) is in the patch but not in \(Self.retainKeys)")
        }
        result = result.filter { keep.contains($0.key) }
    }

    /// `$setElementOrder/<field>` with the patch's own `<field>` list (if any): merge, then order the elements by
    /// the directive; elements only the server has keep their places relative to the others.
    private func applySetElementOrder(
        _ key: String, patch: inout [String: JSONValue], to result: inout [String: JSONValue], path: [String]
    ) throws(MachineryError) {
        let field = String(key.dropFirst(Self.setElementOrder.count))
        guard case .array(let order) = patch.removeValue(forKey: key) else {
            throw bad("\(key) must be a list at \(display(path))")
        }
        let childPath = path + [field]
        var original = result[field]?.arrayValue ?? []
        if case .array(let doomed)? = patch.removeValue(forKey: Self.deleteFromPrimitiveList + field) {
            original = original.filter { element in !doomed.contains { $0.semanticallyEquals(element) } }
        }
        let patchList: [JSONValue]
        switch patch.removeValue(forKey: field) {
        case .array(let list)?: patchList = list
        case nil: patchList = []
        case .null?:
            result[field] = nil
            return
        case let other?: throw bad("\(field) at \(display(path)) must be a list, got \(other.typeName)")
        }
        if result[field] == nil, patchList.isEmpty { return }
        let rule = strategy.rule(childPath)
        guard rule?.mergeList == true else {
            result[field] = .array(try mergeList(original, patchList, path: childPath))
            return
        }
        let merged = try mergeList(original, patchList, path: childPath, order: order)
        result[field] = .array(merged)
    }

    func display(_ path: [String]) -> String { path.isEmpty ? "the top level" : path.joined(separator: ".") }
}
