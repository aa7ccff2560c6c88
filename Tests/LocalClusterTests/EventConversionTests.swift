import ServingAPI
import Testing

@testable import LocalCluster

@Suite struct EventConversionTests {
    let eventsV1: JSONValue = [
        "apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": ["name": "e"], "note": "hello", "reason": "Made",
        "regarding": ["kind": "Pod", "name": "p"], "deprecatedCount": 2, "reportingController": "c",
    ]

    @Test func renamesFieldsBothWays() {
        let core = EventConversion.toCore(eventsV1)
        #expect(core == [
            "apiVersion": "v1", "kind": "Event", "metadata": ["name": "e"], "message": "hello", "reason": "Made",
            "involvedObject": ["kind": "Pod", "name": "p"], "count": 2, "reportingComponent": "c",
        ])
        #expect(EventConversion.fromCore(core) == eventsV1)
    }

    @Test(arguments: [
        ("regarding.name", "involvedObject.name"), ("reportingController", "reportingComponent"), ("reason", "reason"),
        ("metadata.name", "metadata.name"),
    ])
    func translatesFieldSelectorLabels(events: String, core: String) {
        #expect(EventConversion.coreFieldLabel(events) == core)
    }
}
