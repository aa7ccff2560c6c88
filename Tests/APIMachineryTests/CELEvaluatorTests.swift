import ServingAPI
import Testing

@testable import APIMachinery

@Suite struct CELEvaluatorTests {
    static let object: JSONValue = [
        "traffic": ["blue": 70, "green": 30], "mirrorTraffic": ["green": 10], "name": "model-a", "replicas": 3,
        "ratio": 0.5, "tags": ["a", "b", "c"], "numbers": [3, 1, 2], "sorted": [1, 2, 2, 5], "empty": [],
        "zero": ["a": 0, "b": 0], "flag": true,
    ]

    static func evaluate(_ rule: String, _ value: JSONValue = object, old: JSONValue? = nil) throws(MachineryError) -> CELValue {
        var variables = ["self": CELValue(json: value, schema: nil)]
        variables["oldSelf"] = old.map { CELValue(json: $0, schema: nil) }
        return try CELEvaluator(variables: variables).evaluate(try CELExpression.compile(rule))
    }

    @Test(arguments: [
        ("1 + 2 * 3", CELValue.int(7)), ("(1 + 2) * 3", .int(9)), ("7 / 2", .int(3)), ("-7 % 3", .int(-1)),
        ("2u + 3u", .uint(5)), ("1.5 * 2.0", .double(3)), ("'a' + 'b'", .string("ab")), ("[1] + [2]", .list([.int(1), .int(2)])),
        ("0x10", .int(16)), ("1e3", .double(1000)), ("true ? 1 : 2", .int(1)), ("false ? 1 : 1 < 2 ? 3 : 4", .int(3)),
        ("null", .null), ("{'a': 1}['a']", .int(1)), ("!true", .bool(false)), ("-(-5)", .int(5)),
        ("1 == 1.0", .bool(true)), ("1 < 2u", .bool(true)), ("'abc' < 'abd'", .bool(true)), ("[1, 2] == [1, 2]", .bool(true)),
        ("{'a': 1} == {'a': 1}", .bool(true)), ("2 in [1, 2]", .bool(true)), ("'x' in {'x': 1}", .bool(true)),
        ("string(2.0) + string(0.5)", .string("20.5")), ("'a\\tb'", .string("a\tb")), ("r'\\d'", .string("\\d")), ("'\\u00e9'", .string("é")),
    ])
    func literalsAndOperators(rule: String, expected: CELValue) throws {
        #expect(try Self.evaluate(rule) == expected)
    }

    @Test(arguments: [
        ("self.traffic.map(k, self.traffic[k]).sum() == 100 || self.traffic.all(k, self.traffic[k] == 0)", true),
        ("self.zero.map(k, self.zero[k]).sum() == 100 || self.zero.all(k, self.zero[k] == 0)", true),
        ("self.mirrorTraffic.all(k, self.mirrorTraffic[k] <= 50)", true),
        ("self.mirrorTraffic.all(k, self.mirrorTraffic[k] <= 5)", false),
        ("has(self.name) && !has(self.missing)", true), ("self.name.startsWith('model-')", true),
        ("self.name.endsWith('-a') && self.name.contains('del')", true), ("self.name.matches('^model-[a-z]$')", true),
        ("self.name.matches('[0-9]')", false), ("size(self.name) == 7 && self.tags.size() == 3", true),
        ("self.tags.exists(t, t == 'b')", true), ("self.tags.exists_one(t, t > 'a')", false),
        ("self.tags.filter(t, t != 'b') == ['a', 'c']", true), ("self.numbers.map(n, n * 2) == [6, 2, 4]", true),
        ("self.numbers.map(n, n > 1, n) == [3, 2]", true), ("self.numbers.min() == 1 && self.numbers.max() == 3", true),
        ("self.sorted.isSorted() && !self.numbers.isSorted()", true), ("self.tags.indexOf('c') == 2", true),
        ("self.sorted.lastIndexOf(2) == 2 && self.tags.indexOf('z') == -1", true), ("self.empty.sum() == 0", true),
        ("self.traffic.exists(k, k == 'green')", true), ("'blue' in self.traffic", true),
        ("int('42') == 42 && double(1) == 1.0 && string(7) == '7' && uint(3) == 3u", true),
        ("type(self.name) == string && type(self.replicas) == int", true), ("self.ratio * 2.0 == 1.0", true),
        ("self.replicas > 2 ? self.flag : false", true), ("self.name.upperAscii() == 'MODEL-A'", true),
    ])
    func rulesOnObjects(rule: String, expected: Bool) throws {
        #expect(try Self.evaluate(rule) == .bool(expected))
    }

    @Test(arguments: [("a__dash__b", "a-b"), ("x__dot__y__slash__z", "x.y/z"), ("a__underscores__b", "a__b"),
        ("__namespace__", "namespace"), ("plain", "plain"), ("a__b", "a__b")])
    func escapedPropertyNames(escaped: String, name: String) throws {
        #expect(CELNames.unescape(escaped) == name)
        #expect(try Self.evaluate("self.\(escaped) == 1 && has(self.\(escaped))", .object([name: 1])) == .bool(true))
    }

    /// Rules in the style of the Kubernetes documentation's examples.
    @Test(arguments: [
        ("self.minReplicas <= self.replicas && self.replicas <= self.maxReplicas", true),
        ("!has(self.initialReplicas) || self.initialReplicas >= self.minReplicas", true),
        ("self.set1.all(e, !(e in self.set2))", true), ("self.set1.all(e, !(e in self.set1))", false),
        ("self.widgets.exists_one(w, w.name == 'x')", true), ("self.widgets.map(w, w.port).max() == 8080", true),
        ("size(self.host) <= 63 && self.host.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')", true),
        ("type(self.surge) == string ? self.surge == '25%' : self.surge <= 10", true),
        ("self.labels.all(k, k.startsWith('app.') && size(self.labels[k]) > 0)", true),
        ("self.widgets.filter(w, w.port > 100).size() == 1 && self.widgets[0].name == 'x'", true),
        ("self.ratio in [0.5, 1.0] && double(self.replicas) / 2.0 == 1.0", true),
    ])
    func documentationStyleRules(rule: String, expected: Bool) throws {
        let object: JSONValue = [
            "minReplicas": 1, "replicas": 2, "maxReplicas": 3, "set1": ["a", "b"], "set2": ["c"], "host": "my-host",
            "widgets": [["name": "x", "port": 8080], ["name": "y", "port": 80]], "surge": "25%",
            "labels": ["app.kubernetes.io/name": "web"], "ratio": 0.5,
        ]
        #expect(try Self.evaluate(rule, object) == .bool(expected))
    }

    @Test func transitionRule() throws {
        #expect(try Self.evaluate("self.version == oldSelf.version", ["version": "1"], old: ["version": "1"]) == .bool(true))
        #expect(try Self.evaluate("self.version == oldSelf.version", ["version": "2"], old: ["version": "1"]) == .bool(false))
    }

    @Test(arguments: [
        ("self.missing == 1", "no such key: missing"), ("self.traffic['red'] == 1", "no such key: red"),
        ("self.tags[5] == 'a'", "index out of bounds: 5"), ("1 / 0 == 1", "division by zero"),
        ("5 % 0 == 1", "modulus by zero"), ("9223372036854775807 + 1 > 0", "int overflow"),
        ("self.name + 1 == 'x'", "no such overload"), ("self.empty.min() == 0", "empty list"),
        ("self.name > 1", "no such overload"), ("int('x') == 1", "cannot convert"),
        ("matches(1, 'x')", "no such overload"),
    ])
    func evaluationErrors(rule: String, message: String) {
        #expect {
            _ = try Self.evaluate(rule)
        } throws: { error in
            (error as? MachineryError)?.message.contains(message) == true
        }
    }

    @Test(arguments: [
        ("false && self.missing == 1", false), ("self.missing == 1 && false", false), ("true || self.missing", true),
        ("self.missing || true", true), ("self.tags.all(t, t == 'z' && self.missing)", false),
        ("self.tags.exists(t, t == 'a' || self.missing)", true),
    ])
    func errorsAbsorbedByLogicalOperators(rule: String, expected: Bool) throws {
        #expect(try Self.evaluate(rule) == .bool(expected))
    }

    @Test(arguments: [
        ("self.x.foo()", "function 'foo'"), ("duration('1s') > duration('0s')", "function 'duration'"),
        ("b'abc' == b'abc'", "bytes literals"), ("self.?x", "optional field selection"), ("unknown > 1", "undeclared reference to 'unknown'"),
        ("self.list.all(x, y > 1)", "undeclared reference to 'y'"), ("self.split(',')", "function 'split'"),
        ("'''x'''", "triple-quoted"), ("self.a +", "syntax error"), ("(1 + 2", "syntax error"), ("has(self)", "syntax error"),
        ("self.all(1, true)", "syntax error"),
    ])
    func compileErrors(rule: String, message: String) {
        #expect {
            _ = try CELExpression.compile(rule)
        } throws: { error in
            (error as? MachineryError)?.message.contains(message) == true
        }
    }

    @Test func schemaIntegersBecomeInts() throws {
        let schema = try StructuralSchema(["type": "object", "properties": ["n": ["type": "integer"]]])
        let value = CELValue(json: ["n": 3.0], schema: schema.root)
        #expect(value == .map([.string("n"): .int(3)]))
    }
}
