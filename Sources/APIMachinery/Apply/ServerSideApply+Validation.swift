import ServingAPI

extension ServerSideApply {
    /// The apply configuration, checked (an object with apiVersion and kind matching the live object's, no
    /// managedFields, keyed list elements with their keys) and with its `null`s dropped.
    static func validated(_ config: JSONValue, against live: JSONValue?) throws(MachineryError) -> JSONValue {
        guard case .object = config else {
            throw MachineryError(.badRequest, "an apply configuration must be a JSON object, got \(config.typeName)")
        }
        guard let apiVersion = config["apiVersion"]?.stringValue, !apiVersion.isEmpty,
            let kind = config["kind"]?.stringValue, !kind.isEmpty
        else {
            throw MachineryError(.badRequest, "the apply configuration must set apiVersion and kind")
        }
        if let live {
            let liveVersion = live["apiVersion"]?.stringValue ?? ""
            let liveKind = live["kind"]?.stringValue ?? ""
            if apiVersion != liveVersion || kind != liveKind {
                throw MachineryError(
                    .badRequest,
                    "the apply configuration is a \(kind) of \(apiVersion), but the object is a \(liveKind) of \(liveVersion)")
            }
        }
        if let managed = config[path: ["metadata", "managedFields"]], !managed.isNull {
            throw MachineryError(.badRequest, "metadata.managedFields must be nil")
        }
        return droppingNulls(config)
    }

    static func droppingNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.filter { !$0.value.isNull }.mapValues(droppingNulls))
        case .array(let elements): .array(elements.map(droppingNulls))
        default: value
        }
    }

    static func conflictError(_ conflicts: [(ManagedFieldsEntry, ManagedFieldPath)]) -> MachineryError {
        let causes = conflicts.map { entry, path in
            K8s.Status.Cause(reason: "FieldManagerConflict", message: "conflict with \(entry.displayName)", field: path.display)
        }
        let message: String
        if conflicts.count == 1, let (entry, path) = conflicts.first {
            message = "Apply failed with 1 conflict: conflict with \(entry.displayName): \(path.display)"
        } else {
            var byManager: [String: [String]] = [:]
            for (entry, path) in conflicts { byManager[entry.displayName, default: []].append(path.display) }
            var lines: [String] = []
            for name in byManager.keys.sorted() {
                lines.append("conflicts with \(name):")
                lines += byManager[name]!.map { "- \($0)" }
            }
            message = "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
        }
        return MachineryError(.conflict, message, causes: causes)
    }
}
