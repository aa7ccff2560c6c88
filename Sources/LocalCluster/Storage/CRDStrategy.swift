import APIMachinery
import ServingAPI

/// CustomResourceDefinition rules: the name is `<plural>.<group>`, exactly one storage version, names that do not
/// collide with a served resource; the status says the names are accepted and the CRD is established at once.
enum CRDStrategy {
    static func checkNames(_ crd: JSONValue, registry: ResourceRegistry) throws(APIServerError) {
        let type = ResourceInfo.customResourceDefinitions.type
        let name = crd.name ?? ""
        var causes: [K8s.Status.Cause] = []
        let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
        let plural = crd[path: ["spec", "names", "plural"]]?.stringValue ?? ""
        if group.isEmpty { causes.append(required("spec.group")) }
        if plural.isEmpty { causes.append(required("spec.names.plural")) }
        if crd[path: ["spec", "names", "kind"]]?.stringValue?.isEmpty ?? true { causes.append(required("spec.names.kind")) }
        if !group.isEmpty, !plural.isEmpty, name != "\(plural).\(group)" {
            causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group", field: "metadata.name"))
        }
        let versions = crd[path: ["spec", "versions"]]?.arrayValue ?? []
        if versions.isEmpty { causes.append(required("spec.versions")) }
        let storageCount = versions.filter { $0["storage"]?.boolValue == true }.count
        if !versions.isEmpty, storageCount != 1 {
            causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: must have exactly one version marked as storage version", field: "spec.versions"))
        }
        let scope = crd[path: ["spec", "scope"]]?.stringValue ?? ""
        if scope != "Namespaced", scope != "Cluster" {
            causes.append(.init(reason: "FieldValueNotSupported", message: "Unsupported value: \"\(scope)\": supported values: \"Cluster\", \"Namespaced\"", field: "spec.scope"))
        }
        if registry.resources.contains(where: { $0.type.group == group && $0.type.plural == plural }) {
            causes.append(.init(reason: "FieldValueDuplicate", message: "Duplicate value: \"\(plural)\"", field: "spec.names.plural"))
        }
        causes += versionCauses(versions)
        if !causes.isEmpty { throw .invalid(type, name: name, causes: causes) }
    }

    /// Each version's schema must be structural (with CEL rules that compile) and its printer columns valid.
    static func versionCauses(_ versions: [JSONValue]) -> [K8s.Status.Cause] {
        var causes: [K8s.Status.Cause] = []
        for (index, version) in versions.enumerated() {
            let path = "spec.versions[\(index)]"
            if let schema = version[path: ["schema", "openAPIV3Schema"]] {
                do {
                    _ = try StructuralSchema(schema, fieldPath: "\(path).schema.openAPIV3Schema")
                } catch {
                    causes += error.causes.isEmpty ? [.init(reason: "FieldValueInvalid", message: error.message, field: "\(path).schema.openAPIV3Schema")] : error.causes
                }
            }
            if let columns = version["additionalPrinterColumns"] {
                causes += TableConverter.validate(printerColumns: columns, fieldPath: "\(path).additionalPrinterColumns")
            }
        }
        return causes
    }

    private static func required(_ field: String) -> K8s.Status.Cause {
        .init(reason: "FieldValueRequired", message: "Required value", field: field)
    }

    /// `singular` and `listKind` default from `kind`; the conversion strategy defaults to None.
    static func defaulted(_ crd: JSONValue) -> JSONValue {
        var crd = crd
        let kind = crd[path: ["spec", "names", "kind"]]?.stringValue ?? ""
        if crd[path: ["spec", "names", "singular"]] == nil { crd[path: ["spec", "names", "singular"]] = .string(kind.lowercased()) }
        if crd[path: ["spec", "names", "listKind"]] == nil { crd[path: ["spec", "names", "listKind"]] = .string(kind + "List") }
        if crd[path: ["spec", "conversion"]] == nil { crd[path: ["spec", "conversion"]] = ["strategy": "None"] }
        return crd
    }

    /// NamesAccepted and Established, `acceptedNames`, and the stored versions (kept, plus the current one).
    static func status(for crd: JSONValue, old: JSONValue?, now: String?) -> JSONValue {
        let oldStatus = old?["status"]
        let transition = now ?? oldStatus?["conditions"]?.arrayValue?.first?["lastTransitionTime"]?.stringValue ?? ""
        var stored = (oldStatus?["storedVersions"]?.arrayValue ?? []).compactMap(\.stringValue)
        for version in crd[path: ["spec", "versions"]]?.arrayValue ?? [] where version["storage"]?.boolValue == true {
            if let name = version["name"]?.stringValue, !stored.contains(name) { stored.append(name) }
        }
        return [
            "acceptedNames": crd[path: ["spec", "names"]] ?? [:],
            "conditions": [
                [
                    "type": "NamesAccepted", "status": "True", "reason": "NoConflicts", "message": "no conflicts found",
                    "lastTransitionTime": .string(transition),
                ],
                [
                    "type": "Established", "status": "True", "reason": "InitialNamesAccepted",
                    "message": "the initial names have been accepted", "lastTransitionTime": .string(transition),
                ],
            ],
            "storedVersions": .array(stored.map(JSONValue.string)),
        ]
    }
}
