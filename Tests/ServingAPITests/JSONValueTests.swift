import Foundation
import Testing

@testable import ServingAPI

@Suite struct JSONValueTests {
    @Test(arguments: [
        ("{\"b\":1,\"a\":[true,false,null],\"c\":\"x\"}", "{\"a\":[true,false,null],\"b\":1,\"c\":\"x\"}"),
        ("  [1, -2, 3.5, 1e3, 0.1] ", "[1,-2,3.5,1000,0.1]"),
        ("\"caf\\u00e9 \\ud83d\\ude00 \\n\"", "\"café 😀 \\n\""),
        ("9223372036854775807", "9223372036854775807"),
        ("{}", "{}"),
    ])
    func parsesAndWritesWithSortedKeys(input: String, output: String) throws {
        #expect(try JSONValue(parsing: input).jsonText == output)
    }

    @Test func integersStayIntegersAndFractionsStayDoubles() throws {
        #expect(try JSONValue(parsing: "3") == .int(3))
        #expect(try JSONValue(parsing: "3.0") == .double(3))
        #expect(try JSONValue(parsing: "3.0").intValue == 3)
        #expect(try JSONValue(parsing: "3.5").intValue == nil)
        #expect(try JSONValue(parsing: "92233720368547758070") == .double(92_233_720_368_547_758_080))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "tru", "\"a\nb\"", "[1] x", "-", "\"\\ud800\""])
    func rejectsInvalidJSON(input: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: input) }
    }

    @Test func rejectsNestingBeyondTheBound() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
    }

    @Test func pathSubscriptCreatesAndRemovesMembers() {
        var value: JSONValue = [:]
        value[path: ["metadata", "labels", "app"]] = "x"
        #expect(value.jsonText == "{\"metadata\":{\"labels\":{\"app\":\"x\"}}}")
        #expect(value.labels == ["app": "x"])
        value.labels = [:]
        #expect(value.jsonText == "{\"metadata\":{}}")
    }

    @Test func codableRoundTripKeepsTheKindOfNumber() throws {
        let value: JSONValue = ["replicas": 3, "ratio": 0.5, "tags": ["a"], "on": true, "none": nil]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
    }
}
