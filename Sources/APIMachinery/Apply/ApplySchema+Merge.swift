import ServingAPI

extension ApplySchema {
    /// structured-merge-diff's `Merge`: the config laid over the live object. Maps merge member by member,
    /// granular lists element by element (the config's elements in its order, the live object's others where
    /// they stood), atomic lists and maps and scalars are replaced.
    func merge(_ live: JSONValue?, _ config: JSONValue, path: [String] = []) -> JSONValue {
        guard let live else { return config }
        switch shape(live, config, path: path) {
        case .leaf:
            return config
        case .map:
            var result = live.objectValue ?? [:]
            for (key, value) in config.objectValue ?? [:] {
                result[key] = merge(result[key], value, path: path + [key])
            }
            return .object(result)
        case .list(let list):
            return .array(mergeList(live.arrayValue ?? [], config.arrayValue ?? [], list: list, path: path))
        }
    }

    private func mergeList(_ live: [JSONValue], _ config: [JSONValue], list: ListShape, path: [String]) -> [JSONValue] {
        let liveItems = index(live, shape: list)
        let configItems = index(config, shape: list)
        let liveByElement = Dictionary(liveItems, uniquingKeysWith: { first, _ in first })
        let configElements = Set(configItems.map(\.0))
        var result: [JSONValue] = []
        var next = 0
        func emitConfig(through element: ManagedPathElement?) {
            while next < configItems.count {
                let (current, item) = configItems[next]
                next += 1
                result.append(merge(liveByElement[current], item, path: path))
                if current == element { return }
            }
        }
        for (element, item) in liveItems {
            if configElements.contains(element) {
                if !configItems[..<next].contains(where: { $0.0 == element }) { emitConfig(through: element) }
            } else {
                result.append(item)
            }
        }
        emitConfig(through: nil)
        return result
    }

    /// structured-merge-diff's `RemoveItems`, guarded: removes the paths in `remove` from `value`, except that a
    /// map or list element some path in `keep` still reaches is kept and only its other contents go.
    func removing(_ remove: ManagedFieldSet, keep: ManagedFieldSet?, from value: JSONValue, path: [String] = []) -> JSONValue {
        switch shape(value, path: path) {
        case .leaf:
            return value
        case .map:
            var members = value.objectValue ?? [:]
            for (key, child) in members {
                let element = ManagedPathElement.field(key)
                let keepChild = keep?.children[element]
                if remove.members.contains(element), keepChild?.isEmpty ?? true, keep?.members.contains(element) != true {
                    members[key] = nil
                } else if let inner = remove.children[element] {
                    members[key] = removing(inner, keep: keepChild, from: child, path: path + [key])
                }
            }
            return .object(members)
        case .list(let list):
            var result: [JSONValue] = []
            for item in value.arrayValue ?? [] {
                guard let element = element(item, shape: list) else {
                    result.append(item)
                    continue
                }
                let keepChild = keep?.children[element]
                if remove.members.contains(element), keepChild?.isEmpty ?? true, keep?.members.contains(element) != true {
                    continue
                }
                if let inner = remove.children[element], case .keyed = list {
                    result.append(removing(inner, keep: keepChild, from: item, path: path))
                } else {
                    result.append(item)
                }
            }
            return .array(result)
        }
    }
}
