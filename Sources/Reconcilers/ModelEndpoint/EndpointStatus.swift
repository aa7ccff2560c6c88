import Foundation
import ServingAPI

/// A ModelEndpoint's status as a pure function of the traffic decision, its deployments and the gateway mode.
enum EndpointStatus {
    /// How requests reach the endpoint.
    enum Gateway: Equatable {
        /// The swiftlet router.
        case router
        /// An HTTPRoute is applied.
        case routed
        /// Gateway API mode, but no split is applied yet, so no HTTPRoute.
        case waiting
        /// Gateway API mode asked for, but the controller runs without `--gateway-api`.
        case disabled
    }

    static func compute(
        _ endpoint: ModelEndpoint, _ decision: EndpointTraffic, members: [EndpointMember], gateway: Gateway,
        configuration: OperatorConfiguration, now: Date
    ) -> ModelEndpoint.Status {
        var status = endpoint.status
        let base = "\(configuration.publicURL)/endpoints/\(endpoint.metadata.namespace ?? "default")/\(endpoint.metadata.name ?? "")"
        status.scoringURI = base + "/score"
        status.openapiURI = base + "/swagger.json"
        status.traffic = decision.traffic
        status.mirrorTraffic = decision.mirrorTraffic
        status.deployments = members
        var ready = decision.ready
        if gateway == .disabled {
            ready = K8s.Condition(type: "Ready", status: .false, reason: "GatewayAPIDisabled",
                message: "gateway is gatewayAPI, but the controller runs without --gateway-api (Helm: gateway.mode="
                    + "gatewayAPI): no HTTPRoute is made", observedGeneration: endpoint.metadata.generation)
        }
        var conditions = status.conditions ?? []
        conditions.set(ready, now: now)
        conditions.set(decision.trafficApplied, now: now)
        status.conditions = conditions
        status.observedGeneration = endpoint.metadata.generation
        return status
    }
}
