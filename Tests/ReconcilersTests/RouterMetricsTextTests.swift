import ServingAPI
import Testing

@testable import Reconcilers

@Suite struct RouterMetricsTextTests {
    @Test func inFlightGaugesAreSummedPerNamespaceAndDeployment() {
        let text = """
            # TYPE swiftlet_router_in_flight gauge
            swiftlet_router_in_flight{namespace="default",endpoint="iris",deployment="blue"} 3.0
            swiftlet_router_in_flight{namespace="default",endpoint="other",deployment="blue"} 2
            swiftlet_router_in_flight{endpoint="iris",deployment="green",namespace="ml"} 0.0
            swiftlet_router_in_flight_total{namespace="default",endpoint="iris",deployment="blue"} 99
            swiftlet_router_requests_total{namespace="default",endpoint="iris",deployment="blue",code="200"} 12
            swiftlet_router_in_flight{namespace="default",endpoint="iris"} 5
            """
        #expect(RouterMetricsText.inFlight(text[...]) == ["default/blue": 5, "ml/green": 0])
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
