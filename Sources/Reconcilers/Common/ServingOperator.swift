import Controller
import Logging
import ServingAPI

/// The three controllers of `swiftlet controller`, wired: which kinds each watches, owns and maps to its keys.
public enum ServingOperator {
    /// - Parameters:
    ///   - namespace: watch only this namespace; `nil`: all.
    ///   - concurrency: reconciles at once, per controller.
    public static func controllers(
        client: KubeClient, configuration: OperatorConfiguration, namespace: String?, concurrency: Int,
        leaderElector: LeaderElector?, events: EventRecorder?, logger: Logger
    ) -> [Controller] {
        func make(_ settings: ControllerConfiguration, _ reconciler: any Reconciler) -> Controller {
            var settings = settings
            settings.namespace = namespace
            settings.maximumConcurrentReconciles = concurrency
            return Controller(configuration: settings, client: client, reconciler: reconciler,
                leaderElector: leaderElector, events: events, logger: logger)
        }
        return [
            make(modelControllerConfiguration, ModelReconciler()),
            make(deploymentControllerConfiguration, ModelDeploymentReconciler(configuration: configuration)),
            make(endpointControllerConfiguration(gatewayAPI: configuration.gatewayAPI),
                ModelEndpointReconciler(configuration: configuration)),
        ]
    }

    /// The indexes of cached ModelDeployments: by the Model they reference and by their endpoint, each as
    /// `namespace/name` of the referenced object.
    public enum DeploymentIndex {
        public static let model = "model"
        public static let endpoint = "endpoint"
        /// Of scorer pods: the ModelDeployment they belong to.
        public static let deployment = "deployment"

        static let functions: [String: Store.IndexFunction] = [
            model: { reference($0, ["spec", "model", "ref"]) }, endpoint: { reference($0, ["spec", "endpoint"]) },
        ]

        /// The index value of the object `name` in `namespace`.
        public static func value(namespace: String?, name: String) -> String { "\(namespace ?? "")/\(name)" }

        static func reference(_ deployment: JSONValue, _ path: [String]) -> [String] {
            deployment[path: path]?.stringValue.map { [value(namespace: deployment.namespace, name: $0)] } ?? []
        }
    }

    /// Models, triggered by the ModelDeployments that reference them (their creation, deletion and spec changes:
    /// a deployment's status does not change who uses a Model).
    static let modelControllerConfiguration = ControllerConfiguration(
        name: "model", primary: Model.resourceType,
        related: [RelatedWatch(type: ModelDeployment.resourceType, generationChangesOnly: true) { deployment, _ in
            deployment[path: ["spec", "model", "ref"]]?.stringValue.map { [ObjectKey(namespace: deployment.namespace, name: $0)] } ?? []
        }],
        indexers: [ModelDeployment.resourceType: DeploymentIndex.functions])

    /// The scorer pods, watched (only ours, by label) to tell why a model does not load.
    public static let podType = K8s.ResourceType(group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true)
    static let scorerPods = ListOptions(labelSelector: ServingLabels.scorers)

    /// The index of cached scorer pods by their ModelDeployment (`namespace/name`).
    static let podIndexers: [String: Store.IndexFunction] = [
        DeploymentIndex.deployment: { pod in
            pod.labels[ServingLabels.deployment].map { [DeploymentIndex.value(namespace: pod.namespace, name: $0)] } ?? []
        },
    ]

    /// ModelDeployments, owning their scorer workload, triggered by their Model and their endpoint (creation,
    /// deletion and spec changes: their status does not concern a deployment, and a Model's status changes with
    /// every deployment that starts using it).
    static let deploymentControllerConfiguration = ControllerConfiguration(
        name: "modeldeployment", primary: ModelDeployment.resourceType,
        owned: [ScorerWorkload.deploymentType, ScorerWorkload.serviceType, ScorerWorkload.podDisruptionBudgetType,
            ScorerWorkload.autoscalerType],
        related: [
            RelatedWatch(type: Model.resourceType, generationChangesOnly: true) { model, deployments in
                referencing(model, index: DeploymentIndex.model, in: deployments)
            },
            RelatedWatch(type: ModelEndpoint.resourceType, generationChangesOnly: true) { endpoint, deployments in
                referencing(endpoint, index: DeploymentIndex.endpoint, in: deployments)
            },
            RelatedWatch(type: podType, options: scorerPods) { pod, _ in
                pod.labels[ServingLabels.deployment].map { [ObjectKey(namespace: pod.namespace, name: $0)] } ?? []
            },
        ],
        indexers: [ModelDeployment.resourceType: DeploymentIndex.functions, podType: podIndexers])

    /// ModelEndpoints, triggered by their ModelDeployments (and owning HTTPRoutes in Gateway API mode).
    static func endpointControllerConfiguration(gatewayAPI: Bool) -> ControllerConfiguration {
        ControllerConfiguration(
            name: "modelendpoint", primary: ModelEndpoint.resourceType,
            owned: gatewayAPI ? [EndpointChildren.httpRouteType] : [],
            related: [RelatedWatch(type: ModelDeployment.resourceType) { deployment, _ in
                deployment[path: ["spec", "endpoint"]]?.stringValue.map { [ObjectKey(namespace: deployment.namespace, name: $0)] } ?? []
            }],
            indexers: [ModelDeployment.resourceType: DeploymentIndex.functions])
    }

    /// The keys of the cached ModelDeployments that reference `object` (by the index `index`).
    static func referencing(_ object: JSONValue, index: String, in store: Store) -> [ObjectKey] {
        guard let name = object.name else { return [] }
        return store.byIndex(index, DeploymentIndex.value(namespace: object.namespace, name: name)).compactMap(ObjectKey.init)
    }
}
