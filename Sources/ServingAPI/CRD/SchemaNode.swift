/// A small description of an OpenAPI v3 structural schema, written next to our types and turned into a CRD's
/// `openAPIV3Schema`. Builders for each JSON type; modifiers for what the CRD needs on top (defaults, CEL rules).
public struct SchemaNode: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case object, array, string, integer, number, boolean
    }

    /// A CEL rule (`x-kubernetes-validations`); rules that use `oldSelf` are transition rules.
    public struct Rule: Sendable, Hashable {
        public var rule: String
        public var message: String
        public var fieldPath: String?

        public init(_ rule: String, message: String, fieldPath: String? = nil) {
            self.rule = rule
            self.message = message
            self.fieldPath = fieldPath
        }
    }

    public var kind: Kind?
    public var description: String?
    public var properties: [String: SchemaNode] = [:]
    public var required: [String] = []
    public var items: Box?
    public var additionalProperties: Box?
    public var enumValues: [JSONValue] = []
    public var defaultValue: JSONValue?
    public var minimum: Int64?
    public var maximum: Int64?
    public var minLength: Int?
    public var maxLength: Int?
    public var maxItems: Int?
    public var maxProperties: Int?
    public var pattern: String?
    public var format: String?
    public var rules: [Rule] = []
    /// `x-kubernetes-int-or-string` (resource quantities).
    public var intOrString = false
    /// `x-kubernetes-list-type: map` with these keys.
    public var listMapKeys: [String] = []

    /// Indirection for the recursive members.
    public final class Box: Sendable, Hashable {
        public let node: SchemaNode
        init(_ node: SchemaNode) { self.node = node }
        public static func == (lhs: Box, rhs: Box) -> Bool { lhs.node == rhs.node }
        public func hash(into hasher: inout Hasher) { hasher.combine(node) }
    }

    init(kind: Kind?, description: String?) {
        self.kind = kind
        self.description = description
    }
}

extension SchemaNode {
    public static func object(
        _ description: String, _ properties: [String: SchemaNode], required: [String] = [], rules: [Rule] = []
    ) -> SchemaNode {
        var node = SchemaNode(kind: .object, description: description)
        node.properties = properties
        node.required = required.sorted()
        node.rules = rules
        return node
    }

    /// An object with arbitrary keys: `{name: value}`.
    public static func map(_ description: String, values: SchemaNode, maxProperties: Int? = nil) -> SchemaNode {
        var node = SchemaNode(kind: .object, description: description)
        node.additionalProperties = Box(values)
        node.maxProperties = maxProperties
        return node
    }

    public static func array(_ description: String, of items: SchemaNode, maxItems: Int? = nil) -> SchemaNode {
        var node = SchemaNode(kind: .array, description: description)
        node.items = Box(items)
        node.maxItems = maxItems
        return node
    }

    public static func string(
        _ description: String, pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        format: String? = nil
    ) -> SchemaNode {
        var node = SchemaNode(kind: .string, description: description)
        node.pattern = pattern
        node.minLength = minLength
        node.maxLength = maxLength
        node.format = format
        return node
    }

    public static func enumeration(_ description: String, _ values: [String]) -> SchemaNode {
        var node = SchemaNode(kind: .string, description: description)
        node.enumValues = values.map(JSONValue.string)
        return node
    }

    public static func integer(_ description: String, minimum: Int64? = nil, maximum: Int64? = nil) -> SchemaNode {
        var node = SchemaNode(kind: .integer, description: description)
        node.minimum = minimum
        node.maximum = maximum
        return node
    }

    public static func number(_ description: String) -> SchemaNode {
        SchemaNode(kind: .number, description: description)
    }

    public static func boolean(_ description: String) -> SchemaNode {
        SchemaNode(kind: .boolean, description: description)
    }

    /// A number or a string (`x-kubernetes-int-or-string`), e.g. a resource quantity.
    public static func intOrString(_ description: String, pattern: String? = nil) -> SchemaNode {
        var node = SchemaNode(kind: nil, description: description)
        node.intOrString = true
        node.pattern = pattern
        return node
    }

    public func defaulting(to value: JSONValue) -> SchemaNode {
        var node = self
        node.defaultValue = value
        return node
    }

    public func validated(by rules: Rule...) -> SchemaNode {
        var node = self
        node.rules += rules
        return node
    }

    /// An array of objects keyed by `keys` (`x-kubernetes-list-type: map`): merged per key by server-side apply.
    public func listMap(keys: [String]) -> SchemaNode {
        var node = self
        node.listMapKeys = keys
        return node
    }
}

extension SchemaNode {
    /// The `openAPIV3Schema` JSON of this node.
    public var json: JSONValue {
        var value: JSONValue = [:]
        value["type"] = kind.map { .string($0.rawValue) }
        value["description"] = description.map(JSONValue.string)
        if !properties.isEmpty { value["properties"] = .object(properties.mapValues(\.json)) }
        if !required.isEmpty { value["required"] = .array(required.map(JSONValue.string)) }
        value["items"] = items?.node.json
        value["additionalProperties"] = additionalProperties?.node.json
        if !enumValues.isEmpty { value["enum"] = .array(enumValues) }
        value["default"] = defaultValue
        value["minimum"] = minimum.map(JSONValue.int)
        value["maximum"] = maximum.map(JSONValue.int)
        value["minLength"] = minLength.map { .int(Int64($0)) }
        value["maxLength"] = maxLength.map { .int(Int64($0)) }
        value["maxItems"] = maxItems.map { .int(Int64($0)) }
        value["maxProperties"] = maxProperties.map { .int(Int64($0)) }
        value["pattern"] = pattern.map(JSONValue.string)
        value["format"] = format.map(JSONValue.string)
        if intOrString {
            // As controller-gen writes quantities: the two types spelled out, the pattern checking the strings.
            value["anyOf"] = [["type": "integer"], ["type": "string"]]
            value["x-kubernetes-int-or-string"] = true
        }
        if !listMapKeys.isEmpty {
            value["x-kubernetes-list-type"] = "map"
            value["x-kubernetes-list-map-keys"] = .array(listMapKeys.map(JSONValue.string))
        }
        if !rules.isEmpty {
            value["x-kubernetes-validations"] = .array(
                rules.map { rule in
                    var entry: JSONValue = ["rule": .string(rule.rule), "message": .string(rule.message)]
                    entry["fieldPath"] = rule.fieldPath.map(JSONValue.string)
                    return entry
                })
        }
        return value
    }
}
