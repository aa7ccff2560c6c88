import ServingAPI
import Testing

@testable import APIMachinery

@Suite struct StructuralSchemaTests {
    static func schema(_ spec: JSONValue) -> JSONValue {
        ["type": "object", "properties": ["spec": spec]]
    }

    static func causes(_ json: JSONValue) -> [K8s.Status.Cause] {
        do {
            _ = try StructuralSchema(json)
            return []
        } catch {
            return error.causes
        }
    }

    @Test func acceptsAStructuralSchema() throws {
        let json: JSONValue = [
            "type": "object",
            "properties": [
                "metadata": ["type": "object", "properties": ["name": ["type": "string", "maxLength": 20]]],
                "spec": [
                    "type": "object", "required": ["model"],
                    "properties": [
                        "model": ["type": "string"], "port": ["x-kubernetes-int-or-string": true],
                        "traffic": ["type": "object", "additionalProperties": ["type": "integer"]],
                        "extra": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                        "items": [
                            "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                            "items": ["type": "object", "properties": ["name": ["type": "string"]]],
                        ],
                        "choice": ["type": "string", "anyOf": [["pattern": "^a"], ["pattern": "^b"]]],
                    ],
                    "x-kubernetes-validations": [["rule": "self.model != ''", "message": "model is required"]],
                ],
            ],
        ]
        _ = try StructuralSchema(json)
    }

    @Test(arguments: [
        (schema(["properties": ["a": ["type": "string"]]]), "openAPIV3Schema.properties[spec].type", "FieldValueRequired"),
        (schema(["type": "object", "properties": ["a": [:]]]), "openAPIV3Schema.properties[spec].properties[a].type", "FieldValueRequired"),
        (schema(["type": "array", "items": [:]]), "openAPIV3Schema.properties[spec].items.type", "FieldValueRequired"),
        (schema(["type": "map"]), "openAPIV3Schema.properties[spec].type", "FieldValueNotSupported"),
        (["type": "string"], "openAPIV3Schema.type", "FieldValueInvalid"),
        (["properties": [:]], "openAPIV3Schema.type", "FieldValueRequired"),
        (schema(["type": "string", "anyOf": [["type": "string"]]]), "openAPIV3Schema.properties[spec].anyOf[0].type", "FieldValueForbidden"),
        (schema(["type": "string", "oneOf": [["default": "x"]]]), "openAPIV3Schema.properties[spec].oneOf[0].default", "FieldValueForbidden"),
        (schema(["type": "array", "uniqueItems": true, "items": ["type": "string"]]), "openAPIV3Schema.properties[spec].uniqueItems", "FieldValueForbidden"),
        (schema(["type": "object", "properties": ["a": ["type": "string"]], "additionalProperties": false]),
            "openAPIV3Schema.properties[spec].additionalProperties", "FieldValueForbidden"),
        (schema(["type": "object", "x-kubernetes-preserve-unknown-fields": false]),
            "openAPIV3Schema.properties[spec].x-kubernetes-preserve-unknown-fields", "FieldValueInvalid"),
        (schema(["type": "string", "x-kubernetes-list-type": "set"]), "openAPIV3Schema.properties[spec].type", "FieldValueInvalid"),
        (schema(["type": "array", "x-kubernetes-list-map-keys": ["n"], "items": ["type": "object", "properties": ["n": ["type": "string"]]]]),
            "openAPIV3Schema.properties[spec].x-kubernetes-list-type", "FieldValueRequired"),
        (schema(["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["n"], "items": ["type": "object", "properties": ["n": ["type": "object"]]]]),
            "openAPIV3Schema.properties[spec].items.properties[n].type", "FieldValueInvalid"),
        (schema(["type": "object", "properties": ["a": ["type": "string"]], "x-kubernetes-validations": [["rule": "true", "fieldPath": ".b"]]]),
            "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].fieldPath", "FieldValueInvalid"),
        (schema(["type": "object", "properties": ["a": ["type": "string"]], "anyOf": [["properties": ["b": ["minLength": 1]]]]]),
            "openAPIV3Schema.properties[spec].properties[b]", "FieldValueRequired"),
        (schema(["type": "array", "allOf": [["items": ["pattern": "a"]]]]), "openAPIV3Schema.properties[spec].items", "FieldValueRequired"),
        (schema(["type": "object", "not": ["properties": ["metadata": [:]]], "properties": ["metadata": ["type": "object"]]]),
            "openAPIV3Schema.properties[spec].not.properties[metadata]", "FieldValueForbidden"),
        (schema(["type": "string", "allOf": [["nullable": true]]]), "openAPIV3Schema.properties[spec].allOf[0].nullable", "FieldValueForbidden"),
        (schema(["type": "object", "x-kubernetes-embedded-resource": true]), "openAPIV3Schema.properties[spec].properties", "FieldValueRequired"),
        (["type": "object", "additionalProperties": ["type": "string"]], "openAPIV3Schema.additionalProperties", "FieldValueForbidden"),
        (["type": "object", "properties": ["kind": ["type": "integer"]]], "openAPIV3Schema.properties[kind].type", "FieldValueInvalid"),
        (schema(["x-kubernetes-int-or-string": true, "x-kubernetes-preserve-unknown-fields": true]),
            "openAPIV3Schema.properties[spec].x-kubernetes-preserve-unknown-fields", "FieldValueInvalid"),
        (schema(["type": "string", "x-kubernetes-map-type": "atomic"]), "openAPIV3Schema.properties[spec].type", "FieldValueInvalid"),
        (schema(["type": "object", "x-kubernetes-map-type": "loose"]), "openAPIV3Schema.properties[spec].x-kubernetes-map-type",
            "FieldValueNotSupported"),
        (schema(["type": "string", "x-kubernetes-validations": [["rule": " "]]]),
            "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule", "FieldValueRequired"),
        (schema(["type": "object", "properties": ["a": ["type": "string"]], "additionalProperties": ["type": "string"]]),
            "openAPIV3Schema.properties[spec].additionalProperties", "FieldValueForbidden"),
        (schema(["$ref": "#/definitions/x"]), "openAPIV3Schema.properties[spec].$ref", "FieldValueForbidden"),
        (schema(["type": "array", "items": [["type": "string"]]]), "openAPIV3Schema.properties[spec].items", "FieldValueForbidden"),
        (schema(["type": "string", "x-kubernetes-int-or-string": true]), "openAPIV3Schema.properties[spec].x-kubernetes-int-or-string", "FieldValueInvalid"),
        (["type": "object", "properties": ["metadata": ["type": "object", "properties": ["labels": ["type": "object"]]]]],
            "openAPIV3Schema.properties[metadata]", "FieldValueForbidden"),
        (schema(["type": "array", "x-kubernetes-list-type": "map", "items": ["type": "object", "properties": ["n": ["type": "string"]]]]),
            "openAPIV3Schema.properties[spec].x-kubernetes-list-map-keys", "FieldValueRequired"),
        (schema(["type": "array", "x-kubernetes-list-type": "bag", "items": ["type": "string"]]),
            "openAPIV3Schema.properties[spec].x-kubernetes-list-type", "FieldValueNotSupported"),
        (schema(["type": "string", "pattern": "(["]), "openAPIV3Schema.properties[spec].pattern", "FieldValueInvalid"),
        (schema(["type": "integer", "default": "x"]), "openAPIV3Schema.properties[spec].default", "FieldValueInvalid"),
        (schema(["type": "object", "default": ["unknown": 1]]), "openAPIV3Schema.properties[spec].default", "FieldValueInvalid"),
        (schema(["type": "string", "x-kubernetes-validations": [["rule": "self.foo()"]]]),
            "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule", "FieldValueInvalid"),
        (schema(["type": "string", "x-kubernetes-validations": [["rule": "self == 'a'", "reason": "Bogus"]]]),
            "openAPIV3Schema.properties[spec].x-kubernetes-validations[0].reason", "FieldValueNotSupported"),
        (schema(["type": "array", "items": ["type": "string", "x-kubernetes-validations": [["rule": "self == oldSelf"]]]]),
            "openAPIV3Schema.properties[spec].items.x-kubernetes-validations[0].rule", "FieldValueInvalid"),
    ] as [(JSONValue, String, String)])
    func rejectsWhatTheApiserverRejects(json: JSONValue, field: String, reason: String) {
        let causes = Self.causes(json)
        #expect(causes.contains { $0.field == field && $0.reason == reason }, "\(causes)")
    }

    @Test func unsupportedCELIsNamedInTheError() {
        let json = Self.schema(["type": "string", "x-kubernetes-validations": [["rule": "self.split(',').size() > 1"]]])
        #expect(Self.causes(json).first?.message?.contains("unsupported CEL construct: function 'split'") == true)
    }

    @Test func transitionRulesUnderMapListItemsAndMapsAreAllowed() throws {
        _ = try StructuralSchema(Self.schema([
            "type": "object",
            "properties": [
                "byName": ["type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["n"],
                    "items": ["type": "object", "required": ["n"], "properties": ["n": ["type": "string"], "v": ["type": "string"]],
                        "x-kubernetes-validations": [["rule": "self.v == oldSelf.v"]]]],
                "map": ["type": "object", "additionalProperties": ["type": "string", "x-kubernetes-validations": [["rule": "self == oldSelf"]]]],
            ],
            "x-kubernetes-validations": [["rule": "self.map.size() >= 0", "fieldPath": ".map"]],
        ]))
    }

    @Test func intOrStringAnyOfPatternIsStructural() throws {
        _ = try StructuralSchema(Self.schema([
            "x-kubernetes-int-or-string": true, "anyOf": [["type": "integer"], ["type": "string"]],
        ]))
    }

    @Test func prunesUnknownFieldsButKeepsResourceFields() throws {
        let schema = try StructuralSchema([
            "type": "object",
            "properties": [
                "spec": [
                    "type": "object",
                    "properties": [
                        "a": ["type": "string"],
                        "free": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                        "map": ["type": "object", "additionalProperties": ["type": "object", "properties": ["x": ["type": "integer"]]]],
                        "list": ["type": "array", "items": ["type": "object", "properties": ["n": ["type": "string"]]]],
                        "pod": ["type": "object", "x-kubernetes-embedded-resource": true, "properties": ["spec": ["type": "object"]]],
                    ],
                ],
            ],
        ])
        let object: JSONValue = [
            "apiVersion": "x/v1", "kind": "K", "metadata": ["name": "n", "labels": ["a": "b"], "bogus": 1],
            "spec": [
                "a": "x", "b": "dropped", "free": ["anything": ["deep": 1]], "map": ["k": ["x": 1, "y": 2]],
                "list": [["n": "1", "m": "2"]], "pod": ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "junk": 1], "status": [:]],
            ],
            "status": ["dropped": true],
        ]
        let expected: JSONValue = [
            "apiVersion": "x/v1", "kind": "K", "metadata": ["name": "n", "labels": ["a": "b"]],
            "spec": [
                "a": "x", "free": ["anything": ["deep": 1]], "map": ["k": ["x": 1]], "list": [["n": "1"]],
                "pod": ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"]],
            ],
        ]
        #expect(schema.pruned(object) == expected)
    }

    @Test func appliesDefaultsDeeply() throws {
        let schema = try StructuralSchema([
            "type": "object",
            "properties": [
                "spec": [
                    "type": "object", "default": [:],
                    "properties": [
                        "replicas": ["type": "integer", "default": 1],
                        "mode": ["type": "string", "default": "fast"],
                        "opt": ["type": "string", "nullable": true, "default": "d"],
                        "ports": ["type": "array", "items": ["type": "object", "properties": [
                            "name": ["type": "string"], "protocol": ["type": "string", "default": "TCP"]]]],
                        "traffic": ["type": "object", "additionalProperties": ["type": "object", "properties": [
                            "weight": ["type": "integer", "default": 0]]]],
                    ],
                ],
            ],
        ])
        #expect(schema.defaulted(["kind": "K"]) == ["kind": "K", "spec": ["replicas": 1, "mode": "fast", "opt": "d"]])
        let object: JSONValue = [
            "spec": ["replicas": 3, "mode": nil, "opt": nil, "ports": [["name": "http"]], "traffic": ["blue": [:]]],
        ]
        let expected: JSONValue = [
            "spec": [
                "replicas": 3, "mode": "fast", "opt": nil, "ports": [["name": "http", "protocol": "TCP"]],
                "traffic": ["blue": ["weight": 0]],
            ],
        ]
        #expect(schema.defaulted(object) == expected)
    }
}
