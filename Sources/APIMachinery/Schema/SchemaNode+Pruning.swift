import ServingAPI

/// Pruning (dropping fields the schema does not declare) and defaulting, as the apiserver does them.
extension SchemaNode {
    /// The fields of `ObjectMeta`: everything else under a resource's `metadata` is dropped.
    static let objectMetaFields: Set<String> = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
    ]

    /// `isResourceRoot`: the object is a whole resource (the root, or an embedded resource), whose `apiVersion`,
    /// `kind` and `metadata` are always kept (metadata reduced to ObjectMeta's fields).
    func prune(_ value: JSONValue, isResourceRoot: Bool) -> JSONValue {
        switch value {
        case .object(let members): return .object(pruneMembers(members, isResourceRoot: isResourceRoot || embeddedResource))
        case .array(let elements):
            guard let items else { return value }
            return .array(elements.map { items.prune($0, isResourceRoot: false) })
        default: return value
        }
    }

    private func pruneMembers(_ members: [String: JSONValue], isResourceRoot: Bool) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (key, member) in members {
            if isResourceRoot && (key == "apiVersion" || key == "kind") {
                result[key] = member
            } else if isResourceRoot && key == "metadata" {
                result[key] = Self.pruneMetadata(member)
            } else if let child = childSchema(key) {
                result[key] = child.prune(member, isResourceRoot: false)
            } else if preserveUnknownFields || intOrString || { if case .any = additionalProperties { true } else { false } }() {
                result[key] = member
            }
        }
        return result
    }

    private static func pruneMetadata(_ metadata: JSONValue) -> JSONValue {
        guard case .object(let members) = metadata else { return metadata }
        return .object(members.filter { objectMetaFields.contains($0.key) })
    }

    /// Fills in `default`s for absent fields (and for nulls where the field is not nullable), then recurses into
    /// objects, map values and list items, defaults included.
    func applyDefaults(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var members):
            for (key, property) in properties {
                guard let defaultValue = property.defaultValue else { continue }
                if members[key] == nil || (members[key] == .null && !property.nullable) { members[key] = defaultValue }
            }
            for (key, member) in members {
                if let child = childSchema(key) { members[key] = child.applyDefaults(member) }
            }
            return .object(members)
        case .array(let elements):
            guard let items else { return value }
            return .array(elements.map { items.applyDefaults($0) })
        default: return value
        }
    }
}
