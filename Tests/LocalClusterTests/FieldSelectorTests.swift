import ServingAPI
import Testing

@testable import LocalCluster

@Suite struct FieldSelectorTests {
    let object: JSONValue = ["metadata": ["name": "web", "namespace": "prod"], "status": ["phase": "Running"]]

    @Test(arguments: [
        ("metadata.name=web", true), ("metadata.name==web", true), ("metadata.name!=web", false),
        ("metadata.name=web,metadata.namespace=prod", true), ("metadata.name=web,metadata.namespace=dev", false),
        ("", true), ("status.phase=Running", true), ("status.phase!=Running", false),
    ])
    func matchesPods(selector: String, expected: Bool) throws {
        #expect(try FieldSelector(parsing: selector, kind: "Pod").matches(object) == expected)
    }

    @Test func refusesFieldsTheKindDoesNotSupport() {
        do {
            _ = try FieldSelector(parsing: "status.phase=Running", kind: "ConfigMap")
            Issue.record("status.phase is not a ConfigMap field")
        } catch {
            #expect(error.status.code == 400)
            #expect(error.status.message == "field label not supported: status.phase")
        }
    }

    @Test func refusesClausesWithoutAnOperator() {
        #expect(throws: APIServerError.self) { try FieldSelector(parsing: "metadata.name", kind: "Pod") }
    }

    @Test func aMissingFieldComparesAsEmpty() throws {
        let selector = try FieldSelector(parsing: "metadata.namespace=", kind: "Namespace")
        #expect(selector.matches(["metadata": ["name": "cluster-scoped"]]))
    }
}
