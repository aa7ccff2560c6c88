import ServingAPI

/// Checks every write passes: the body is an object of the resource's kind and version, and names are valid.
enum ObjectChecks {
    /// The body's `apiVersion` and `kind` must be the resource's (when given); the result carries the storage
    /// version's `apiVersion`.
    static func typeMeta(_ object: JSONValue, _ info: ResourceInfo) throws(APIServerError) -> JSONValue {
        guard case .object = object else { throw .badRequest("the body of the request must be a JSON object") }
        if let apiVersion = object.apiVersion, !apiVersion.isEmpty, apiVersion != info.type.apiVersion {
            let sameGroup = info.isCustom && apiVersion.hasPrefix(info.type.group + "/")
            if !sameGroup {
                throw .badRequest(
                    "the API version in the data (\(apiVersion)) does not match the expected API version (\(info.type.apiVersion))")
            }
        }
        if let kind = object.kind, !kind.isEmpty, kind != info.type.kind {
            throw .badRequest("the kind in the data (\(kind)) does not match the expected kind (\(info.type.kind))")
        }
        if let metadata = object["metadata"], metadata.objectValue == nil {
            throw .badRequest("metadata must be an object")
        }
        var result = object
        result["apiVersion"] = .string(info.type.group.isEmpty ? info.storageVersion : "\(info.type.group)/\(info.storageVersion)")
        result["kind"] = .string(info.type.kind)
        return result
    }

    static func validate(_ object: JSONValue, old: JSONValue?, _ info: ResourceInfo) throws(APIServerError) {
        var causes: [K8s.Status.Cause] = []
        let name = object.name ?? ""
        let isLabel = info.storageKey == ResourceInfo.namespaces.storageKey || info.storageKey == "/services"
        if let problem = isLabel ? NameRules.dnsLabelProblem(name) : NameRules.dnsSubdomainProblem(name) {
            causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": \(problem)", field: "metadata.name"))
        }
        for (key, value) in object.labels {
            if let problem = NameRules.labelValueProblem(value) {
                causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \"\(value)\": \(problem)", field: "metadata.labels"))
            }
            if let problem = NameRules.qualifiedNameProblem(key) {
                causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \"\(key)\": \(problem)", field: "metadata.labels"))
            }
        }
        causes += CustomResourceValidation.causes(object, old: old, info)
        if info.storageKey == "apps/deployments" { causes += DeploymentValidation.causes(object, old: old) }
        if !causes.isEmpty { throw .invalid(info.type, name: name, causes: causes) }
    }
}
