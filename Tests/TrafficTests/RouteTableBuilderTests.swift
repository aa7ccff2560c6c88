import ServingAPI
import Testing

@testable import Traffic

@Suite struct RouteTableBuilderTests {
    private func endpoint(_ name: String, auth: String? = "none", traffic: JSONValue?, mirror: JSONValue? = nil,
        listed: [String] = [], sticky: String? = nil) -> JSONValue
    {
        var status: [String: JSONValue] = ["deployments": .array(listed.map { ["name": .string($0), "ready": true] })]
        if let traffic { status["traffic"] = traffic }
        if let mirror { status["mirrorTraffic"] = mirror }
        var spec: [String: JSONValue] = [:]
        if let auth { spec["auth"] = ["mode": .string(auth)] }
        if let sticky { spec["stickyBy"] = .string(sticky) }
        return ["metadata": ["name": .string(name), "namespace": "default"], "spec": .object(spec), "status": .object(status)]
    }

    private func slice(_ service: String, port: Int64, ready: [String: Bool], namespace: String = "default") -> JSONValue {
        [
            "metadata": ["name": .string("\(service)-\(port)"), "namespace": .string(namespace),
                "labels": ["kubernetes.io/service-name": .string(service)]],
            "ports": [["name": "metrics", "port": 9090], ["name": "http", "port": .int(port)]],
            "endpoints": .array(ready.sorted { $0.key < $1.key }.map { address, isReady in
                ["addresses": [.string(address)], "conditions": ["ready": .bool(isReady)]]
            }),
        ]
    }

    private func build(_ builder: RouteTableBuilder, previous: RouteTable = .empty) -> RouteTable {
        builder.build(previous: previous, metrics: RouterMetrics())
    }

    @Test func readyAddressesBecomePodsOfTheirDeployment() throws {
        let table = build(RouteTableBuilder(
            endpoints: [endpoint("ep", traffic: ["blue": 90, "green": 10])],
            slices: [slice("blue", port: 5001, ready: ["10.0.0.1": true, "10.0.0.2": false]),
                slice("green", port: 5002, ready: ["10.0.0.3": true]),
                slice("blue", port: 5001, ready: ["10.0.0.9": true], namespace: "other")],
            secrets: [], isSynced: true))
        let route = try #require(table.endpoints[EndpointKey(namespace: "default", name: "ep")])
        #expect(route.deployments["blue"]?.pods.backends.map(\.address) == ["10.0.0.1:5001"])
        #expect(route.deployments["green"]?.pods.backends.map(\.address) == ["10.0.0.3:5002"])
        #expect(route.keys == nil)
        #expect(table.isSynced)
    }

    @Test func podsSurviveARebuildWithTheirInFlightCounts() throws {
        let builder = RouteTableBuilder(endpoints: [endpoint("ep", traffic: ["blue": 100])],
            slices: [slice("blue", port: 5001, ready: ["10.0.0.1": true])], secrets: [], isSynced: true)
        let key = EndpointKey(namespace: "default", name: "ep")
        let first = build(builder)
        let pod = try #require(first.endpoints[key]?.deployments["blue"]?.pods.backends.first)
        pod.started()
        let second = build(builder, previous: first)
        #expect(second.endpoints[key]?.deployments["blue"]?.pods.backends.first === pod)
        #expect(pod.inFlight == 1)
    }

    @Test func withoutAnAppliedSplitThereIsNoPolicy() throws {
        let table = build(RouteTableBuilder(endpoints: [endpoint("ep", traffic: nil)], slices: [], secrets: [],
            isSynced: true))
        #expect(table.endpoints[EndpointKey(namespace: "default", name: "ep")]?.policy == nil)
    }

    @Test func keyEndpointsTakeTheirSecretsKeys() throws {
        let secret: JSONValue = [
            "metadata": ["name": "ep-keys", "namespace": "default", "labels": ["serving.swiftlet.dev/endpoint": "ep"]],
            "data": ["primaryKey": "cHJpbWFyeQ==", "secondaryKey": "c2Vjb25kYXJ5"],
        ]
        let table = build(RouteTableBuilder(
            endpoints: [endpoint("ep", auth: nil, traffic: ["a": 100]), endpoint("lonely", auth: "key", traffic: ["a": 100])],
            slices: [], secrets: [secret], isSynced: true))
        #expect(table.endpoints[EndpointKey(namespace: "default", name: "ep")]?.keys
            == [Array("primary".utf8), Array("secondary".utf8)])
        // Key mode (the default) with no Secret yet: every request is refused, none let through.
        #expect(table.endpoints[EndpointKey(namespace: "default", name: "lonely")]?.keys == [])
    }

    @Test func mirrorAndListedDeploymentsAreRoutable() throws {
        let table = build(RouteTableBuilder(
            endpoints: [endpoint("ep", traffic: ["blue": 100, "green": 0], mirror: ["green": 10], listed: ["staging"])],
            slices: [], secrets: [], isSynced: false))
        let route = try #require(table.endpoints[EndpointKey(namespace: "default", name: "ep")])
        #expect(Set(route.deployments.keys) == ["blue", "green", "staging"])
        #expect(route.policy?.split.mirrors.map(\.deployment) == ["green"])
        #expect(!table.isSynced)
    }

    @Test func deploymentsThatScaleToZeroAreMarkedAndTheirWaitingRequestsCountInFlight() throws {
        var object = endpoint("ep", traffic: ["blue": 50, "green": 50])
        object[path: ["status", "deployments"]] = [
            ["name": "blue", "ready": true, "scalesToZero": true], ["name": "green", "ready": true],
        ]
        let store = RouteTableStore()
        store.replace(build(RouteTableBuilder(endpoints: [object], slices: [], secrets: [], isSynced: true)))
        let route = try #require(store.current.endpoints[EndpointKey(namespace: "default", name: "ep")])
        #expect(route.deployments["blue"]?.scalesToZero == true)
        #expect(route.deployments["green"]?.scalesToZero == false)
        route.deployments["blue"]?.metrics.waiting.add(2, ordering: .relaxed)
        route.deployments["green"]?.metrics.routed.add(3, ordering: .relaxed)
        let load = store.load()
        #expect(load["default/blue"]?.inFlight == 2 && load["default/blue"]?.routed == 0)
        #expect(load["default/green"]?.inFlight == 0 && load["default/green"]?.routed == 3)
    }
}

@Suite struct OutputComparisonTests {
    @Test(arguments: [
        (#"{"a": [1.0, 2.5]}"#, #"{"a":[1,2.5000000001]}"#, true),
        (#"[0.1, 0.2]"#, #"[0.1, 0.3]"#, false),
        (#"{"label": "cat"}"#, #"{"label": "dog"}"#, false),
        (#"{"a": 1}"#, #"{"a": 1, "b": 2}"#, false),
        ("plain text", "plain text", true),
    ])
    func agreementIsJSONEqualityWithinTolerance(a: String, b: String, agree: Bool) {
        #expect(OutputComparison.agree(status: 200, body: Array(a.utf8), status: 200, body: Array(b.utf8)) == agree)
    }

    @Test func differentStatusesDisagree() {
        #expect(!OutputComparison.agree(status: 200, body: Array("1".utf8), status: 500, body: Array("1".utf8)))
    }
}

@Suite struct RouterErrorTests {
    @Test(arguments: [
        (RouterError.endpointNotFound(namespace: "d", name: "e"), 404, "EndpointNotFound"),
        (.unknownDeployment("x", valid: ["a"]), 400, "UnknownDeployment"),
        (.unauthorized("missing"), 401, "Unauthorized"),
        (.noReadyPod(deployment: "a"), 503, "NoReadyPod"),
        (.coldStartTimeout(deployment: "a", seconds: 60), 503, "ColdStartTimeout"),
        (.upstreamFailed(deployment: "a", reason: "reset"), 502, "UpstreamFailed"),
        (.upstreamTimeout(deployment: "a", seconds: 1), 504, "UpstreamTimeout"),
        (.payloadTooLarge(limit: 10), 413, "PayloadTooLarge"),
    ])
    func eachErrorHasItsStatusAndJSONBody(error: RouterError, status: Int, code: String) throws {
        #expect(Int(error.status.code) == status)
        let body = try JSONValue(parsing: error.body)
        #expect(body[path: ["error", "code"]]?.stringValue == code)
        #expect(body[path: ["error", "message"]]?.stringValue == error.message)
    }

    @Test func retryLaterErrorsSayWhen() {
        #expect(RouterError.noReadyPod(deployment: "a").headers.contains { $0 == ("Retry-After", "1") })
        #expect(RouterError.coldStartTimeout(deployment: "a", seconds: 1).headers.contains { $0 == ("Retry-After", "1") })
        #expect(RouterError.unauthorized("x").headers.contains { $0 == ("WWW-Authenticate", "Bearer") })
    }
}
