import ServingAPI
import Testing

@testable import LocalCluster

@Suite struct DiscoveryTests {
    private func json(_ response: APIResponse) throws -> (String, JSONValue) {
        guard case .body(_, let type, let bytes) = response else { throw APIServerError.internalError("not a body") }
        return (type, try JSONValue(parsing: bytes))
    }

    @Test func servesAggregatedDiscoveryWhenAskedFirst() throws {
        let accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
        let (type, list) = try json(Discovery.respond(.groups, registry: ResourceRegistry(), accept: accept))
        #expect(type == Discovery.aggregatedContentType)
        let apps = list["items"]?.arrayValue?.first { $0[path: ["metadata", "name"]] == "apps" }
        let deployments = apps?["versions"]?.arrayValue?.first?["resources"]?.arrayValue?.first
        #expect(deployments?["resource"] == "deployments" && deployments?["shortNames"] == ["deploy"])
        #expect(deployments?["subresources"]?.arrayValue?.compactMap { $0["subresource"]?.stringValue }.sorted() == ["scale", "status"])
    }

    @Test func servesTheLegacyDocumentsOtherwise() throws {
        let (type, groups) = try json(Discovery.respond(.groups, registry: ResourceRegistry(), accept: "application/json"))
        #expect(type == "application/json" && groups["kind"] == "APIGroupList")
        let (_, list) = try json(Discovery.respond(.resourceList(group: "apps", version: "v1"), registry: ResourceRegistry(), accept: ""))
        let names = list["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["deployments", "deployments/status", "deployments/scale"])
    }

    @Test func aCRDAddsItsGroupAndResource() throws {
        let crd: JSONValue = [
            "metadata": ["name": "widgets.example.com"],
            "spec": [
                "group": "example.com", "scope": "Namespaced",
                "names": ["plural": "widgets", "kind": "Widget", "shortNames": ["wd"], "categories": ["gadgets"]],
                "versions": [["name": "v1", "served": true, "storage": true, "subresources": ["status": [:]]]],
            ],
        ]
        let registry = ResourceRegistry(customResourceDefinitions: [crd])
        let (_, list) = try json(Discovery.respond(.resourceList(group: "example.com", version: "v1"), registry: registry, accept: ""))
        let widgets = list["resources"]?.arrayValue?.first
        #expect(widgets?["kind"] == "Widget" && widgets?["categories"] == ["gadgets"] && widgets?["namespaced"] == true)
        #expect(registry.lookup(group: "example.com", version: "v1", plural: "widgets")?.hasStatus == true)
    }

    @Test(arguments: [(5, "5s"), (119, "119s"), (125, "2m5s"), (600, "10m"), (3 * 3600 + 60, "3h1m"), (50 * 3600, "2d2h")] as [(Double, String)])
    func agesReadAsKubectlPrintsThem(seconds: Double, text: String) {
        #expect(HumanDuration.format(seconds) == text)
    }
}
