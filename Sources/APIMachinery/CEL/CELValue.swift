import ServingAPI

/// A CEL runtime value. Maps keep their keys as values (`string`, `int`, `uint`, `bool`), so JSON objects become
/// string-keyed maps; Kubernetes' structural objects are maps too (field selection is key lookup).
enum CELValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case list([CELValue])
    case map([CELValue: CELValue])
    /// A type value, as `type(x)` returns and the identifiers `int`, `string`, ... denote.
    case type(String)

    var typeName: String {
        switch self {
        case .null: "null_type"
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .list: "list"
        case .map: "map"
        case .type: "type"
        }
    }

    /// The value as evaluation errors show it (`no such key: x`, lists and maps in CEL literal form).
    var displayText: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .uint(let number): "\(number)u"
        case .double(let number): number.goText
        case .string(let text): "\"\(text)\""
        case .list(let elements): "[" + elements.map(\.displayText).joined(separator: ", ") + "]"
        case .map(let entries):
            "{" + Self.sortedKeys(entries).map { "\($0.displayText): \(entries[$0]!.displayText)" }
                .joined(separator: ", ") + "}"
        case .type(let name): name
        }
    }

    /// Map keys in a stable order (CEL leaves map iteration order unspecified; sorting keeps results repeatable).
    static func sortedKeys(_ entries: [CELValue: CELValue]) -> [CELValue] {
        entries.keys.sorted { left, right in
            switch (left, right) {
            case (.string(let a), .string(let b)): a < b
            case (.int(let a), .int(let b)): a < b
            case (.uint(let a), .uint(let b)): a < b
            default: (left.typeName, left.displayText) < (right.typeName, right.displayText)
            }
        }
    }
}

extension CELValue {
    /// The CEL value of a JSON value. `schema` (when known) makes integral numbers of `type: integer` fields ints,
    /// as the apiserver does for `3.0`.
    init(json: JSONValue, schema: SchemaNode?) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number):
            if schema?.type == "integer", let integral = json.intValue { self = .int(integral) } else { self = .double(number) }
        case .string(let text): self = .string(text)
        case .array(let elements): self = .list(elements.map { CELValue(json: $0, schema: schema?.items) })
        case .object(let members):
            var entries: [CELValue: CELValue] = [:]
            for (key, member) in members {
                entries[.string(key)] = CELValue(json: member, schema: schema?.childSchema(key))
            }
            self = .map(entries)
        }
    }
}
