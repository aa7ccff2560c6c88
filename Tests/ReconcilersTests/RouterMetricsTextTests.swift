import ServingAPI
import Testing

@testable import Reconcilers

@Suite struct RouterMetricsTextTests {
    @Test func inFlightGaugesAndRequestCountersAreSummedPerNamespaceAndDeployment() {
        let text = """
            # TYPE swiftlet_router_in_flight gauge
            swiftlet_router_in_flight{namespace="default",endpoint="iris",deployment="blue"} 3.0
            swiftlet_router_in_flight{namespace="default",endpoint="other",deployment="blue"} 2
            swiftlet_router_in_flight{endpoint="iris",deployment="green",namespace="ml"} 0.0
            swiftlet_router_in_flight_total{namespace="default",endpoint="iris",deployment="blue"} 99
            swiftlet_router_requests_total{namespace="default",endpoint="iris",deployment="blue",code="200"} 12
            swiftlet_router_in_flight{namespace="default",endpoint="iris"} 5
            """
        #expect(RouterMetricsText.load(text[...]) == [
            "default/blue": DeploymentLoad(inFlight: 5, requests: 12), "ml/green": DeploymentLoad(inFlight: 0, requests: 0),
        ])
    }

    @Test func labelValuesUndoTheExpositionEscapes() {
        #expect(RouterMetricsText.labels(#"a="x",b="say \"hi\"",c="back\\slash",d="two\nlines""#[...])
            == ["a": "x", "b": #"say "hi""#, "c": #"back\slash"#, "d": "two\nlines"])
    }
}

@Suite struct EndpointSliceAddressesTests {
    @Test func readyAddressesOnTheHTTPPort() throws {
        let slice: JSONValue = [
            "ports": [["name": "metrics", "port": 9090], ["name": "http", "port": 8080]],
            "endpoints": [
                ["addresses": ["10.0.0.1"], "conditions": ["ready": true]],
                ["addresses": ["10.0.0.2"], "conditions": ["ready": false]],
                ["addresses": ["fd00::3"]],
            ],
        ]
        let addresses = try #require(EndpointSliceAddresses(slice))
        #expect(addresses.port == 8080)
        #expect(addresses.hostPorts == ["10.0.0.1:8080", "[fd00::3]:8080"])
        #expect(EndpointSliceAddresses(["endpoints": []]) == nil)
    }
}

@Suite struct MirrorComparisonsTests {
    let text = """
        swiftlet_router_mirror_requests_total{namespace="default",endpoint="iris",deployment="green",result="agreed"} 297
        swiftlet_router_mirror_requests_total{namespace="default",endpoint="iris",deployment="green",result="disagreed"} 3
        swiftlet_router_mirror_requests_total{namespace="default",endpoint="iris",deployment="green",result="failed"} 1
        swiftlet_router_mirror_requests_total{namespace="default",endpoint="iris",deployment="green",result="dropped"} 0
        swiftlet_router_mirror_latency_difference_seconds{namespace="default",endpoint="iris",deployment="green"} 0.002
        swiftlet_router_mirror_agreement_ratio{namespace="default",endpoint="iris",deployment="green"} 0.99
        """
    let key = MirrorKey(namespace: "default", endpoint: "iris", deployment: "green")

    @Test func routersAddUpWithTheLatencyWeightedByWhatEachCompared() throws {
        var other = MirrorTally()
        other.agreed = 100
        other.latencyDifferenceTotal = 100 * 0.006
        let one = try #require(RouterMetricsText.mirrors(text[...])[key])
        #expect(one.agreed == 297 && one.disagreed == 3 && one.failed == 1 && one.dropped == 0)
        let both = one + other
        let status = MirrorComparisons.compute(namespace: "default", endpoint: "iris", mirrorTraffic: ["green": 10],
            tallies: [key: both])
        // (300 × 0.002 + 100 × 0.006) / 400 = 0.003
        #expect(status == [.init(deployment: "green", compared: 400, agreed: 397, agreement: 0.9925, failed: 1,
            dropped: 0, latencyDifferenceSeconds: 0.003)])
    }

    @Test func everyAppliedMirrorIsListedAndNoneWithoutMirrors() {
        #expect(MirrorComparisons.compute(namespace: "default", endpoint: "iris", mirrorTraffic: ["red": 5], tallies: [:])
            == [.init(deployment: "red", compared: 0, agreed: 0)])
        #expect(MirrorComparisons.compute(namespace: "default", endpoint: "iris", mirrorTraffic: nil, tallies: [:]) == nil)
        #expect(MirrorComparisons.compute(namespace: "default", endpoint: "iris", mirrorTraffic: [:], tallies: [:]) == nil)
    }
}
