import ServingAPI

/// The `scale` subresource: an autoscaling/v1 Scale read from, and written back to, the object's replica paths
/// (a Deployment's `spec.replicas`, a CRD's `specReplicasPath`).
enum ScaleSubresource {
    static func scale(of object: JSONValue, _ info: ResourceInfo) throws(APIServerError) -> JSONValue {
        guard let paths = info.scale else { throw .pathNotFound() }
        var metadata: JSONValue = [:]
        for field in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            metadata[field] = object[path: ["metadata", field]]
        }
        var status: JSONValue = ["replicas": .int(object[path: paths.statusReplicas]?.intValue ?? 0)]
        if let selectorPath = paths.labelSelector {
            status["selector"] = object[path: selectorPath]
        } else if let selector = object[path: ["spec", "selector"]], let parsed = try? LabelSelector(json: selector) {
            status["selector"] = .string(parsed.description)
        }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": metadata,
            "spec": ["replicas": .int(object[path: paths.specReplicas]?.intValue ?? 0)], "status": status,
        ]
    }

    /// The object with the Scale's `spec.replicas` written to it; the Scale's resourceVersion is a precondition.
    static func apply(scale: JSONValue, to object: JSONValue, _ info: ResourceInfo) throws(APIServerError) -> JSONValue {
        guard let paths = info.scale else { throw .pathNotFound() }
        guard let replicas = scale[path: ["spec", "replicas"]]?.intValue, replicas >= 0 else {
            throw .invalid(
                ResourceInfo.ScaleType, name: object.name ?? "",
                causes: [.init(reason: "FieldValueInvalid", message: "Invalid value: must be greater than or equal to 0", field: "spec.replicas")])
        }
        var result = object
        result[path: paths.specReplicas] = .int(replicas)
        result.resourceVersion = scale.resourceVersion.flatMap { $0.isEmpty ? nil : $0 }
        return result
    }
}

extension ResourceInfo {
    static let ScaleType = K8s.ResourceType(group: "autoscaling", version: "v1", plural: "scales", kind: "Scale", namespaced: true)
}
