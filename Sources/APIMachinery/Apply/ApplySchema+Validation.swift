import ServingAPI

extension ApplySchema {
    /// An apply configuration's lists must identify their elements: every element of an associative list an object
    /// with its key fields, no two elements with the same key, no value twice in a set (422 Invalid otherwise).
    func validate(_ config: JSONValue) throws(MachineryError) {
        var problems: [K8s.Status.Cause] = []
        check(config, path: [], prefix: [], problems: &problems)
        guard let first = problems.first else { return }
        let message = problems.count == 1 ? first.message ?? "" : "\(problems.count) errors: " + problems.compactMap(\.message).joined(separator: "; ")
        throw MachineryError(.invalid, message, causes: problems)
    }

    private func check(_ value: JSONValue, path: [String], prefix: ManagedFieldPath, problems: inout [K8s.Status.Cause]) {
        switch shape(value, path: path) {
        case .leaf:
            return
        case .map:
            for (key, child) in value.objectValue ?? [:] {
                check(child, path: path + [key], prefix: prefix + [.field(key)], problems: &problems)
            }
        case .list(let list):
            var seen: Set<ManagedPathElement> = []
            for item in value.arrayValue ?? [] {
                if case .keyed(let keys, let defaults) = list {
                    let missing = keys.filter { item[$0] == nil && defaults[$0] == nil }
                    guard item.objectValue != nil, missing.isEmpty else {
                        problems.append(
                            K8s.Status.Cause(
                                reason: "FieldValueRequired",
                                message: "\(prefix.display): an element lacks the key field \(missing.first ?? keys[0]): \(item.jsonText)",
                                field: prefix.display))
                        continue
                    }
                }
                guard let element = element(item, shape: list) else { continue }
                if !seen.insert(element).inserted {
                    problems.append(
                        K8s.Status.Cause(
                            reason: "FieldValueDuplicate",
                            message: "\(prefix.display): duplicate entries for key \(element.display)",
                            field: prefix.display))
                }
                if case .keyed = list { check(item, path: path, prefix: prefix + [element], problems: &problems) }
            }
        }
    }
}
