import ServingAPI
import Testing

@testable import APIMachinery

private func parse(_ text: String) -> JSONValue { try! JSONValue(parsing: text) }

private func failure(_ body: () throws(MachineryError) -> JSONValue) -> MachineryError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

struct JSONPatchTests {
    /// RFC 6902 appendix A: document, patch, result.
    static let appendixA: [(String, String, String, String)] = [
        ("A.1", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        ("A.2", #"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        ("A.3", #"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        ("A.4", #"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        ("A.5", #"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        (
            "A.6", #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
            #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
            #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#
        ),
        (
            "A.7", #"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#,
            #"{"foo":["all","cows","eat","grass"]}"#
        ),
        (
            "A.8", #"{"baz":"qux","foo":["a",2,"c"]}"#,
            #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
            #"{"baz":"qux","foo":["a",2,"c"]}"#
        ),
        (
            "A.10", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#,
            #"{"foo":"bar","child":{"grandchild":{}}}"#
        ),
        ("A.11", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, #"{"foo":"bar","baz":"qux"}"#),
        ("A.14", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":10}]"#, #"{"/":9,"~1":10}"#),
        ("A.16", #"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
        ("copy", #"{"a":{"b":1}}"#, #"[{"op":"copy","from":"/a","path":"/c"}]"#, #"{"a":{"b":1},"c":{"b":1}}"#),
        ("replace root", #"{"a":1}"#, #"[{"op":"replace","path":"","value":[1]}]"#, #"[1]"#),
        ("test number forms", #"{"n":1}"#, #"[{"op":"test","path":"/n","value":1.0}]"#, #"{"n":1}"#),
    ]

    @Test(arguments: appendixA.indices)
    func appendixAExamples(_ index: Int) throws {
        let (name, document, patch, expected) = Self.appendixA[index]
        let result = try JSONPatch.apply(parse(patch), to: parse(document))
        #expect(result == parse(expected), "\(name)")
    }

    /// Failed tests and missing paths are 422 Invalid; malformed operations are 400 BadRequest.
    static let failures: [(String, String, String, MachineryError.Code)] = [
        ("A.9 failed test", #"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#, .invalid),
        ("A.12 missing parent", #"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, .invalid),
        ("A.15 string is not number", #"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":"10"}]"#, .invalid),
        ("remove missing", #"{"a":1}"#, #"[{"op":"remove","path":"/b"}]"#, .invalid),
        ("replace missing", #"{"a":1}"#, #"[{"op":"replace","path":"/b","value":2}]"#, .invalid),
        ("index past the end", #"{"a":[1]}"#, #"[{"op":"add","path":"/a/2","value":2}]"#, .invalid),
        ("not a list", #"{"a":1}"#, #"{"op":"add","path":"/a","value":2}"#, .badRequest),
        ("no op", #"{"a":1}"#, #"[{"path":"/a","value":2}]"#, .badRequest),
        ("unknown op", #"{"a":1}"#, #"[{"op":"frobnicate","path":"/a"}]"#, .badRequest),
        ("no value", #"{"a":1}"#, #"[{"op":"add","path":"/a"}]"#, .badRequest),
        ("no from", #"{"a":1}"#, #"[{"op":"move","path":"/b"}]"#, .badRequest),
        ("pointer without slash", #"{"a":1}"#, #"[{"op":"remove","path":"a"}]"#, .badRequest),
        ("bad escape", #"{"a":1}"#, #"[{"op":"remove","path":"/~2"}]"#, .badRequest),
        ("leading zero index", #"{"a":[1,2]}"#, #"[{"op":"remove","path":"/a/01"}]"#, .badRequest),
        ("move into itself", #"{"a":{"b":1}}"#, #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#, .badRequest),
    ]

    @Test(arguments: failures.indices)
    func refusals(_ index: Int) {
        let (name, document, patch, code) = Self.failures[index]
        let error = failure { () throws(MachineryError) in try JSONPatch.apply(parse(patch), to: parse(document)) }
        #expect(error?.code == code, "\(name): \(String(describing: error))")
    }

    @Test func operationsApplyInOrderOnKubernetesObjects() throws {
        let pod = parse(#"{"metadata":{"labels":{"a/b":"x"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}"#)
        let patch = parse(
            #"[{"op":"replace","path":"/spec/containers/0/image","value":"i:2"},"#
                + #"{"op":"remove","path":"/metadata/labels/a~1b"},{"op":"add","path":"/metadata/labels/tier","value":"web"}]"#)
        let result = try JSONPatch.apply(patch, to: pod)
        #expect(result == parse(#"{"metadata":{"labels":{"tier":"web"}},"spec":{"containers":[{"name":"c","image":"i:2"}]}}"#))
    }
}

/// `copy` can double a document's depth or size per operation; the result is bounded like a parsed body.
@Suite struct JSONPatchBoundsTests {
    @Test func copiesThatNestDeeperThanAParsedBodyCanAreRefused() throws {
        var nested: JSONValue = [:]
        for _ in 0..<100 { nested = ["a": nested] }
        var document: JSONValue = ["a": nested]
        var refused = false
        for _ in 0..<5 {
            // Copy /a into its own innermost object: the chain of "a" members doubles in length.
            var chain = 0
            var cursor = document
            while let next = cursor["a"] { chain += 1; cursor = next }
            let path = String(repeating: "/a", count: chain + 1)
            do {
                document = try JSONPatch.apply([["op": "copy", "from": "/a", "path": .string(path)]], to: document)
            } catch {
                #expect(error.code == .invalid)
                refused = true
                break
            }
        }
        #expect(refused, "the chain passes 512 levels within a few doublings")
        #expect(document.fits(depth: JSONValue.maximumDepth, values: 1_000_000))
    }

    @Test func copiesThatDoubleTheSizeAreRefusedBeforeMemoryRunsOut() throws {
        let operations = (0..<40).map { index -> JSONValue in
            ["op": "copy", "from": "/x", "path": .string("/x/c\(index)")]
        }
        let document: JSONValue = ["x": ["seed": [1, 2, 3, 4]]]
        #expect(throws: MachineryError.self) { _ = try JSONPatch.apply(.array(operations), to: document) }
    }

    @Test func aValueKnowsWhetherItFits() {
        let flat: JSONValue = ["a": [1, 2, 3]]
        #expect(flat.fits(depth: 3, values: 5), "object, array, numbers: three levels as the parser counts them")
        #expect(!flat.fits(depth: 2, values: 5))
        #expect(!flat.fits(depth: 3, values: 4))
    }
}
