import Controller
import Foundation
import ServingAPI

/// Reconciles a ModelEndpoint: decides the split to apply from its deployments' readiness, keeps its key Secret
/// (`auth: key`) and, in Gateway API mode, its HTTPRoute, writes status (URIs, the applied split, each
/// deployment's readiness) and records an event whenever the applied split changes.
public struct ModelEndpointReconciler: Reconciler {
    let configuration: OperatorConfiguration
    let now: @Sendable () -> Date
    /// Makes a scoring key (random; injected so tests are deterministic).
    let newKey: @Sendable () -> String

    public init(
        configuration: OperatorConfiguration, now: @escaping @Sendable () -> Date = Date.init,
        newKey: (@Sendable () -> String)? = nil
    ) {
        self.configuration = configuration
        self.now = now
        self.newKey = newKey ?? {
            var generator = SystemRandomNumberGenerator()
            return EndpointChildren.newKey(using: &generator)
        }
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileAction {
        guard let object = context.store.get(key) else { return .awaitChange }
        let endpoint = try ModelEndpoint(cached: object)
        guard endpoint.metadata.deletionTimestamp == nil else { return .awaitChange }
        let members = Self.members(of: key, in: context.ownedStores[ModelDeployment.resourceType])
        let decision = EndpointTraffic(endpoint, members: members)
        try await reconcileKeys(endpoint, context: context)
        let gateway = try await reconcileRoute(endpoint, decision, members: members, context: context)
        let status = EndpointStatus.compute(endpoint, decision, members: members, gateway: gateway,
            configuration: configuration, now: now())
        try await context.writeStatus(endpoint, status)
        if let applied = status.traffic, applied != endpoint.status.traffic {
            context.events?.record(regarding: object, type: .normal, reason: "TrafficChanged", action: "ApplyTraffic",
                note: EndpointTraffic.describe(endpoint.status.traffic) + " → " + EndpointTraffic.describe(applied))
        }
        return .awaitChange
    }

    /// The endpoint's ModelDeployments (by `spec.endpoint`), in name order.
    static func members(of key: ObjectKey, in deployments: Store?) -> [EndpointMember] {
        (deployments?.byIndex(ServingOperator.DeploymentIndex.endpoint,
            ServingOperator.DeploymentIndex.value(namespace: key.namespace, name: key.name)) ?? [])
            .map(EndpointMember.init)
            .sorted { $0.name < $1.name }
    }

    /// Creates the key Secret when keys are required and it is missing (existing keys are never replaced);
    /// deletes the one we made when keys are no longer required.
    private func reconcileKeys(_ endpoint: ModelEndpoint, context: ReconcileContext) async throws(KubeError) {
        let mode = endpoint.spec.auth?.mode ?? ModelEndpoint.Auth.defaultMode
        // Without keys, only a spec change can leave a Secret to delete: once this generation was reconciled (its
        // status says so), there is nothing to look up. With keys, the Secret is checked every time, so a deleted
        // one comes back.
        if mode == .none, endpoint.status.observedGeneration == endpoint.metadata.generation { return }
        let name = EndpointChildren.secretName(endpoint)
        let namespace = endpoint.metadata.namespace
        var existing: JSONValue?
        do {
            existing = try await context.client.get(EndpointChildren.secretType, namespace: namespace, name: name)
        } catch where error.isNotFound {}
        switch (mode, existing) {
        case (.key, nil):
            let secret = EndpointChildren.keySecret(endpoint, primary: newKey(), secondary: newKey())
            do {
                _ = try await context.client.create(EndpointChildren.secretType, namespace: namespace, secret,
                    fieldManager: ServingLabels.fieldManager)
            } catch where error.isAlreadyExists {}
        case (.none, let secret?) where secret.ownerReferences.contains(where: { $0.uid == endpoint.metadata.uid }):
            try await context.delete(secret, EndpointChildren.secretType)
        default:
            break
        }
    }

    /// Applies the HTTPRoute in Gateway API mode (once a split is applied), deletes it otherwise; returns the
    /// problem to report when Gateway API mode is asked for but the controller runs without it.
    private func reconcileRoute(
        _ endpoint: ModelEndpoint, _ decision: EndpointTraffic, members: [EndpointMember], context: ReconcileContext
    ) async throws(KubeError) -> EndpointStatus.Gateway {
        let wantsRoute = endpoint.spec.gateway == .gatewayAPI
        guard configuration.gatewayAPI else { return wantsRoute ? .disabled : .router }
        let observed = context.child(EndpointChildren.httpRouteType, of: endpoint)
        guard wantsRoute, let traffic = decision.traffic else {
            try await context.delete(observed, EndpointChildren.httpRouteType)
            return wantsRoute ? .waiting : .router
        }
        let route = EndpointChildren.httpRoute(endpoint, traffic: traffic, mirror: decision.mirrorTraffic ?? [:],
            members: members.map(\.name))
        try await context.apply(route, EndpointChildren.httpRouteType, observed: observed)
        return .routed
    }
}
