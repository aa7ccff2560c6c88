/// JSON merge patch (RFC 7386): what `kubectl patch --type merge` sends and what a CRD's `kubectl apply` uses.
public enum JSONMergePatch {
    /// Applies `patch` to `target`: objects merge member by member, `null` removes a member, anything else replaces.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    /// The merge patch that turns `original` into `modified` (`nil` when they are equal). Arrays are replaced whole.
    public static func diff(from original: JSONValue, to modified: JSONValue) -> JSONValue? {
        guard case .object(let old) = original, case .object(let new) = modified else {
            // `JSONValue?.none`, not `nil`: a bare nil would become the JSON null the patch uses to delete.
            return original == modified ? JSONValue?.none : modified
        }
        var patch: [String: JSONValue] = [:]
        for (key, value) in new {
            if let previous = old[key] {
                if let change = diff(from: previous, to: value) { patch[key] = change }
            } else {
                patch[key] = value
            }
        }
        for key in old.keys where new[key] == nil { patch[key] = .null }
        return patch.isEmpty ? JSONValue?.none : .object(patch)
    }
}
