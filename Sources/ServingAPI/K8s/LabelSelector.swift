/// A validated label selector: the string form of `?labelSelector=` (`a=b,c!=d,e in (x,y),f notin (z),g,!h`) and
/// the structured form of `spec.selector` (`matchLabels`, `matchExpressions`). Parsed once; matching never fails.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    public enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
    }

    public let requirements: [Requirement]

    public static let everything = LabelSelector(requirements: [])

    public init(requirements: [Requirement]) { self.requirements = requirements }

    public init(matchLabels: [String: String]) {
        requirements = matchLabels.sorted { $0.key < $1.key }.map { .equals($0.key, $0.value) }
    }

    public var isEverything: Bool { requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): labels[key] == value
            case .notEquals(let key, let value): labels[key] != value
            case .isIn(let key, let values): labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): labels[key].map { !values.contains($0) } ?? true
            case .exists(let key): labels[key] != nil
            case .doesNotExist(let key): labels[key] == nil
            }
        }
    }

    /// The string form, as the `labelSelector` query parameter takes it.
    public var description: String {
        requirements.map { requirement in
            switch requirement {
            case .equals(let key, let value): "\(key)=\(value)"
            case .notEquals(let key, let value): "\(key)!=\(value)"
            case .isIn(let key, let values): "\(key) in (\(values.sorted().joined(separator: ",")))"
            case .notIn(let key, let values): "\(key) notin (\(values.sorted().joined(separator: ",")))"
            case .exists(let key): key
            case .doesNotExist(let key): "!\(key)"
            }
        }.joined(separator: ",")
    }
}

public struct LabelSelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension LabelSelector {
    /// Parses the string form. An empty string selects everything.
    public init(parsing text: String) throws(LabelSelectorError) {
        var requirements: [Requirement] = []
        for clause in try Self.clauses(text) {
            requirements.append(try Self.requirement(clause))
        }
        self.init(requirements: requirements)
    }

    /// The structured form of `spec.selector`: `{"matchLabels": {...}, "matchExpressions": [{key, operator, values}]}`.
    public init(json: JSONValue) throws(LabelSelectorError) {
        var requirements: [Requirement] = []
        for (key, value) in (json["matchLabels"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let text = value.stringValue else { throw LabelSelectorError(message: "matchLabels[\(key)] must be a string") }
            requirements.append(.equals(key, text))
        }
        for expression in json["matchExpressions"]?.arrayValue ?? [] {
            guard let key = expression["key"]?.stringValue, let op = expression["operator"]?.stringValue else {
                throw LabelSelectorError(message: "a matchExpression needs 'key' and 'operator'")
            }
            let values = Set((expression["values"]?.arrayValue ?? []).compactMap(\.stringValue))
            switch op {
            case "In": requirements.append(.isIn(key, values))
            case "NotIn": requirements.append(.notIn(key, values))
            case "Exists": requirements.append(.exists(key))
            case "DoesNotExist": requirements.append(.doesNotExist(key))
            default:
                throw LabelSelectorError(message: "unknown operator '\(op)', expected In, NotIn, Exists or DoesNotExist")
            }
        }
        self.init(requirements: requirements)
    }

    /// Splits at commas that are not inside parentheses.
    private static func clauses(_ text: String) throws(LabelSelectorError) -> [String] {
        var clauses: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")":
                depth -= 1
                guard depth >= 0 else { throw LabelSelectorError(message: "unbalanced ')' in selector '\(text)'") }
                current.append(character)
            case "," where depth == 0: clauses.append(current); current = ""
            default: current.append(character)
            }
        }
        guard depth == 0 else { throw LabelSelectorError(message: "unbalanced '(' in selector '\(text)'") }
        clauses.append(current)
        return clauses.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    private static func requirement(_ clause: String) throws(LabelSelectorError) -> Requirement {
        if clause.hasPrefix("!") { return .doesNotExist(try key(String(clause.dropFirst()), in: clause)) }
        if let range = clause.range(of: "!=") {
            return .notEquals(try key(String(clause[..<range.lowerBound]), in: clause), String(clause[range.upperBound...]).trimmingSpaces)
        }
        if let range = clause.range(of: "==") ?? clause.range(of: "=") {
            return .equals(try key(String(clause[..<range.lowerBound]), in: clause), String(clause[range.upperBound...]).trimmingSpaces)
        }
        for (word, makeSet) in [(" notin ", false), (" in ", true)] {
            guard let range = clause.range(of: word) else { continue }
            let key = try key(String(clause[..<range.lowerBound]), in: clause)
            let list = String(clause[range.upperBound...]).trimmingSpaces
            guard list.hasPrefix("("), list.hasSuffix(")") else {
                throw LabelSelectorError(message: "expected a parenthesised list of values in '\(clause)'")
            }
            let values = Set(list.dropFirst().dropLast().split(separator: ",").map { String($0).trimmingSpaces })
            return makeSet ? .isIn(key, values) : .notIn(key, values)
        }
        return .exists(try key(clause, in: clause))
    }

    private static func key(_ raw: String, in clause: String) throws(LabelSelectorError) -> String {
        let key = raw.trimmingSpaces
        guard !key.isEmpty, !key.contains(" "), !key.contains("("), !key.contains(")") else {
            throw LabelSelectorError(message: "invalid label key in selector clause '\(clause)'")
        }
        return key
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
