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

    /// Models, triggered by the ModelDeployments that reference them.
    static let modelControllerConfiguration = ControllerConfiguration(
        name: "model", primary: Model.resourceType,
        related: [RelatedWatch(type: ModelDeployment.resourceType) { deployment, _ in
            deployment[path: ["spec", "model", "ref"]]?.stringValue.map { [ObjectKey(namespace: deployment.namespace, name: $0)] } ?? []
        }])

    /// ModelDeployments, owning their scorer workload, triggered by their Model and their endpoint.
    static let deploymentControllerConfiguration = ControllerConfiguration(
        name: "modeldeployment", primary: ModelDeployment.resourceType,
        owned: [ScorerWorkload.deploymentType, ScorerWorkload.serviceType, ScorerWorkload.podDisruptionBudgetType,
            ScorerWorkload.autoscalerType],
        related: [
            RelatedWatch(type: Model.resourceType) { model, deployments in
                referencing(model, at: ["spec", "model", "ref"], in: deployments)
            },
            RelatedWatch(type: ModelEndpoint.resourceType) { endpoint, deployments in
                referencing(endpoint, at: ["spec", "endpoint"], in: deployments)
            },
        ])

    /// ModelEndpoints, triggered by their ModelDeployments (and owning HTTPRoutes in Gateway API mode).
    static func endpointControllerConfiguration(gatewayAPI: Bool) -> ControllerConfiguration {
        ControllerConfiguration(
            name: "modelendpoint", primary: ModelEndpoint.resourceType,
            owned: gatewayAPI ? [EndpointChildren.httpRouteType] : [],
            related: [RelatedWatch(type: ModelDeployment.resourceType) { deployment, _ in
                deployment[path: ["spec", "endpoint"]]?.stringValue.map { [ObjectKey(namespace: deployment.namespace, name: $0)] } ?? []
            }])
    }

    /// The keys of the cached objects in `object`'s namespace whose field at `path` names `object`.
    static func referencing(_ object: JSONValue, at path: [String], in store: Store) -> [ObjectKey] {
        guard let name = object.name else { return [] }
        return store.list(namespace: object.namespace).compactMap { candidate in
            candidate[path: path]?.stringValue == name ? ObjectKey(candidate) : nil
        }
    }
}
