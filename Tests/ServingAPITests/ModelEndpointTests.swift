import Testing

@testable import ServingAPI

@Suite struct ModelEndpointTests {
    static func endpoint(
        name: String = "mnist", traffic: [String: Int]? = ["mnist-blue": 90, "mnist-green": 10],
        mirror: [String: Int]? = nil, stickyBy: String? = nil, gateway: ModelEndpoint.Gateway? = nil,
        gatewayRef: ModelEndpoint.GatewayRef? = nil
    ) -> ModelEndpoint {
        ModelEndpoint(
            metadata: .init(name: name),
            spec: .init(traffic: traffic, mirrorTraffic: mirror, stickyBy: stickyBy, gateway: gateway, gatewayRef: gatewayRef))
    }

    @Test func decodesTheAPIExampleAndValidatesTheSplit() throws {
        let json: JSONValue = [
            "apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint", "metadata": ["name": "mnist"],
            "spec": [
                "auth": ["mode": "key"], "traffic": ["mnist-blue": 90, "mnist-green": 10],
                "mirrorTraffic": ["mnist-green": 10], "stickyBy": "x-user-id", "gateway": "router",
            ],
            "status": [
                "scoringURI": "http://router/endpoints/default/mnist/score", "traffic": ["mnist-blue": 90, "mnist-green": 10],
                "deployments": [["name": "mnist-blue", "ready": true, "model": "mnist-2"]],
            ],
        ]
        let endpoint = try ModelEndpoint(json: json)
        #expect(endpoint.spec.auth?.mode == .key)
        #expect(endpoint.status.deployments?.first?.model == "mnist-2")
        #expect(endpoint.json == json)
        let split = try endpoint.validated()
        #expect(split.percent(of: "mnist-blue") == 90)
        #expect(split.mirrors.map(\.deployment) == ["mnist-green"])
    }

    @Test(arguments: [
        (endpoint(name: "a.b"), "metadata.name"),
        (endpoint(traffic: ["mnist-blue": 90]), "spec.traffic"),
        (endpoint(mirror: ["other": 5]), "spec.mirrorTraffic.other"),
        (endpoint(mirror: ["mnist-green": 60]), "spec.mirrorTraffic.mnist-green"),
        (endpoint(stickyBy: "x user"), "spec.stickyBy"),
        (endpoint(gateway: .gatewayAPI), "spec.gatewayRef"),
        (endpoint(gatewayRef: .init(name: "gw")), "spec.gatewayRef"),
    ])
    func invalidSpecsNameTheField(endpoint: ModelEndpoint, field: String) {
        let error = #expect(throws: ServingAPIError.self) { try endpoint.validated() }
        #expect(error?.field == field)
    }

    @Test func anEndpointWithoutTrafficIsNotLive() throws {
        #expect(try Self.endpoint(traffic: nil).validated().isLive == false)
        #expect(try Self.endpoint(gateway: .gatewayAPI, gatewayRef: .init(name: "gw")).validated().isLive)
    }

    @Test func unknownGatewayIsMalformed() {
        let json: JSONValue = [
            "apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint", "spec": ["gateway": "istio"],
        ]
        let error = #expect(throws: ServingAPIError.self) { try ModelEndpoint(json: json) }
        #expect(error?.field == "spec.gateway")
    }
}
