import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct EndpointStatusTests {
    static let members = [
        EndpointMember(name: "blue", ready: true, model: "mnist-1"), EndpointMember(name: "green", ready: false),
    ]

    func compute(
        _ endpoint: ModelEndpoint, gateway: EndpointStatus.Gateway = .router,
        configuration: OperatorConfiguration = OperatorConfiguration(), now: Date = fixedNow
    ) -> ModelEndpoint.Status {
        EndpointStatus.compute(endpoint, EndpointTraffic(endpoint, members: Self.members), members: Self.members,
            gateway: gateway, configuration: configuration, now: now)
    }

    @Test(arguments: [
        ("http://swiftlet-router.swiftlet-system.svc:8080", "http://swiftlet-router.swiftlet-system.svc:8080/endpoints/ml/mnist"),
        ("https://ml.example.com/", "https://ml.example.com/endpoints/ml/mnist"),
        ("https://ml.example.com/api", "https://ml.example.com/api/endpoints/ml/mnist"),
    ])
    func urisFromPublicURL(publicURL: String, base: String) {
        let status = compute(makeEndpoint(traffic: ["blue": 100]), configuration: OperatorConfiguration(publicURL: publicURL))
        #expect(status.scoringURI == base + "/score")
        #expect(status.openapiURI == base + "/swagger.json")
    }

    @Test func defaultConfigurationURL() {
        let status = compute(makeEndpoint(traffic: ["blue": 100]))
        #expect(status.scoringURI == "http://swiftlet-router.swiftlet-system.svc:8080/endpoints/ml/mnist/score")
    }

    @Test func deploymentsTrafficAndConditions() throws {
        let status = compute(makeEndpoint(traffic: ["blue": 100, "green": 0], mirror: ["green": 0]))
        #expect(status.deployments == [
            ModelEndpoint.DeploymentStatus(name: "blue", ready: true, model: "mnist-1"),
            ModelEndpoint.DeploymentStatus(name: "green", ready: false),
        ])
        #expect(status.traffic == ["blue": 100, "green": 0])
        #expect(status.mirrorTraffic == nil)
        #expect(status.observedGeneration == 5)
        let conditions = try #require(status.conditions)
        #expect(conditions.map(\.type) == ["Ready", "TrafficApplied"])
        #expect(conditions["Ready"]?.reason == "Serving")
        #expect(conditions["TrafficApplied"]?.status == .true)
        #expect(conditions.allSatisfy { $0.lastTransitionTime == K8s.timestamp(fixedNow) })
    }

    @Test(arguments: [EndpointStatus.Gateway.router, .routed, .waiting])
    func readyFollowsTheDecision(gateway: EndpointStatus.Gateway) {
        let status = compute(makeEndpoint(traffic: ["blue": 100]), gateway: gateway)
        #expect(status.conditions?["Ready"]?.reason == "Serving")
        #expect(status.conditions?["Ready"]?.status == .true)
    }

    @Test func gatewayAPIDisabledOverridesReady() throws {
        let endpoint = makeEndpoint(traffic: ["blue": 100], gateway: .gatewayAPI, gatewayRef: .init(name: "public"))
        let status = compute(endpoint, gateway: .disabled)
        let ready = try #require(status.conditions?["Ready"])
        #expect(ready.status == .false)
        #expect(ready.reason == "GatewayAPIDisabled")
        #expect(ready.message.contains("--gateway-api"))
        #expect(ready.observedGeneration == 5)
        // The split is still decided and reported.
        #expect(status.conditions?["TrafficApplied"]?.reason == "Applied")
        #expect(status.traffic == ["blue": 100])
    }

    @Test func transitionTimeKeptAcrossReconciles() throws {
        var endpoint = makeEndpoint(traffic: ["blue": 100])
        endpoint.status = compute(endpoint)
        let again = compute(endpoint, now: laterNow)
        #expect(again == endpoint.status)
        endpoint.spec.traffic = ["green": 100]
        let blocked = compute(endpoint, now: laterNow)
        #expect(blocked.conditions?["TrafficApplied"]?.lastTransitionTime == K8s.timestamp(laterNow))
        #expect(blocked.conditions?["Ready"]?.lastTransitionTime == K8s.timestamp(fixedNow))
        #expect(blocked.traffic == ["blue": 100])
    }
}
