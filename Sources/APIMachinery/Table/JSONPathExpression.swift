import ServingAPI

/// The JSONPath subset that printer columns and CEL rules' `fieldPath`s use (kubectl's dialect): `.a.b`,
/// `.a[0]`, `.a[-1]`, `.a[0:2]`, `.a[*].b`, `.a.*`, `['key.with.dots']`, and filters
/// `[?(@.type=="Ready")].status` with `== != < <= > >=` or a bare `@.field` (presence). An optional `$` and
/// enclosing `{...}` are accepted. Recursive descent (`..`), unions and functions are not supported.
public struct JSONPathExpression: Sendable {
    enum Segment: Sendable, Equatable {
        case field(String)
        case index(Int)
        case slice(Int?, Int?)
        case wildcard
        case filter(Filter)
    }

    struct Filter: Sendable, Equatable {
        let path: [String]
        let comparison: String?
        let literal: JSONValue?
    }

    let segments: [Segment]

    public init(_ text: String) throws(MachineryError) {
        var parser = JSONPathParser(text)
        segments = try parser.parse()
    }

    /// The values the path selects, in document order (object members by sorted key for `*`).
    public func evaluate(_ object: JSONValue) -> [JSONValue] {
        segments.reduce([object]) { values, segment in values.flatMap { Self.apply(segment, to: $0) } }
    }

    /// The field names of a path made only of fields (`.spec.x['a.b']`); empty otherwise.
    var fieldNames: [String] {
        var names: [String] = []
        for segment in segments {
            guard case .field(let name) = segment else { return [] }
            names.append(name)
        }
        return names
    }

    private static func apply(_ segment: Segment, to value: JSONValue) -> [JSONValue] {
        switch (segment, value) {
        case (.field(let name), .object(let members)): return members[name].map { [$0] } ?? []
        case (.index(let index), .array(let elements)):
            let position = index < 0 ? elements.count + index : index
            return elements.indices.contains(position) ? [elements[position]] : []
        case (.slice(let start, let end), .array(let elements)):
            let lower = clamp(start ?? 0, elements.count)
            let upper = clamp(end ?? elements.count, elements.count)
            return lower < upper ? Array(elements[lower..<upper]) : []
        case (.wildcard, .array(let elements)): return elements
        case (.wildcard, .object(let members)): return members.keys.sorted().map { members[$0]! }
        case (.filter(let filter), .array(let elements)): return elements.filter { filter.matches($0) }
        case (.filter(let filter), .object(let members)):
            return members.keys.sorted().map { members[$0]! }.filter { filter.matches($0) }
        default: return []
        }
    }

    private static func clamp(_ index: Int, _ count: Int) -> Int {
        min(max(index < 0 ? count + index : index, 0), count)
    }
}

extension JSONPathExpression.Filter {
    func matches(_ element: JSONValue) -> Bool {
        guard let found = element[path: path] else { return false }
        guard let comparison, let literal else { return true }
        if let a = found.doubleValue, let b = literal.doubleValue {
            switch comparison {
            case "==": return a == b
            case "!=": return a != b
            case "<": return a < b
            case "<=": return a <= b
            case ">": return a > b
            default: return a >= b
            }
        }
        switch (comparison, found, literal) {
        case ("==", _, _): return found == literal
        case ("!=", _, _): return found != literal
        case (_, .string(let a), .string(let b)):
            switch comparison {
            case "<": return a < b
            case "<=": return a <= b
            case ">": return a > b
            default: return a >= b
            }
        default: return false
        }
    }
}
