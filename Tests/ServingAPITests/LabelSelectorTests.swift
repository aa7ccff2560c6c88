import Testing

@testable import ServingAPI

@Suite struct LabelSelectorTests {
    let labels = ["app": "scorer", "tier": "blue", "team": "ml"]

    @Test(arguments: [
        ("", true), ("app=scorer", true), ("app==scorer", true), ("app=other", false), ("app!=other", true),
        ("tier in (blue, green)", true), ("tier notin (blue)", false), ("missing notin (x)", true),
        ("team", true), ("!team", false), ("!missing", true), ("app=scorer,tier=green", false),
        ("app=scorer, tier in (blue),!missing", true), ("missing in (x)", false),
    ])
    func matchesTheStringForm(selector: String, expected: Bool) throws {
        #expect(try LabelSelector(parsing: selector).matches(labels) == expected)
    }

    @Test(arguments: ["a in (x", "a in x", "a b=c", "=x", "a)"])
    func rejectsMalformedSelectors(selector: String) {
        #expect(throws: LabelSelectorError.self) { try LabelSelector(parsing: selector) }
    }

    @Test func structuredFormMatchesAndPrintsAsAQueryParameter() throws {
        let json: JSONValue = [
            "matchLabels": ["app": "scorer"],
            "matchExpressions": [["key": "tier", "operator": "In", "values": ["green", "blue"]]],
        ]
        let selector = try LabelSelector(json: json)
        #expect(selector.matches(labels))
        #expect(!selector.matches(["app": "scorer"]))
        #expect(selector.description == "app=scorer,tier in (blue,green)")
        #expect(try LabelSelector(parsing: selector.description) == selector)
    }

    @Test func rejectsAnUnknownOperator() {
        let json: JSONValue = ["matchExpressions": [["key": "a", "operator": "Gt", "values": ["1"]]]]
        #expect(throws: LabelSelectorError.self) { try LabelSelector(json: json) }
    }
}
