import ServingAPI

extension StrategicMerger {
    /// Merges a list by the field's rule. `order` (from `$setElementOrder`) overrides the patch's order.
    func mergeList(_ original: [JSONValue], _ patch: [JSONValue], path: [String], order: [JSONValue]? = nil)
        throws(MachineryError) -> [JSONValue]
    {
        guard let rule = strategy.rule(path), rule.mergeList else {
            return try patch.map { element throws(MachineryError) in try fresh(element, path: path) }
        }
        let isMaps = patch.contains { $0.objectValue != nil } || original.contains { $0.objectValue != nil }
        guard isMaps else {
            var merged = original
            for element in patch where !merged.contains(where: { $0.semanticallyEquals(element) }) {
                merged.append(element)
            }
            return ordered(merged, patchOrder: order ?? patch, serverOrder: original, identity: { $0 })
        }
        guard let key = rule.mergeKey else {
            throw bad("cannot merge the list \(display(path)) of objects without a merge key")
        }
        let identity: (JSONValue) -> JSONValue? = { $0[key] }
        var base = original
        var items: [[String: JSONValue]] = []
        var replace = false
        for element in patch {
            guard case .object(var members) = element else {
                throw bad("the list \(display(path)) mixes objects and other values")
            }
            guard let directive = members.removeValue(forKey: Self.directive) else {
                items.append(members)
                continue
            }
            switch directive.stringValue {
            case "delete":
                guard let doomed = members[key] else {
                    throw bad("a \(Self.directive): delete element of \(display(path)) has no merge key \"\(key)\"")
                }
                base.removeAll { identity($0)?.semanticallyEquals(doomed) == true }
            case "replace":
                replace = true
            default:
                throw bad("invalid \(Self.directive) directive \(directive.jsonText) in the list \(display(path))")
            }
        }
        if replace { base = [] }
        var merged = base
        for item in items {
            guard let value = item[key] else {
                throw bad("an element of \(display(path)) has no merge key \"\(key)\": \(JSONValue.object(item).jsonText)")
            }
            if let index = merged.firstIndex(where: { identity($0)?.semanticallyEquals(value) == true }),
                case .object(let old) = merged[index]
            {
                merged[index] = .object(try mergeMap(old, item, path: path))
            } else {
                merged.append(.object(try fresh(item, path: path)))
            }
        }
        let patchOrder = order ?? items.map(JSONValue.object)
        return ordered(merged, patchOrder: patchOrder, serverOrder: base, identity: identity)
    }

    /// strategicpatch's normalizeElementOrder: the elements the patch (or `$setElementOrder`) names in its order,
    /// the server's other elements in the server's order, interleaved by where they stood in the server's list.
    private func ordered(
        _ merged: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue], identity: (JSONValue) -> JSONValue?
    ) -> [JSONValue] {
        func position(_ element: JSONValue, in list: [JSONValue]) -> Int? {
            guard let id = identity(element) else { return nil }
            return list.firstIndex { identity($0)?.semanticallyEquals(id) == true }
        }
        var named: [JSONValue] = []
        var serverOnly: [JSONValue] = []
        for element in merged {
            if position(element, in: patchOrder) != nil { named.append(element) } else { serverOnly.append(element) }
        }
        func sorted(_ list: [JSONValue], by order: [JSONValue]) -> [JSONValue] {
            list.enumerated().sorted { left, right in
                let l = position(left.element, in: order) ?? Int.max
                let r = position(right.element, in: order) ?? Int.max
                return l != r ? l < r : left.offset < right.offset
            }.map(\.element)
        }
        let right = sorted(named, by: patchOrder)
        let left = sorted(serverOnly, by: serverOrder)
        var result: [JSONValue] = []
        result.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count {
                result.append(right[j]); j += 1
            } else if j >= right.count {
                result.append(left[i]); i += 1
            } else if let l = position(left[i], in: serverOrder), let r = position(right[j], in: serverOrder), l < r {
                result.append(left[i]); i += 1
            } else {
                result.append(right[j]); j += 1
            }
        }
        return result
    }
}
