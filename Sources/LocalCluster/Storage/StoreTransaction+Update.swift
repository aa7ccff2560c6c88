import ServingAPI

extension StoreTransaction {
    /// PUT (and the write after a patch): optimistic concurrency on `metadata.resourceVersion` (none given:
    /// unconditional), system metadata kept, status and spec written apart where a status subresource exists,
    /// `generation` bumped when the spec changed. A write that changes nothing keeps the resourceVersion.
    mutating func update(
        _ info: ResourceInfo, _ key: ObjectKey, object input: JSONValue, subresource: String? = nil
    ) throws(APIServerError) -> JSONValue {
        guard let old = get(key) else { throw .notFound(info.type, name: key.name) }
        var object = CustomResourceValidation.prepared(try ObjectChecks.typeMeta(input, info), info)
        if let name = object.name, !name.isEmpty, name != key.name {
            throw .badRequest("the name of the object (\(name)) does not match the name on the URL (\(key.name))")
        }
        if info.type.namespaced, let namespace = object.namespace, !namespace.isEmpty, namespace != key.namespace {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if let version = object.resourceVersion, !version.isEmpty, version != old.resourceVersion {
            throw .conflict(info.type, name: key.name, why: "the object has been modified; please apply your changes to the latest version and try again")
        }
        object = Self.separateStatus(object, old: old, info, subresource: subresource)
        object = Self.keepSystemMetadata(object, old: old, key: key)
        if info.tracksGeneration, Self.specChanged(object, old, info) {
            object[path: ["metadata", "generation"]] = .int((old.generation ?? 0) + 1)
        }
        if old.deletionTimestamp != nil, !Set(object.finalizers).isSubset(of: Set(old.finalizers)) {
            throw .invalid(
                info.type, name: key.name,
                causes: [.init(reason: "FieldValueForbidden", message: "Forbidden: no new finalizers can be added if the object is being deleted", field: "metadata.finalizers")])
        }
        object = try ResourceStrategy.prepareForUpdate(object, old: old, info, self)
        try ObjectChecks.validate(object, old: old, info)
        var comparable = object
        comparable.resourceVersion = old.resourceVersion
        if comparable == old { return old }
        return put(key, object)
    }

    /// A status write takes only `status` from the body; a main write keeps the stored status.
    static func separateStatus(_ object: JSONValue, old: JSONValue, _ info: ResourceInfo, subresource: String?) -> JSONValue {
        guard info.hasStatus else { return object }
        if subresource == "status" {
            var result = old
            result["status"] = object["status"]
            result[path: ["metadata", "managedFields"]] = object[path: ["metadata", "managedFields"]]
            return result
        }
        var result = object
        result["status"] = old["status"]
        return result
    }

    private static func keepSystemMetadata(_ object: JSONValue, old: JSONValue, key: ObjectKey) -> JSONValue {
        var result = object
        for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
            result[path: ["metadata", field]] = old[path: ["metadata", field]]
        }
        result.name = key.name
        result.namespace = key.namespace.isEmpty ? nil : key.namespace
        result[path: ["metadata", "selfLink"]] = nil
        return result
    }

    /// The spec is everything but metadata (and status, where status is a subresource).
    static func specChanged(_ object: JSONValue, _ old: JSONValue, _ info: ResourceInfo) -> Bool {
        func spec(_ value: JSONValue) -> JSONValue {
            var members = value.objectValue ?? [:]
            members["metadata"] = nil
            if info.hasStatus { members["status"] = nil }
            return .object(members)
        }
        return spec(object) != spec(old)
    }
}
