import ServingAPI

/// One `metadata.managedFields` entry: who owns which fields, through which operation.
struct ManagedFieldsEntry: Equatable {
    var manager: String
    var operation: String
    var apiVersion: String
    var time: String?
    var subresource: String?
    var fields: ManagedFieldSet

    static let apply = "Apply"
    static let update = "Update"

    /// Who the entry belongs to, as the API server tells managers apart: appliers by name (and subresource),
    /// updaters by name, API version and subresource.
    func sameManager(as other: ManagedFieldsEntry) -> Bool {
        manager == other.manager && operation == other.operation && subresource == other.subresource
            && (operation == Self.apply || apiVersion == other.apiVersion)
    }

    /// How conflict messages name it: `"kubectl-client-side-apply" using apps/v1`.
    var displayName: String {
        var name = "\"\(manager)\""
        if let subresource { name += " with subresource \"\(subresource)\"" }
        return operation == Self.update ? "\(name) using \(apiVersion)" : name
    }

    init(manager: String, operation: String, apiVersion: String, time: String?, subresource: String?, fields: ManagedFieldSet) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    init?(_ value: JSONValue) {
        guard let manager = value["manager"]?.stringValue, let operation = value["operation"]?.stringValue else {
            return nil
        }
        self.manager = manager
        self.operation = operation
        apiVersion = value["apiVersion"]?.stringValue ?? ""
        time = value["time"]?.stringValue
        subresource = value["subresource"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        fields = value["fieldsV1"].flatMap(ManagedFieldSet.init(fieldsV1:)) ?? ManagedFieldSet()
    }

    var json: JSONValue {
        var value: JSONValue = [
            "manager": .string(manager), "operation": .string(operation), "apiVersion": .string(apiVersion),
            "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
        ]
        value["time"] = time.map(JSONValue.string)
        value["subresource"] = subresource.map(JSONValue.string)
        return value
    }

    /// The entries of an object's `metadata.managedFields` (entries that cannot be read are dropped).
    static func entries(of object: JSONValue?) -> [ManagedFieldsEntry] {
        (object?[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap(ManagedFieldsEntry.init)
    }

    /// The object with `entries` as its managedFields, empty ones dropped, in the API server's order
    /// (operation, time, manager, API version, subresource).
    static func storing(_ entries: [ManagedFieldsEntry], in object: JSONValue) -> JSONValue {
        let kept = entries.filter { !$0.fields.isEmpty }.sorted { left, right in
            if left.operation != right.operation { return left.operation < right.operation }
            if left.time != right.time { return (left.time ?? "") < (right.time ?? "") }
            if left.manager != right.manager { return left.manager < right.manager }
            if left.apiVersion != right.apiVersion { return left.apiVersion < right.apiVersion }
            return (left.subresource ?? "") < (right.subresource ?? "")
        }
        var result = object
        result[path: ["metadata", "managedFields"]] = kept.isEmpty ? nil : .array(kept.map(\.json))
        if result["metadata"] == nil { result["metadata"] = .object([:]) }
        return result
    }
}
