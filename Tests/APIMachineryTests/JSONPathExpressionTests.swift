import ServingAPI
import Testing

@testable import APIMachinery

@Suite struct JSONPathExpressionTests {
    static let object: JSONValue = [
        "metadata": ["name": "m", "labels": ["app.kubernetes.io/name": "web"]],
        "spec": ["replicas": 3, "containers": [["name": "a", "image": "x"], ["name": "b", "image": "y"]]],
        "status": ["conditions": [
            ["type": "Available", "status": "False", "count": 1], ["type": "Ready", "status": "True", "count": 5],
        ]],
    ]

    @Test(arguments: [
        (".spec.replicas", [3]), ("{.spec.replicas}", [3]), ("$.metadata.name", ["m"]), ("spec.replicas", [3]),
        (".spec.containers[0].name", ["a"]), (".spec.containers[-1].image", ["y"]), (".spec.containers[*].name", ["a", "b"]),
        (".spec.containers[0:1].name", ["a"]), (".status.conditions[?(@.type==\"Ready\")].status", ["True"]),
        (".status.conditions[?(@.type == 'Available')].status", ["False"]), (".status.conditions[?(@.count > 2)].type", ["Ready"]),
        (".status.conditions[?(@.missing)].type", []), (".metadata.labels['app.kubernetes.io/name']", ["web"]),
        (".metadata.labels.app\\.kubernetes\\.io/name", ["web"]), (".spec.missing", []), (".spec.containers[5]", []),
        (".spec.*", [[["name": "a", "image": "x"], ["name": "b", "image": "y"]], 3]),
    ] as [(String, [JSONValue])])
    func selects(path: String, expected: [JSONValue]) throws {
        #expect(try JSONPathExpression(path).evaluate(Self.object) == expected)
    }

    @Test(arguments: ["", "..spec", ".spec[", ".spec[0", ".a[?(@.x=~/y/)]", ".a[1:2:3]", ".a b", ".spec.[0]"])
    func rejects(path: String) {
        #expect(throws: MachineryError.self) { try JSONPathExpression(path) }
    }

    @Test func fieldNamesOfRuleFieldPaths() throws {
        #expect(try JSONPathExpression(".traffic['a.b']").fieldNames == ["traffic", "a.b"])
        #expect(try JSONPathExpression(".list[0]").fieldNames == [])
    }
}
