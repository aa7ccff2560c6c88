import ServingAPI

/// The controller's RBAC objects, generated from `ControllerPermissions`: its ServiceAccount, a ClusterRole and
/// binding with `clusterRules`, and a Role and binding with `namespaceRules` in its own namespace. Gateway API
/// mode adds a separate ClusterRole (`swiftlet-controller-gateway-api`) and binding with the rules that only
/// `--gateway-api` needs, so the base set is the same in both modes and the extra pair can be added or removed alone.
/// `manifests/rbac.yaml`, `manifests/rbac-gateway-api.yaml` and the Helm chart's `templates/rbac.yaml` are written
/// from here (`swiftlet rbac`) and tested equal to it. Pure.
public enum RBACManifest {
    public static let defaultNamespace = "swiftlet-system"
    static let serviceAccountName = "swiftlet-controller"
    static let clusterRoleName = "swiftlet-controller"
    static let gatewayAPIClusterRoleName = "swiftlet-controller-gateway-api"
    static let leaderElectionRoleName = "swiftlet-leader-election"

    static let rbacAPIVersion = "rbac.authorization.k8s.io/v1"
    static let labels: JSONValue = ["app.kubernetes.io/name": "swiftlet", "app.kubernetes.io/component": "controller"]

    /// Every object, in apply order: ServiceAccount, ClusterRole, ClusterRoleBinding, Role, RoleBinding, and with
    /// `gatewayAPI` the Gateway API ClusterRole and its binding.
    public static func documents(namespace: String, gatewayAPI: Bool) -> [JSONValue] {
        [serviceAccount(namespace: namespace)]
            + roles(namespace: namespace, serviceAccount: serviceAccountName)
            + (gatewayAPI ? gatewayAPIRoles(namespace: namespace, serviceAccount: serviceAccountName) : [])
    }

    /// The rules only Gateway API mode needs: `clusterRules(gatewayAPI: true)` less `clusterRules(gatewayAPI: false)`.
    static var gatewayAPIRules: [PolicyRule] {
        let base = Set(ControllerPermissions.clusterRules(gatewayAPI: false))
        return ControllerPermissions.clusterRules(gatewayAPI: true).filter { !base.contains($0) }
    }

    static func serviceAccount(namespace: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": ["name": .string(serviceAccountName), "namespace": .string(namespace), "labels": labels],
        ]
    }

    /// The ClusterRole, Role and their bindings to `serviceAccount` in `namespace`.
    static func roles(namespace: String, serviceAccount: String) -> [JSONValue] {
        [
            role(kind: "ClusterRole", name: clusterRoleName, namespace: nil, rules: ControllerPermissions.clusterRules(gatewayAPI: false)),
            binding(kind: "ClusterRoleBinding", role: "ClusterRole", name: clusterRoleName, namespace: nil, to: serviceAccount, in: namespace),
            role(kind: "Role", name: leaderElectionRoleName, namespace: namespace, rules: ControllerPermissions.namespaceRules),
            binding(kind: "RoleBinding", role: "Role", name: leaderElectionRoleName, namespace: namespace, to: serviceAccount, in: namespace),
        ]
    }

    static func gatewayAPIRoles(namespace: String, serviceAccount: String) -> [JSONValue] {
        [
            role(kind: "ClusterRole", name: gatewayAPIClusterRoleName, namespace: nil, rules: gatewayAPIRules),
            binding(
                kind: "ClusterRoleBinding", role: "ClusterRole", name: gatewayAPIClusterRoleName, namespace: nil, to: serviceAccount,
                in: namespace),
        ]
    }

    private static func metadata(name: String, namespace: String?) -> JSONValue {
        var metadata: JSONValue = ["name": .string(name), "labels": labels]
        if let namespace { metadata["namespace"] = .string(namespace) }
        return metadata
    }

    private static func role(kind: String, name: String, namespace: String?, rules: [PolicyRule]) -> JSONValue {
        [
            "apiVersion": .string(rbacAPIVersion), "kind": .string(kind), "metadata": metadata(name: name, namespace: namespace),
            "rules": .array(rules.map(\.json)),
        ]
    }

    private static func binding(
        kind: String, role: String, name: String, namespace: String?, to serviceAccount: String, in serviceAccountNamespace: String
    ) -> JSONValue {
        [
            "apiVersion": .string(rbacAPIVersion), "kind": .string(kind), "metadata": metadata(name: name, namespace: namespace),
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": .string(role), "name": .string(name)],
            "subjects": [["kind": "ServiceAccount", "name": .string(serviceAccount), "namespace": .string(serviceAccountNamespace)]],
        ]
    }
}
