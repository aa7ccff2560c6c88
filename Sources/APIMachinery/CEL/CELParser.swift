/// A Pratt parser for CEL: `?:` < `||` < `&&` < relations (`== != < <= > >= in`) < `+ -` < `* / %` < unary
/// `! -` < member access, indexing and calls.
struct CELParser {
    private let tokens: [CELLexer.Token]
    private var position = 0
    private var depth = 0

    init(tokens: [CELLexer.Token]) { self.tokens = tokens }

    private static let precedence: [String: Int] = [
        "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3, "in": 3, "+": 4, "-": 4, "*": 5,
        "/": 5, "%": 5,
    ]
    private static let reserved: Set<String> = ["as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"]

    private var current: CELLexer.Token { tokens[position] }

    mutating func parseAll() throws(MachineryError) -> CELExpression {
        let expression = try parseExpression()
        guard current == .end else { throw CELError.syntax("unexpected \(describe(current)) after the expression") }
        return expression
    }

    private func describe(_ token: CELLexer.Token) -> String {
        switch token {
        case .end: "end of input"
        case .symbol(let text), .identifier(let text): "'\(text)'"
        default: "literal"
        }
    }

    private mutating func accept(_ symbol: String) -> Bool {
        guard current == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ symbol: String) throws(MachineryError) {
        guard accept(symbol) else { throw CELError.syntax("expected '\(symbol)', found \(describe(current))") }
    }

    private mutating func parseExpression() throws(MachineryError) -> CELExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth < 100 else { throw CELError.syntax("expression nested too deeply") }
        let condition = try parseBinary(minimum: 1)
        guard accept("?") else { return condition }
        let then = try parseBinary(minimum: 1)
        try expect(":")
        return .conditional(condition, then, try parseExpression())
    }

    private func binaryOperator() -> String? {
        switch current {
        case .symbol(let text) where Self.precedence[text] != nil: text
        case .identifier("in"): "in"
        default: nil
        }
    }

    private mutating func parseBinary(minimum: Int) throws(MachineryError) -> CELExpression {
        var left = try parseUnary()
        while let op = binaryOperator(), let level = Self.precedence[op], level >= minimum {
            position += 1
            let right = try parseBinary(minimum: level + 1)
            left = .binary(op, left, right)
        }
        return left
    }

    private mutating func parseUnary() throws(MachineryError) -> CELExpression {
        if accept("!") { return .unary("!", try parseUnary()) }
        if accept("-") {
            switch current {
            case .int(let value):
                position += 1
                return try parsePostfix(.literal(.int(-value)))
            case .double(let value):
                position += 1
                return try parsePostfix(.literal(.double(-value)))
            default: return .unary("-", try parseUnary())
            }
        }
        return try parsePostfix(try parsePrimary())
    }

    private mutating func parsePostfix(_ start: CELExpression) throws(MachineryError) -> CELExpression {
        var expression = start
        while true {
            if accept(".") {
                if current == .symbol("?") { throw CELError.unsupported("optional field selection '.?'") }
                guard case .identifier(let name) = current else { throw CELError.syntax("expected a field name after '.'") }
                position += 1
                if accept("(") {
                    expression = try memberCall(name, target: expression, arguments: try parseArguments(")"))
                } else {
                    expression = .select(expression, name)
                }
            } else if accept("[") {
                let index = try parseExpression()
                try expect("]")
                expression = .index(expression, index)
            } else {
                return expression
            }
        }
    }

    private func memberCall(
        _ name: String, target: CELExpression, arguments: [CELExpression]
    ) throws(MachineryError) -> CELExpression {
        guard let macro = CELMacro(rawValue: name) else { return .call(name, target: target, arguments: arguments) }
        guard let first = arguments.first, case .identifier(let variable) = first else {
            throw CELError.syntax("\(name)() needs a variable name as its first argument")
        }
        let expected = macro == .map ? [2, 3] : [2]
        guard expected.contains(arguments.count) else {
            throw CELError.unsupported("\(name)() with \(arguments.count) arguments")
        }
        return .comprehension(macro, range: target, variable: variable, arguments: Array(arguments.dropFirst()))
    }

    private mutating func parseArguments(_ closing: String) throws(MachineryError) -> [CELExpression] {
        var arguments: [CELExpression] = []
        if accept(closing) { return arguments }
        repeat {
            if current == .symbol(closing) { break }  // trailing comma
            arguments.append(try parseExpression())
        } while accept(",")
        try expect(closing)
        return arguments
    }

    private mutating func parsePrimary() throws(MachineryError) -> CELExpression {
        let token = current
        position += 1
        switch token {
        case .int(let value): return .literal(.int(value))
        case .uint(let value): return .literal(.uint(value))
        case .double(let value): return .literal(.double(value))
        case .string(let text): return .literal(.string(text))
        case .identifier(let name): return try identifier(name)
        case .symbol("("):
            let inner = try parseExpression()
            try expect(")")
            return inner
        case .symbol("["): return .list(try parseArguments("]"))
        case .symbol("{"): return try parseMap()
        case .symbol("."): throw CELError.unsupported("leading '.' (qualified identifiers)")
        default:
            position -= 1
            throw CELError.syntax("unexpected \(describe(token))")
        }
    }

    private mutating func identifier(_ name: String) throws(MachineryError) -> CELExpression {
        switch name {
        case "true": return .literal(.bool(true))
        case "false": return .literal(.bool(false))
        case "null": return .literal(.null)
        case "in": throw CELError.syntax("unexpected 'in'")
        default: break
        }
        guard !Self.reserved.contains(name) else { throw CELError.syntax("reserved identifier '\(name)'") }
        guard accept("(") else { return .identifier(name) }
        let arguments = try parseArguments(")")
        if name == "has" {
            guard arguments.count == 1, case .select(let target, let field) = arguments[0] else {
                throw CELError.syntax("has() needs a field selection, like has(self.field)")
            }
            return .has(target, field)
        }
        return .call(name, target: nil, arguments: arguments)
    }

    private mutating func parseMap() throws(MachineryError) -> CELExpression {
        var entries: [CELExpression.MapEntry] = []
        if accept("}") { return .map(entries) }
        repeat {
            if current == .symbol("}") { break }
            let key = try parseExpression()
            try expect(":")
            entries.append(.init(key: key, value: try parseExpression()))
        } while accept(",")
        try expect("}")
        return .map(entries)
    }
}
