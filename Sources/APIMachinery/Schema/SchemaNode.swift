import ServingAPI

/// One node of a structural schema, read once from the CRD's OpenAPI v3 JSON by `SchemaParser`.
final class SchemaNode: Sendable {
    enum AdditionalProperties: Sendable {
        case none
        /// `additionalProperties: true`: any values, kept as they are.
        case any
        case schema(SchemaNode)
    }

    struct NumberBound: Sendable {
        let value: Double
        let exclusive: Bool
    }

    let type: String?
    let format: String?
    let nullable: Bool
    let properties: [String: SchemaNode]
    let required: [String]
    let additionalProperties: AdditionalProperties
    let items: SchemaNode?
    let enumValues: [JSONValue]?
    let minimum: NumberBound?
    let maximum: NumberBound?
    let multipleOf: Double?
    let minLength: Int64?
    let maxLength: Int64?
    let pattern: String?
    let minItems: Int64?
    let maxItems: Int64?
    let minProperties: Int64?
    let maxProperties: Int64?
    let defaultValue: JSONValue?
    let intOrString: Bool
    let preserveUnknownFields: Bool
    let embeddedResource: Bool
    let listType: String?
    let listMapKeys: [String]
    let allOf: [SchemaNode]
    let anyOf: [SchemaNode]
    let oneOf: [SchemaNode]
    let not: SchemaNode?
    let rules: [ValidationRule]

    init(_ json: [String: JSONValue], children: Children, rules: [ValidationRule]) {
        type = json["type"]?.stringValue
        format = json["format"]?.stringValue
        nullable = json["nullable"]?.boolValue ?? false
        required = (json["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        enumValues = json["enum"]?.arrayValue
        minimum = json["minimum"]?.doubleValue.map { NumberBound(value: $0, exclusive: json["exclusiveMinimum"] == true) }
        maximum = json["maximum"]?.doubleValue.map { NumberBound(value: $0, exclusive: json["exclusiveMaximum"] == true) }
        multipleOf = json["multipleOf"]?.doubleValue
        minLength = json["minLength"]?.intValue
        maxLength = json["maxLength"]?.intValue
        pattern = json["pattern"]?.stringValue
        minItems = json["minItems"]?.intValue
        maxItems = json["maxItems"]?.intValue
        minProperties = json["minProperties"]?.intValue
        maxProperties = json["maxProperties"]?.intValue
        defaultValue = json["default"]
        intOrString = json["x-kubernetes-int-or-string"] == true
        preserveUnknownFields = json["x-kubernetes-preserve-unknown-fields"] == true
        embeddedResource = json["x-kubernetes-embedded-resource"] == true
        listType = json["x-kubernetes-list-type"]?.stringValue
        listMapKeys = (json["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
        properties = children.properties
        additionalProperties = children.additionalProperties
        items = children.items
        allOf = children.allOf
        anyOf = children.anyOf
        oneOf = children.oneOf
        not = children.not
        self.rules = rules
    }

    struct Children {
        var properties: [String: SchemaNode] = [:]
        var additionalProperties: AdditionalProperties = .none
        var items: SchemaNode?
        var allOf: [SchemaNode] = []
        var anyOf: [SchemaNode] = []
        var oneOf: [SchemaNode] = []
        var not: SchemaNode?
    }

    /// The schema of member `key` of an object value: a declared property, or the map's value schema.
    func childSchema(_ key: String) -> SchemaNode? {
        if let property = properties[key] { return property }
        if case .schema(let values) = additionalProperties { return values }
        return nil
    }
}

/// One `x-kubernetes-validations` entry, compiled.
struct ValidationRule: Sendable {
    let rule: String
    let expression: CELExpression
    let message: String?
    let messageExpression: CELExpression?
    /// `FieldValueInvalid` (default), `FieldValueForbidden`, `FieldValueRequired` or `FieldValueDuplicate`.
    let reason: String?
    /// A relative path (`.spec.x`, `['a.b']`) appended to the node's path in the error.
    let fieldPath: String?
    var isTransition: Bool { expression.usesOldSelf }
}
