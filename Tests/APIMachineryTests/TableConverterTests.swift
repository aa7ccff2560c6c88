import Foundation
import ServingAPI
import Testing

@testable import APIMachinery

@Suite struct TableConverterTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func object(name: String, age: Double, status: JSONValue = [:]) -> JSONValue {
        [
            "apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint",
            "metadata": ["name": .string(name), "namespace": "default", "creationTimestamp": .string(K8s.timestamp(now - age))],
            "spec": ["replicas": 2, "ratio": 1, "paused": false], "status": status,
        ]
    }

    @Test func defaultCRDColumnsAreNameAndAge() {
        let table = TableConverter(printerColumns: []).table(
            for: [Self.object(name: "a", age: 5), Self.object(name: "b", age: 182)], now: Self.now,
            listMetadata: ["resourceVersion": "42"])
        #expect(table["kind"] == "Table")
        #expect(table["apiVersion"] == "meta.k8s.io/v1")
        #expect(table["metadata"] == ["resourceVersion": "42"])
        #expect(table["columnDefinitions"]?.arrayValue?.map { $0["name"] } == ["Name", "Age"])
        #expect(table["columnDefinitions"]?.arrayValue?.first?["format"] == "name")
        #expect(table["rows"]?.arrayValue?.map { $0["cells"] } == [["a", "5s"], ["b", "3m2s"]])
        let rowObject = table["rows"]?.arrayValue?.first?["object"]
        #expect(rowObject?["kind"] == "PartialObjectMetadata")
        #expect(rowObject?["apiVersion"] == "meta.k8s.io/v1")
        #expect(rowObject?["metadata"]?["name"] == "a")
        #expect(rowObject?["spec"] == nil)
    }

    @Test func builtInDefaultPrintsCreatedAt() {
        let table = TableConverter(printerColumns: nil).table(for: [Self.object(name: "a", age: 60)], now: Self.now, listMetadata: [:])
        #expect(table["columnDefinitions"]?.arrayValue?.map { $0["name"] } == ["Name", "Created At"])
        #expect(table["rows"]?.arrayValue?.first?["cells"] == ["a", .string(K8s.timestamp(Self.now - 60))])
    }

    @Test func additionalPrinterColumnsTypedCells() {
        let columns: JSONValue = [
            ["name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"],
            ["name": "Ratio", "type": "number", "jsonPath": ".spec.ratio"],
            ["name": "Paused", "type": "boolean", "jsonPath": ".spec.paused", "priority": 1],
            ["name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"],
            ["name": "Conditions", "type": "string", "jsonPath": ".status.conditions[0]"],
            ["name": "Missing", "type": "string", "jsonPath": ".status.nothing"],
            ["name": "Since", "type": "date", "jsonPath": ".status.since"],
            ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
        ]
        let status: JSONValue = ["conditions": [["type": "Ready", "status": "True"]], "since": "not a time"]
        let table = TableConverter(printerColumns: columns).table(
            for: [Self.object(name: "m", age: 4 * 3600 + 300, status: status)], now: Self.now, listMetadata: [:])
        #expect(table["columnDefinitions"]?.arrayValue?.count == 9)
        #expect(table["columnDefinitions"]?.arrayValue?[3] == [
            "name": "Paused", "type": "boolean", "format": "", "description": "", "priority": 1,
        ])
        #expect(table["rows"]?.arrayValue?.first?["cells"] == [
            "m", 2, 1.0, false, "True", "map[status:True type:Ready]", nil, "<invalid>", "4h5m",
        ])
    }
}

@Suite struct PrinterColumnValidationTests {
    @Test func acceptsGoodColumns() {
        let columns: JSONValue = [
            ["name": "Ready", "type": "string", "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status"],
            ["name": "Replicas", "type": "integer", "format": "int32", "priority": 1, "jsonPath": ".spec.replicas"],
        ]
        #expect(TableConverter.validate(printerColumns: columns, fieldPath: "spec.versions[0].additionalPrinterColumns") == [])
    }

    @Test(arguments: [
        (["type": "string", "jsonPath": ".a"], "c[0].name", "FieldValueRequired"),
        (["name": "A", "type": "map", "jsonPath": ".a"], "c[0].type", "FieldValueNotSupported"),
        (["name": "A", "type": "string", "format": "money", "jsonPath": ".a"], "c[0].format", "FieldValueNotSupported"),
        (["name": "A", "type": "string", "priority": -1, "jsonPath": ".a"], "c[0].priority", "FieldValueInvalid"),
        (["name": "A", "type": "string"], "c[0].jsonPath", "FieldValueRequired"),
        (["name": "A", "type": "string", "jsonPath": "..a"], "c[0].jsonPath", "FieldValueInvalid"),
    ] as [(JSONValue, String, String)])
    func rejectsBadColumns(column: JSONValue, field: String, reason: String) {
        let causes = TableConverter.validate(printerColumns: [column], fieldPath: "c")
        #expect(causes.map(\.field) == [field])
        #expect(causes.first?.reason == reason)
    }
}
