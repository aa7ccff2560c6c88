import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct JSONContainsTests {
    static let whole: JSONValue = [
        "metadata": ["name": "mnist", "uid": "u-1", "labels": ["a": "1", "b": "2"]],
        "spec": [
            "replicas": 2, "paused": false,
            "ports": [["name": "http", "port": 5001, "protocol": "TCP"], ["name": "metrics", "port": 9090]],
        ],
    ]

    @Test(arguments: [
        ("identical", whole, true),
        ("empty object", [:], true),
        ("subset of objects", ["metadata": ["labels": ["a": "1"]]], true),
        ("elements may have server defaults", ["spec": ["ports": [["name": "http"], ["port": 9090]]]], true),
        ("missing key", ["metadata": ["annotations": ["x": "y"]]], false),
        ("scalar mismatch", ["spec": ["replicas": 3]], false),
        ("bool mismatch", ["spec": ["paused": true]], false),
        ("int is not a string", ["spec": ["replicas": "2"]], false),
        ("shorter array", ["spec": ["ports": [["name": "http"]]]], false),
        ("longer array", ["spec": ["ports": [["name": "http"], ["name": "metrics"], ["name": "x"]]]], false),
        ("array order matters", ["spec": ["ports": [["name": "metrics"], ["name": "http"]]]], false),
        ("object where scalar", ["spec": ["replicas": ["value": 2]]], false),
        ("null is not absent", ["metadata": ["deletionTimestamp": nil]], false),
    ] as [(String, JSONValue, Bool)])
    func contains(name: String, part: JSONValue, expected: Bool) {
        #expect(JSONValue.contains(part, in: Self.whole) == expected, "\(name)")
    }

    @Test func scalarsAndArraysAtTheTop() {
        #expect(JSONValue.contains(1, in: 1))
        #expect(!JSONValue.contains(1, in: 2))
        #expect(!JSONValue.contains("a", in: ["a"]))
        #expect(JSONValue.contains([], in: []))
        #expect(!JSONValue.contains([], in: [1]))
        #expect(JSONValue.contains([["a": 1]], in: [["a": 1, "b": 2]]))
        #expect(!JSONValue.contains(["a": 1], in: 1))
    }

    @Test func desiredWorkloadIsContainedInItsServerCopy() throws {
        let deployment = makeDeployment()
        let desired = ScorerWorkload(deployment, model: try resolved(deployment), configuration: OperatorConfiguration())
            .deployment
        var observed = desired
        observed[path: ["metadata", "resourceVersion"]] = "42"
        observed[path: ["metadata", "uid"]] = "uid-child"
        observed[path: ["spec", "progressDeadlineSeconds"]] = 600
        observed["status"] = ["replicas": 1]
        #expect(JSONValue.contains(desired, in: observed))
        observed[path: ["spec", "replicas"]] = 3
        #expect(!JSONValue.contains(desired, in: observed))
    }
}
