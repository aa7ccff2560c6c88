import ServingAPI

/// The apps/v1 Deployment checks users meet most: a selector that matches the template's labels, at least one
/// container with a name and an image, replicas not negative, and a selector that never changes.
enum DeploymentValidation {
    static func causes(_ deployment: JSONValue, old: JSONValue?) -> [K8s.Status.Cause] {
        var causes: [K8s.Status.Cause] = []
        let selectorValue = deployment[path: ["spec", "selector"]]
        let selector = selectorValue.flatMap { try? LabelSelector(json: $0) }
        if selector == nil || selector?.isEverything == true {
            causes.append(.init(reason: "FieldValueRequired", message: "Required value", field: "spec.selector"))
        } else if let selector, !selector.matches(labels(deployment[path: ["spec", "template", "metadata", "labels"]])) {
            causes.append(
                .init(
                    reason: "FieldValueInvalid",
                    message: "Invalid value: \(labelsText(deployment)): `selector` does not match template `labels`",
                    field: "spec.template.metadata.labels"))
        }
        if let old, old[path: ["spec", "selector"]] != selectorValue {
            causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \(selectorValue?.jsonText ?? "null"): field is immutable", field: "spec.selector"))
        }
        if let replicas = deployment[path: ["spec", "replicas"]]?.intValue, replicas < 0 {
            causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \(replicas): must be greater than or equal to 0", field: "spec.replicas"))
        }
        let containers = deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        if containers.isEmpty {
            causes.append(.init(reason: "FieldValueRequired", message: "Required value", field: "spec.template.spec.containers"))
        }
        for (index, container) in containers.enumerated() {
            for field in ["name", "image"] where container[field]?.stringValue?.isEmpty ?? true {
                causes.append(.init(reason: "FieldValueRequired", message: "Required value", field: "spec.template.spec.containers[\(index)].\(field)"))
            }
        }
        return causes
    }

    private static func labels(_ value: JSONValue?) -> [String: String] {
        (value?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    private static func labelsText(_ deployment: JSONValue) -> String {
        let text = labels(deployment[path: ["spec", "template", "metadata", "labels"]]).sorted { $0.key < $1.key }
            .map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
        return "map[string]string{\(text)}"
    }
}
