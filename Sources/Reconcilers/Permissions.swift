import ServingAPI

/// One RBAC rule: these verbs on these resources of one API group (`rbac.authorization.k8s.io/v1` PolicyRule).
public struct PolicyRule: Sendable, Hashable {
    public var apiGroup: String
    /// Resource plurals; a subresource is `plural/subresource`.
    public var resources: [String]
    public var verbs: [String]

    public init(apiGroup: String, resources: [String], verbs: [String]) {
        self.apiGroup = apiGroup
        self.resources = resources
        self.verbs = verbs
    }

    /// The rule as a ClusterRole or Role writes it.
    public var json: JSONValue {
        [
            "apiGroups": [.string(apiGroup)], "resources": .array(resources.map(JSONValue.string)),
            "verbs": .array(verbs.map(JSONValue.string)),
        ]
    }
}

/// What `swiftlet controller` does through the API, declared next to the code that does it: the cluster-wide
/// rules (its ClusterRole) and the namespaced ones (a Role in its own namespace).
/// `manifests/rbac.yaml` and the Helm chart are generated from these, and the end-to-end tests check every request
/// the controller makes against them (the embedded API server's audit log).
public enum ControllerPermissions {
    /// Watching a kind into a cache.
    static let watch = ["list", "watch"]

    /// The ClusterRole's rules; `gatewayAPI` adds HTTPRoutes (`swiftlet controller --gateway-api`).
    public static func clusterRules(gatewayAPI: Bool) -> [PolicyRule] {
        let serving = ServingGroup.name
        var rules = [
            PolicyRule(apiGroup: serving, resources: ["models", "modeldeployments", "modelendpoints"], verbs: watch + ["patch"]),
            PolicyRule(
                apiGroup: serving, resources: ["models/status", "modeldeployments/status", "modelendpoints/status"],
                verbs: ["patch"]),
            PolicyRule(apiGroup: "apps", resources: ["deployments"], verbs: watch + ["patch"]),
            PolicyRule(apiGroup: "", resources: ["services"], verbs: watch + ["patch"]),
            // Scorer pods are only read: their container statuses tell why a model does not load.
            PolicyRule(apiGroup: "", resources: ["pods"], verbs: watch),
            PolicyRule(apiGroup: "policy", resources: ["poddisruptionbudgets"], verbs: watch + ["patch", "delete"]),
            PolicyRule(apiGroup: "autoscaling", resources: ["horizontalpodautoscalers"], verbs: watch + ["patch", "delete"]),
            // The endpoint key Secrets are read and written one by name: the controller never lists or watches Secrets.
            PolicyRule(apiGroup: "", resources: ["secrets"], verbs: ["get", "create", "delete"]),
            PolicyRule(apiGroup: "events.k8s.io", resources: ["events"], verbs: ["create", "patch"]),
        ]
        if gatewayAPI {
            rules.append(
                PolicyRule(apiGroup: "gateway.networking.k8s.io", resources: ["httproutes"], verbs: watch + ["patch", "delete"]))
        }
        return rules
    }

    /// The Role's rules in the controller's namespace: its leader-election Lease, and the router Service's
    /// EndpointSlices (`--router-service`: the concurrency autoscaler reads each router's `/metrics`).
    public static let namespaceRules = [
        PolicyRule(apiGroup: "coordination.k8s.io", resources: ["leases"], verbs: ["get", "create", "update"]),
        PolicyRule(apiGroup: "discovery.k8s.io", resources: ["endpointslices"], verbs: watch),
    ]
}
