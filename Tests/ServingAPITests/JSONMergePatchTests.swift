import Testing

@testable import ServingAPI

/// RFC 7386's examples (appendix A) and the diff that produces a patch.
@Suite struct JSONMergePatchTests {
    @Test(arguments: [
        ("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        ("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
        ("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
        ("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
        ("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        ("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
        ("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
        ("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
        ("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
        ("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
        ("{\"a\":\"foo\"}", "null", "null"),
        ("{\"e\":null}", "{\"a\":1}", "{\"a\":1,\"e\":null}"),
        ("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"),
        ("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"),
    ])
    func appliesTheRFCExamples(target: String, patch: String, result: String) throws {
        let applied = JSONMergePatch.apply(try JSONValue(parsing: patch), to: try JSONValue(parsing: target))
        #expect(applied.jsonText == result)
    }

    @Test func diffProducesAPatchThatReproducesTheTarget() throws {
        let original = try JSONValue(parsing: "{\"spec\":{\"a\":1,\"b\":[1,2],\"gone\":true},\"keep\":\"x\"}")
        let modified = try JSONValue(parsing: "{\"spec\":{\"a\":2,\"b\":[1,2],\"new\":{\"x\":1}},\"keep\":\"x\"}")
        let patch = try #require(JSONMergePatch.diff(from: original, to: modified))
        #expect(patch.jsonText == "{\"spec\":{\"a\":2,\"gone\":null,\"new\":{\"x\":1}}}")
        #expect(JSONMergePatch.apply(patch, to: original) == modified)
        #expect(JSONMergePatch.diff(from: original, to: original) == nil)
    }
}
