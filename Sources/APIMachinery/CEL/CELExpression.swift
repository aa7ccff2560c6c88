/// A parsed CEL expression. Macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) are expanded by the
/// parser into their own nodes, as CEL's parser does.
indirect enum CELExpression: Sendable {
    case literal(CELValue)
    case identifier(String)
    case select(CELExpression, String)
    case has(CELExpression, String)
    case index(CELExpression, CELExpression)
    case call(String, target: CELExpression?, arguments: [CELExpression])
    case list([CELExpression])
    case map([MapEntry])
    case unary(String, CELExpression)
    case binary(String, CELExpression, CELExpression)
    case conditional(CELExpression, CELExpression, CELExpression)
    case comprehension(CELMacro, range: CELExpression, variable: String, arguments: [CELExpression])

    struct MapEntry: Sendable {
        let key: CELExpression
        let value: CELExpression
    }

    /// Parses `text`, then checks that every identifier, function and macro is in the supported subset.
    static func compile(_ text: String) throws(MachineryError) -> CELExpression {
        var parser = CELParser(tokens: try CELLexer.tokens(text))
        let expression = try parser.parseAll()
        try expression.check(variables: ["self", "oldSelf"])
        return expression
    }

    /// Whether the expression refers to `oldSelf` (a transition rule).
    var usesOldSelf: Bool {
        switch self {
        case .literal: false
        case .identifier(let name): name == "oldSelf"
        case .select(let target, _), .has(let target, _), .unary(_, let target): target.usesOldSelf
        case .index(let a, let b), .binary(_, let a, let b): a.usesOldSelf || b.usesOldSelf
        case .call(_, let target, let arguments): (target?.usesOldSelf ?? false) || arguments.contains { $0.usesOldSelf }
        case .list(let elements): elements.contains { $0.usesOldSelf }
        case .map(let entries): entries.contains { $0.key.usesOldSelf || $0.value.usesOldSelf }
        case .conditional(let a, let b, let c): a.usesOldSelf || b.usesOldSelf || c.usesOldSelf
        case .comprehension(_, let range, _, let arguments): range.usesOldSelf || arguments.contains { $0.usesOldSelf }
        }
    }
}

enum CELMacro: String, Sendable {
    case all, exists, existsOne = "exists_one", map, filter
}

/// The functions the evaluator implements: name → accepted argument counts, as a receiver method or a global call.
enum CELFunctions {
    static let methods: [String: Set<Int>] = [
        "size": [0], "startsWith": [1], "endsWith": [1], "contains": [1], "matches": [1], "lowerAscii": [0],
        "upperAscii": [0], "trim": [0], "sum": [0], "min": [0], "max": [0], "isSorted": [0], "indexOf": [1],
        "lastIndexOf": [1],
    ]
    static let globals: [String: Set<Int>] = [
        "size": [1], "int": [1], "uint": [1], "double": [1], "string": [1], "bool": [1], "type": [1], "dyn": [1],
        "matches": [2],
    ]
    static let typeNames: Set<String> = ["int", "uint", "double", "string", "bool", "list", "map", "null_type", "type"]
}

extension CELExpression {
    func check(variables: Set<String>) throws(MachineryError) {
        switch self {
        case .literal: return
        case .identifier(let name):
            guard variables.contains(name) || CELFunctions.typeNames.contains(name) else {
                throw CELError.unsupported("undeclared reference to '\(name)'")
            }
        case .select(let target, _), .has(let target, _), .unary(_, let target): try target.check(variables: variables)
        case .index(let a, let b), .binary(_, let a, let b):
            try a.check(variables: variables)
            try b.check(variables: variables)
        case .call(let name, let target, let arguments):
            let table = target == nil ? CELFunctions.globals : CELFunctions.methods
            guard table[name]?.contains(arguments.count) == true else {
                throw CELError.unsupported("function '\(name)' with \(arguments.count) argument(s)\(target == nil ? "" : " as a method")")
            }
            try target?.check(variables: variables)
            for argument in arguments { try argument.check(variables: variables) }
        case .list(let elements): for element in elements { try element.check(variables: variables) }
        case .map(let entries):
            for entry in entries {
                try entry.key.check(variables: variables)
                try entry.value.check(variables: variables)
            }
        case .conditional(let a, let b, let c):
            for part in [a, b, c] { try part.check(variables: variables) }
        case .comprehension(_, let range, let variable, let arguments):
            try range.check(variables: variables)
            for argument in arguments { try argument.check(variables: variables.union([variable])) }
        }
    }
}
