import ServingAPI
import Testing

@testable import APIMachinery

/// Each keyword with a value it accepts and one it rejects, checked for the field, reason and message the
/// apiserver gives.
@Suite struct SchemaValidationTests {
    struct Case: Sendable, CustomStringConvertible {
        let schema: JSONValue
        let valid: JSONValue
        let invalid: JSONValue
        let reason: String
        let message: String
        var description: String { message }
    }

    static func check(_ property: JSONValue, _ value: JSONValue) throws -> [K8s.Status.Cause] {
        let schema = try StructuralSchema(["type": "object", "properties": ["spec": ["type": "object", "properties": ["f": property]]]])
        return schema.validate(["spec": ["f": value]], old: nil)
    }

    static let cases: [Case] = [
        Case(schema: ["type": "integer"], valid: 3.0, invalid: "abc", reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "string": spec.f in body must be of type integer: "string""#),
        Case(schema: ["type": "integer"], valid: 3, invalid: 3.5, reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "number": spec.f in body must be of type integer: "number""#),
        Case(schema: ["type": "number"], valid: 3, invalid: true, reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "boolean": spec.f in body must be of type number: "boolean""#),
        Case(schema: ["type": "string"], valid: "x", invalid: nil, reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "null": spec.f in body must be of type string: "null""#),
        Case(schema: ["type": "boolean"], valid: false, invalid: "true", reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "string": spec.f in body must be of type boolean: "string""#),
        Case(schema: ["type": "array", "items": ["type": "string"]], valid: ["a"], invalid: [:], reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "object": spec.f in body must be of type array: "object""#),
        Case(schema: ["type": "object"], valid: [:], invalid: [], reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "array": spec.f in body must be of type object: "array""#),
        Case(schema: ["type": "string", "enum": ["a", "b"]], valid: "b", invalid: "c", reason: "FieldValueNotSupported",
            message: #"Unsupported value: "c": supported values: "a", "b""#),
        Case(schema: ["type": "integer", "minimum": 1], valid: 1, invalid: 0, reason: "FieldValueInvalid",
            message: "Invalid value: 0: spec.f in body should be greater than or equal to 1"),
        Case(schema: ["type": "integer", "minimum": 1, "exclusiveMinimum": true], valid: 2, invalid: 1, reason: "FieldValueInvalid",
            message: "Invalid value: 1: spec.f in body should be greater than 1"),
        Case(schema: ["type": "number", "maximum": 1.5], valid: 1.5, invalid: 2, reason: "FieldValueInvalid",
            message: "Invalid value: 2: spec.f in body should be less than or equal to 1.5"),
        Case(schema: ["type": "integer", "maximum": 100, "exclusiveMaximum": true], valid: 99, invalid: 100,
            reason: "FieldValueInvalid", message: "Invalid value: 100: spec.f in body should be less than 100"),
        Case(schema: ["type": "integer", "multipleOf": 5], valid: 10, invalid: 7, reason: "FieldValueInvalid",
            message: "Invalid value: 7: spec.f in body should be a multiple of 5"),
        Case(schema: ["type": "string", "minLength": 2], valid: "ab", invalid: "a", reason: "FieldValueInvalid",
            message: #"Invalid value: "a": spec.f in body should be at least 2 chars long"#),
        Case(schema: ["type": "string", "maxLength": 2], valid: "éé", invalid: "abc", reason: "FieldValueTooLong",
            message: "Too long: may not be more than 2 bytes"),
        Case(schema: ["type": "string", "pattern": "^[a-z]+$"], valid: "abc", invalid: "aB", reason: "FieldValueInvalid",
            message: #"Invalid value: "aB": spec.f in body should match '^[a-z]+$'"#),
        Case(schema: ["type": "array", "minItems": 1, "items": ["type": "integer"]], valid: [1], invalid: [],
            reason: "FieldValueInvalid", message: "Invalid value: 0: spec.f in body should have at least 1 items"),
        Case(schema: ["type": "array", "maxItems": 1, "items": ["type": "integer"]], valid: [1], invalid: [1, 2],
            reason: "FieldValueTooMany", message: "Too many: 2: must have at most 1 items"),
        Case(schema: ["type": "object", "minProperties": 1], valid: ["a": 1], invalid: [:], reason: "FieldValueInvalid",
            message: "Invalid value: 0: spec.f in body should have at least 1 properties"),
        Case(schema: ["type": "object", "maxProperties": 1], valid: ["a": 1], invalid: ["a": 1, "b": 2],
            reason: "FieldValueTooMany", message: "Too many: 2: must have at most 1 items"),
        Case(schema: ["type": "string", "format": "date-time"], valid: "2026-11-23T18:00:00Z", invalid: "yesterday",
            reason: "FieldValueInvalid", message: #"Invalid value: "yesterday": spec.f in body must be of type date-time: "yesterday""#),
        Case(schema: ["type": "string", "format": "byte"], valid: "aGVsbG8=", invalid: "***", reason: "FieldValueInvalid",
            message: #"Invalid value: "***": spec.f in body must be of type byte: "***""#),
        Case(schema: ["type": "integer", "format": "int32"], valid: 5, invalid: "5", reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "string": spec.f in body must be of type integer: "string""#),
        Case(schema: ["x-kubernetes-int-or-string": true], valid: "50%", invalid: true, reason: "FieldValueTypeInvalid",
            message: #"Invalid value: "boolean": spec.f in body must be of type integer,string: "boolean""#),
        Case(schema: ["type": "string", "anyOf": [["enum": ["a"]], ["pattern": "^b"]]], valid: "bee", invalid: "c",
            reason: "FieldValueInvalid", message: #"Invalid value: "c": spec.f in body must validate at least one schema (anyOf)"#),
        Case(schema: ["type": "string", "oneOf": [["pattern": "a"], ["pattern": "b"]]], valid: "a", invalid: "ab",
            reason: "FieldValueInvalid", message: #"Invalid value: "ab": spec.f in body must validate one and only one schema (oneOf)"#),
        Case(schema: ["type": "string", "not": ["enum": ["x"]]], valid: "y", invalid: "x", reason: "FieldValueInvalid",
            message: #"Invalid value: "x": spec.f in body must not validate the schema (not)"#),
        Case(schema: ["type": "integer", "allOf": [["minimum": 1], ["maximum": 5]]], valid: 3, invalid: 9, reason: "FieldValueInvalid",
            message: "Invalid value: 9: spec.f in body should be less than or equal to 5"),
        Case(schema: ["type": "object", "additionalProperties": ["type": "integer"]], valid: ["a": 1], invalid: ["a": "x"],
            reason: "FieldValueTypeInvalid", message: #"Invalid value: "string": spec.f.a in body must be of type integer: "string""#),
        Case(schema: ["type": "object", "required": ["name"], "properties": ["name": ["type": "string"]]], valid: ["name": "n"],
            invalid: [:], reason: "FieldValueRequired", message: "Required value"),
        Case(schema: ["type": "array", "x-kubernetes-list-type": "set", "items": ["type": "string"]], valid: ["a", "b"],
            invalid: ["a", "a"], reason: "FieldValueDuplicate", message: #"Duplicate value: "a""#),
        Case(schema: ["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
            "items": ["type": "object", "properties": ["name": ["type": "string"], "v": ["type": "integer"]]]],
            valid: [["name": "a", "v": 1], ["name": "b", "v": 1]], invalid: [["name": "a", "v": 1], ["name": "a", "v": 2]],
            reason: "FieldValueDuplicate", message: #"Duplicate value: {"name":"a"}"#),
        Case(schema: ["type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true],
            valid: ["apiVersion": "v1", "kind": "Pod"], invalid: ["kind": "Pod"], reason: "FieldValueRequired", message: "Required value"),
        Case(schema: ["type": "integer", "x-kubernetes-validations": [["rule": "self % 2 == 0"]]], valid: 4, invalid: 3,
            reason: "FieldValueInvalid", message: "Invalid value: 3: failed rule: self % 2 == 0"),
    ]

    @Test(arguments: cases)
    func keyword(_ testCase: Case) throws {
        #expect(try Self.check(testCase.schema, testCase.valid) == [])
        let causes = try Self.check(testCase.schema, testCase.invalid)
        #expect(causes.count == 1, "\(causes)")
        #expect(causes.first?.reason == testCase.reason)
        #expect(causes.first?.message == testCase.message)
        #expect(causes.first?.field?.hasPrefix("spec.f") == true)
    }

    @Test func nullableAcceptsNull() throws {
        #expect(try Self.check(["type": "string", "nullable": true], nil) == [])
    }

    @Test func fieldPathsOfNestedErrors() throws {
        let causes = try Self.check(
            ["type": "array", "items": ["type": "object", "required": ["port"], "properties": ["port": ["type": "integer"]]]],
            [["port": 1], [:], ["port": "x"]])
        #expect(causes.map(\.field) == ["spec.f[1].port", "spec.f[2].port"])
    }

    static let endpointSchema: JSONValue = [
        "type": "object",
        "properties": [
            "spec": [
                "type": "object",
                "properties": [
                    "version": ["type": "string"],
                    "traffic": ["type": "object", "additionalProperties": ["type": "integer", "minimum": 0, "maximum": 100]],
                    "mirrorTraffic": ["type": "object", "additionalProperties": ["type": "integer"],
                        "x-kubernetes-validations": [["rule": "self.all(k, self[k] <= 50)", "message": "mirror at most 50%"]]],
                ],
                "x-kubernetes-validations": [
                    ["rule": "self.traffic.map(k, self.traffic[k]).sum() == 100 || self.traffic.all(k, self.traffic[k] == 0)",
                        "message": "traffic must add up to 100", "fieldPath": ".traffic"],
                    ["rule": "self.mirrorTraffic.all(k, self.mirrorTraffic[k] <= 50)", "reason": "FieldValueForbidden"],
                    ["rule": "self.version == oldSelf.version", "message": "version is immutable",
                        "messageExpression": "'version is immutable, was ' + oldSelf.version"],
                ],
            ],
        ],
    ]

    @Test func celRulesOfModelEndpoint() throws {
        let schema = try StructuralSchema(Self.endpointSchema)
        let good: JSONValue = ["spec": ["version": "1", "traffic": ["blue": 60, "green": 40], "mirrorTraffic": ["green": 10]]]
        #expect(schema.validate(good, old: good) == [])
        #expect(schema.validate(["spec": ["version": "1", "traffic": ["a": 0], "mirrorTraffic": [:]]], old: nil) == [])
        let bad: JSONValue = ["spec": ["version": "2", "traffic": ["blue": 60, "green": 30], "mirrorTraffic": ["green": 60]]]
        let causes = schema.validate(bad, old: good)
        #expect(causes.contains(K8s.Status.Cause(reason: "FieldValueInvalid",
            message: "Invalid value: traffic must add up to 100", field: "spec.traffic")))
        #expect(causes.contains(K8s.Status.Cause(reason: "FieldValueForbidden",
            message: "Forbidden: failed rule: self.mirrorTraffic.all(k, self.mirrorTraffic[k] <= 50)", field: "spec")))
        #expect(causes.contains(K8s.Status.Cause(reason: "FieldValueInvalid",
            message: "Invalid value: mirror at most 50%", field: "spec.mirrorTraffic")))
        #expect(causes.contains(K8s.Status.Cause(reason: "FieldValueInvalid",
            message: "Invalid value: version is immutable, was 1", field: "spec")))
        #expect(causes.count == 4, "\(causes)")
        #expect(schema.validate(bad, old: nil).count == 3)
    }

    @Test func ratchetingKeepsUnchangedInvalidValues() throws {
        let schema = try StructuralSchema([
            "type": "object",
            "properties": [
                "spec": [
                    "type": "object",
                    "properties": [
                        "a": ["type": "integer", "minimum": 1], "b": ["type": "integer"],
                        "c": ["type": "string", "x-kubernetes-validations": [["rule": "self.startsWith('x')"]]],
                        "d": ["type": "integer", "x-kubernetes-validations": [["rule": "self >= oldSelf", "message": "must not shrink"]]],
                    ],
                ],
            ],
        ])
        let old: JSONValue = ["spec": ["a": 0, "b": 1, "c": "y", "d": 5]]
        #expect(schema.validate(["spec": ["a": 0, "b": 2, "c": "y", "d": 5]], old: old) == [])
        #expect(schema.validate(["spec": ["a": -1, "b": 1, "c": "z", "d": 4]], old: old).map(\.field) == ["spec.a", "spec.c", "spec.d"])
        #expect(schema.validate(["spec": ["a": 0, "b": 1, "c": "y", "d": 5]], old: nil).map(\.field) == ["spec.a", "spec.c"])
    }

    @Test func rootRulesSeeOnlyNameAndGenerateNameOfMetadata() throws {
        let schema = try StructuralSchema([
            "type": "object", "properties": ["spec": ["type": "object", "properties": ["prefix": ["type": "string"]]]],
            "x-kubernetes-validations": [
                ["rule": "self.metadata.name.startsWith(self.spec.prefix)"], ["rule": "!has(self.metadata.labels)"],
            ],
        ])
        let object: JSONValue = ["metadata": ["name": "web-1", "labels": ["a": "b"]], "spec": ["prefix": "web"]]
        #expect(schema.validate(object, old: nil) == [])
        #expect(schema.validate(["metadata": ["name": "db-1"], "spec": ["prefix": "web"]], old: nil).count == 1)
    }

    @Test func evaluationErrorsFailTheRule() throws {
        let schema = try StructuralSchema(Self.endpointSchema)
        let causes = schema.validate(["spec": ["version": "1", "traffic": ["a": 100]]], old: nil)
        #expect(causes == [K8s.Status.Cause(reason: "FieldValueInvalid",
            message: #"Invalid value: "object": no such key: mirrorTraffic evaluating rule: self.mirrorTraffic.all(k, self.mirrorTraffic[k] <= 50)"#,
            field: "spec")])
    }
}
