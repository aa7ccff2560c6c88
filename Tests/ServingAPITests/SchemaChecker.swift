import Testing

@testable import ServingAPI

/// Checks a JSON value against a `SchemaNode` the way a structural schema would: no unknown fields, JSON types,
/// enums, bounds, patterns, required fields. Returns what is wrong, one line per problem.
enum SchemaChecker {
    static func problems(_ value: JSONValue, _ schema: SchemaNode, path: String = "") -> [String] {
        var found: [String] = []
        if schema.intOrString {
            guard value.intValue != nil || value.stringValue != nil else { return ["\(path): expected int or string"] }
        } else if let kind = schema.kind, !matches(value, kind) {
            return ["\(path): expected \(kind.rawValue), got \(value.typeName)"]
        }
        if !schema.enumValues.isEmpty, !schema.enumValues.contains(value) {
            found.append("\(path): \(value.jsonText) not in the enum")
        }
        if let number = value.intValue, schema.kind == .integer {
            if let minimum = schema.minimum, number < minimum { found.append("\(path): \(number) < \(minimum)") }
            if let maximum = schema.maximum, number > maximum { found.append("\(path): \(number) > \(maximum)") }
        }
        if let text = value.stringValue {
            if let pattern = schema.pattern, (try? Regex(pattern).firstMatch(in: text)) == nil {
                found.append("\(path): \"\(text)\" does not match \(pattern)")
            }
            if let maxLength = schema.maxLength, text.count > maxLength { found.append("\(path): longer than \(maxLength)") }
        }
        if let members = value.objectValue {
            for key in schema.required where members[key] == nil { found.append("\(path).\(key): required") }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = schema.properties[key] {
                    found += problems(member, property, path: "\(path).\(key)")
                } else if let values = schema.additionalProperties?.node {
                    found += problems(member, values, path: "\(path).\(key)")
                } else if !(schema.properties.isEmpty && schema.kind == .object && path == ".metadata") {
                    found.append("\(path).\(key): unknown field")
                }
            }
        }
        if let elements = value.arrayValue, let items = schema.items?.node {
            for (index, element) in elements.enumerated() { found += problems(element, items, path: "\(path)[\(index)]") }
        }
        return found
    }

    /// Every property path the schema declares (`.spec.scorer.workers`), descending into items and map values.
    static func propertyPaths(_ schema: SchemaNode, path: String = "") -> Set<String> {
        var paths: Set<String> = []
        for (key, property) in schema.properties {
            paths.insert("\(path).\(key)")
            paths.formUnion(propertyPaths(property, path: "\(path).\(key)"))
        }
        if let items = schema.items?.node { paths.formUnion(propertyPaths(items, path: path + "[]")) }
        if let values = schema.additionalProperties?.node { paths.formUnion(propertyPaths(values, path: path + ".*")) }
        return paths
    }

    /// The same paths, of a JSON value (array elements as `[]`, members of schema maps as `.*`).
    static func valuePaths(_ value: JSONValue, _ schema: SchemaNode, path: String = "") -> Set<String> {
        var paths: Set<String> = []
        if let members = value.objectValue {
            for (key, member) in members {
                if let property = schema.properties[key] {
                    paths.insert("\(path).\(key)")
                    paths.formUnion(valuePaths(member, property, path: "\(path).\(key)"))
                } else if let values = schema.additionalProperties?.node {
                    paths.formUnion(valuePaths(member, values, path: path + ".*"))
                }
            }
        }
        if let elements = value.arrayValue, let items = schema.items?.node {
            for element in elements { paths.formUnion(valuePaths(element, items, path: path + "[]")) }
        }
        return paths
    }

    private static func matches(_ value: JSONValue, _ kind: SchemaNode.Kind) -> Bool {
        switch (kind, value) {
        case (.object, .object), (.array, .array), (.string, .string), (.boolean, .bool), (.integer, .int),
            (.number, .int), (.number, .double):
            true
        default: false
        }
    }
}

/// Stored properties that are `nil` anywhere in a value (so a "fully populated" sample really is).
enum MirrorWalk {
    static func nilPaths(_ value: Any, path: String = "") -> [String] {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return [path] }
            return nilPaths(wrapped, path: path)
        }
        switch mirror.displayStyle {
        case .struct:
            return mirror.children.flatMap { nilPaths($0.value, path: "\(path).\($0.label ?? "?")") }
        case .collection:
            return mirror.children.flatMap { nilPaths($0.value, path: path + "[]") }
        default:
            return []
        }
    }

    /// The stored property names of `value`'s struct types, as paths (`.spec.scorer.workers`).
    static func fieldPaths(_ value: Any, path: String = "") -> Set<String> {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.map { fieldPaths($0.value, path: path) } ?? []
        }
        switch mirror.displayStyle {
        case .struct where !(value is K8s.Quantity):
            var paths: Set<String> = []
            for child in mirror.children {
                let childPath = "\(path).\(child.label ?? "?")"
                paths.insert(childPath)
                paths.formUnion(fieldPaths(child.value, path: childPath))
            }
            return paths
        case .collection:
            return mirror.children.reduce(into: []) { $0.formUnion(fieldPaths($1.value, path: path + "[]")) }
        case .dictionary:
            return mirror.children.reduce(into: []) { paths, child in
                if let pair = Mirror(reflecting: child.value).children.dropFirst().first {
                    paths.formUnion(fieldPaths(pair.value, path: path + ".*"))
                }
            }
        default:
            return []
        }
    }
}
