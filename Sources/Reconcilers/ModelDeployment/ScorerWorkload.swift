import ServingAPI

/// What a ModelDeployment becomes, as pure functions of it and its resolved model: an apps/v1 Deployment of
/// scorer pods, a ClusterIP Service in front of them, a PodDisruptionBudget when more than one replica is kept,
/// and an autoscaling/v2 HorizontalPodAutoscaler when a CPU target is set. Each child has the ModelDeployment as
/// its controller owner, so deleting it deletes them.
public struct ScorerWorkload: Sendable, Hashable {
    public var deployment: JSONValue
    public var service: JSONValue
    public var podDisruptionBudget: JSONValue?
    public var autoscaler: JSONValue?

    public static let deploymentType = K8s.ResourceType(
        group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true)
    public static let serviceType = K8s.ResourceType(
        group: "", version: "v1", plural: "services", kind: "Service", namespaced: true)
    public static let podDisruptionBudgetType = K8s.ResourceType(
        group: "policy", version: "v1", plural: "poddisruptionbudgets", kind: "PodDisruptionBudget", namespaced: true)
    public static let autoscalerType = K8s.ResourceType(
        group: "autoscaling", version: "v2", plural: "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler",
        namespaced: true)

    /// The HPA's ceiling when `spec.scale.maxReplicas` is not given.
    public static let defaultMaxReplicas = 10

    /// The children of `deployment` (which must carry its name, namespace and uid) serving `model`.
    public init(_ deployment: ModelDeployment, model: ResolvedModel, configuration: OperatorConfiguration) {
        let scale = deployment.spec.scale
        let minimum = scale?.minReplicas ?? ModelDeployment.Scale.Defaults.minReplicas
        let autoscaled = scale?.targetCPUUtilization != nil
            || (configuration.concurrencyAutoscaler && scale?.targetConcurrency != nil)
        let image = deployment.spec.scorer?.image ?? configuration.scorerImage
        let selector: JSONValue = ["matchLabels": [ServingLabels.deployment: .string(deployment.metadata.name ?? "")]]

        var spec: [String: JSONValue] = [
            "selector": selector,
            "template": ScorerPodTemplate(deployment: deployment, model: model, image: image).json,
            "revisionHistoryLimit": 3,
            // A new model brings a pod up before one goes: no capacity is lost while the model changes.
            "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 0, "maxSurge": 1]],
        ]
        // With an autoscaler (the HPA, or the concurrency autoscaler when one runs) it owns the replica count;
        // otherwise the minimum is the count, at least one.
        if !autoscaled { spec["replicas"] = .int(Int64(max(minimum, 1))) }
        self.deployment = Self.object(Self.deploymentType, deployment, spec: .object(spec))

        service = Self.object(Self.serviceType, deployment, spec: [
            "type": "ClusterIP",
            "selector": [ServingLabels.deployment: .string(deployment.metadata.name ?? "")],
            "ports": [["name": "http", "port": .int(ServingLabels.scorerPort), "targetPort": "http", "protocol": "TCP"]],
        ])
        // (An `if`, not `?:`: JSONValue takes `nil` as a literal, and a ternary would make it `.null`.)
        if minimum > 1 {
            podDisruptionBudget = Self.object(Self.podDisruptionBudgetType, deployment,
                spec: ["maxUnavailable": 1, "selector": selector])
        } else {
            podDisruptionBudget = .none
        }
        autoscaler = scale?.targetCPUUtilization.map { target in
            Self.object(Self.autoscalerType, deployment, spec: [
                "scaleTargetRef": ["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(deployment.metadata.name ?? "")],
                "minReplicas": .int(Int64(max(minimum, 1))),
                "maxReplicas": .int(Int64(scale?.maxReplicas ?? max(minimum, Self.defaultMaxReplicas))),
                "metrics": [["type": "Resource", "resource": [
                    "name": "cpu", "target": ["type": "Utilization", "averageUtilization": .int(Int64(target))],
                ]]],
            ])
        }
    }

    /// Every child, in the order they are applied.
    public var objects: [JSONValue] { [deployment, service] + [podDisruptionBudget, autoscaler].compactMap { $0 } }

    /// The labels of every child and of the scorer pods.
    public static func labels(_ deployment: ModelDeployment) -> [String: String] {
        [
            ServingLabels.managedBy: ServingLabels.managedByValue,
            ServingLabels.component: "scorer",
            ServingLabels.endpoint: deployment.spec.endpoint,
            ServingLabels.deployment: deployment.metadata.name ?? "",
        ]
    }

    /// The in-cluster URL of the scorer Service.
    public static func serviceURL(_ deployment: ModelDeployment) -> String {
        "http://\(deployment.metadata.name ?? "").\(deployment.metadata.namespace ?? "default").svc:\(ServingLabels.scorerPort)"
    }

    static func object(_ type: K8s.ResourceType, _ owner: ModelDeployment, spec: JSONValue) -> JSONValue {
        [
            "apiVersion": .string(type.apiVersion), "kind": .string(type.kind),
            "metadata": [
                "name": .string(owner.metadata.name ?? ""), "namespace": .string(owner.metadata.namespace ?? ""),
                "labels": .object(labels(owner).mapValues(JSONValue.string)),
                "ownerReferences": [controllerReference(to: owner)],
            ],
            "spec": spec,
        ]
    }
}

/// The ownerReference that makes `owner` the controller of a child (and holds the owner's foreground deletion
/// until the child is gone).
func controllerReference<R: ServingResource>(to owner: R) -> JSONValue {
    K8s.OwnerReference(
        apiVersion: R.resourceType.apiVersion, kind: R.resourceType.kind, name: owner.metadata.name ?? "",
        uid: owner.metadata.uid ?? "", controller: true, blockOwnerDeletion: true
    ).json
}
