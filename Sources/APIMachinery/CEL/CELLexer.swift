/// Splits a CEL expression into tokens. Bytes literals, raw/triple-quoted strings beyond the basics and reserved
/// words that CEL forbids are reported as unsupported.
struct CELLexer {
    enum Token: Equatable {
        case int(Int64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case identifier(String)
        case symbol(String)
        case end
    }

    private let characters: [Character]
    private var position = 0

    static func tokens(_ text: String) throws(MachineryError) -> [Token] {
        var lexer = CELLexer(characters: Array(text))
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token == .end { return tokens }
        }
    }

    private init(characters: [Character]) { self.characters = characters }

    private static let symbols = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!", "?",
        ":", ".", ",", "[", "]", "(", ")", "{", "}"]

    private func peek(_ offset: Int = 0) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    private mutating func next() throws(MachineryError) -> Token {
        while let character = peek(), character.isWhitespace { position += 1 }
        guard let character = peek() else { return .end }
        if character == "/" && peek(1) == "/" {
            while let next = peek(), next != "\n" { position += 1 }
            return try next()
        }
        if character.isNumber || (character == "." && peek(1)?.isNumber == true) { return try number() }
        if character == "\"" || character == "'" { return .string(try string(raw: false)) }
        if (character == "r" || character == "R"), let quote = peek(1), quote == "\"" || quote == "'" {
            position += 1
            return .string(try string(raw: true))
        }
        if (character == "b" || character == "B"), let quote = peek(1), quote == "\"" || quote == "'" {
            throw CELError.unsupported("bytes literals")
        }
        if character.isLetter || character == "_" { return identifier() }
        for symbol in Self.symbols where matches(symbol) {
            position += symbol.count
            return .symbol(symbol)
        }
        throw CELError.syntax("unexpected character '\(character)' at \(position)")
    }

    private func matches(_ symbol: String) -> Bool {
        for (offset, character) in symbol.enumerated() where peek(offset) != character { return false }
        return true
    }

    private mutating func identifier() -> Token {
        let start = position
        while let character = peek(), character.isLetter || character.isNumber || character == "_" { position += 1 }
        return .identifier(String(characters[start..<position]))
    }

    private mutating func number() throws(MachineryError) -> Token {
        let start = position
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            position += 2
            while let character = peek(), character.isHexDigit { position += 1 }
            let digits = String(characters[(start + 2)..<position])
            return try integer(digits, radix: 16)
        }
        var isDouble = false
        while let character = peek(), character.isNumber { position += 1 }
        if peek() == ".", peek(1)?.isNumber == true {
            isDouble = true
            position += 1
            while let character = peek(), character.isNumber { position += 1 }
        }
        if peek() == "e" || peek() == "E" {
            isDouble = true
            position += 1
            if peek() == "+" || peek() == "-" { position += 1 }
            while let character = peek(), character.isNumber { position += 1 }
        }
        let text = String(characters[start..<position])
        if isDouble {
            guard let value = Double(text) else { throw CELError.syntax("invalid number '\(text)'") }
            return .double(value)
        }
        return try integer(text, radix: 10)
    }

    private mutating func integer(_ digits: String, radix: Int) throws(MachineryError) -> Token {
        if peek() == "u" || peek() == "U" {
            position += 1
            guard let value = UInt64(digits, radix: radix) else { throw CELError.syntax("invalid uint '\(digits)'") }
            return .uint(value)
        }
        guard let value = Int64(digits, radix: radix) else { throw CELError.syntax("int literal out of range '\(digits)'") }
        return .int(value)
    }

    private mutating func string(raw: Bool) throws(MachineryError) -> String {
        let quote = characters[position]
        if peek(1) == quote && peek(2) == quote { throw CELError.unsupported("triple-quoted strings") }
        position += 1
        var text = ""
        while let character = peek() {
            position += 1
            if character == quote { return text }
            if character == "\\" && !raw {
                text.append(try escape())
            } else {
                text.append(character)
            }
        }
        throw CELError.syntax("unterminated string literal")
    }

    private mutating func escape() throws(MachineryError) -> Character {
        guard let character = peek() else { throw CELError.syntax("unterminated escape sequence") }
        position += 1
        switch character {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "\\", "\"", "'", "`", "?": return character
        case "u":
            let hex = String(characters[position..<min(position + 4, characters.count)])
            position += 4
            guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                throw CELError.syntax("invalid \\u escape")
            }
            return Character(scalar)
        default: throw CELError.unsupported("the escape sequence \\\(character)")
        }
    }
}
