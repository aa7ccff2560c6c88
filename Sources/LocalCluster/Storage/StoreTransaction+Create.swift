import ServingAPI

extension StoreTransaction {
    /// POST: names the object (generateName), fills the system metadata, drops status for kinds with a status
    /// subresource, applies the kind's defaults and checks, and stores it.
    mutating func create(_ info: ResourceInfo, namespace: String?, object input: JSONValue) throws(APIServerError) -> JSONValue {
        var object = CustomResourceValidation.prepared(try ObjectChecks.typeMeta(input, info), info)
        try placeInNamespace(&object, info, namespace: namespace)
        if object.name?.isEmpty ?? true {
            guard let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty else {
                throw .invalid(
                    info.type, name: "",
                    causes: [.init(reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name")])
            }
            object.name = try uniqueName(prefix: prefix, info, namespace: object.namespace ?? "")
        }
        let name = object.name ?? ""
        let key = ObjectKey(storageKey: info.storageKey, namespace: object.namespace ?? "", name: name)
        guard get(key) == nil else { throw .alreadyExists(info.type, name: name) }
        var metadata = object["metadata"]?.objectValue ?? [:]
        for field in ["resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "generation"] {
            metadata[field] = nil
        }
        metadata["uid"] = .string(makeUID())
        metadata["creationTimestamp"] = .string(timestamp)
        if info.tracksGeneration { metadata["generation"] = 1 }
        object["metadata"] = .object(metadata)
        if info.hasStatus { object["status"] = nil }
        object = try ResourceStrategy.prepareForCreate(object, info, self)
        try ObjectChecks.validate(object, old: nil, info)
        return put(key, object)
    }

    private func placeInNamespace(_ object: inout JSONValue, _ info: ResourceInfo, namespace: String?) throws(APIServerError) {
        guard info.type.namespaced else {
            object.namespace = nil
            return
        }
        guard let namespace, !namespace.isEmpty else {
            throw .badRequest("the server could not find the requested resource: \(info.groupResource) must be created in a namespace")
        }
        if let given = object.namespace, !given.isEmpty, given != namespace {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        object.namespace = namespace
        let namespaceKey = ObjectKey(storageKey: ResourceInfo.namespaces.storageKey, namespace: "", name: namespace)
        guard let namespaceObject = get(namespaceKey) else { throw .notFound(ResourceInfo.namespaces.type, name: namespace) }
        if namespaceObject.deletionTimestamp != nil {
            throw .forbidden(
                info.type, name: object.name ?? "",
                why: "unable to create new content in namespace \(namespace) because it is being terminated")
        }
    }

    private mutating func uniqueName(prefix: String, _ info: ResourceInfo, namespace: String) throws(APIServerError) -> String {
        for _ in 0..<8 {
            let name = String(prefix.prefix(58)) + makeNameSuffix()
            if get(ObjectKey(storageKey: info.storageKey, namespace: namespace, name: name)) == nil { return name }
        }
        throw .alreadyExists(info.type, name: prefix)
    }
}
