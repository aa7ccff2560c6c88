import ServingAPI

/// Reads kubectl-style JSONPath text into `JSONPathExpression` segments.
struct JSONPathParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        var trimmed = Substring(text.trimmingWhitespace)
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") { trimmed = trimmed.dropFirst().dropLast() }
        if trimmed.hasPrefix("$") { trimmed = trimmed.dropFirst() }
        characters = Array(trimmed)
    }

    private func error(_ detail: String) -> MachineryError {
        MachineryError(.invalid, "invalid JSONPath '\(String(characters))': \(detail)")
    }

    private func peek(_ offset: Int = 0) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    mutating func parse() throws(MachineryError) -> [JSONPathExpression.Segment] {
        var segments: [JSONPathExpression.Segment] = []
        guard !characters.isEmpty else { throw error("empty path") }
        while let character = peek() {
            if character == "." {
                position += 1
                if peek() == "." { throw error("recursive descent '..' is not supported") }
                if peek() == "*" {
                    position += 1
                    segments.append(.wildcard)
                } else {
                    segments.append(.field(try fieldName()))
                }
            } else if character == "[" {
                position += 1
                segments.append(try bracket())
            } else if segments.isEmpty {
                segments.append(.field(try fieldName()))
            } else {
                throw error("unexpected '\(character)' at \(position)")
            }
        }
        return segments
    }

    /// A member name, up to `.` or `[` (or, inside a filter, also up to a space, `)` or a comparison).
    private mutating func fieldName(inFilter: Bool = false) throws(MachineryError) -> String {
        var name = ""
        while let character = peek(), character != ".", character != "[" {
            if inFilter && " )=!<>".contains(character) { break }
            if character == "\\", let escaped = peek(1) {
                name.append(escaped)
                position += 2
                continue
            }
            guard character.isLetter || character.isNumber || "_-/$:@".contains(character) else {
                throw error("unexpected '\(character)' in a field name")
            }
            name.append(character)
            position += 1
        }
        guard !name.isEmpty else { throw error("empty field name at \(position)") }
        return name
    }

    private mutating func bracket() throws(MachineryError) -> JSONPathExpression.Segment {
        let segment: JSONPathExpression.Segment
        if peek() == "*" {
            position += 1
            segment = .wildcard
        } else if peek() == "'" || peek() == "\"" {
            segment = .field(try quoted())
        } else if peek() == "?" {
            segment = .filter(try filter())
        } else {
            segment = try indexOrSlice()
        }
        guard peek() == "]" else { throw error("expected ']' at \(position)") }
        position += 1
        return segment
    }

    private mutating func quoted() throws(MachineryError) -> String {
        let quote = characters[position]
        position += 1
        var text = ""
        while let character = peek() {
            position += 1
            if character == quote { return text }
            if character == "\\", let escaped = peek() {
                position += 1
                text.append(escaped)
            } else {
                text.append(character)
            }
        }
        throw error("unterminated quoted name")
    }

    private mutating func integer() -> Int? {
        let start = position
        if peek() == "-" { position += 1 }
        while let character = peek(), character.isNumber { position += 1 }
        return Int(String(characters[start..<position]))
    }

    private mutating func indexOrSlice() throws(MachineryError) -> JSONPathExpression.Segment {
        let start = integer()
        guard peek() == ":" else {
            guard let start else { throw error("expected an index at \(position)") }
            return .index(start)
        }
        position += 1
        let end = integer()
        if peek() == ":" { throw error("slice steps are not supported") }
        return .slice(start, end)
    }

    private mutating func filter() throws(MachineryError) -> JSONPathExpression.Filter {
        position += 1
        guard peek() == "(", peek(1) == "@" else { throw error("expected '(@' after '?'") }
        position += 2
        var path: [String] = []
        while peek() == "." {
            position += 1
            path.append(try fieldName(inFilter: true))
        }
        skipSpaces()
        var comparison: String?
        var literal: JSONValue?
        for op in ["==", "!=", "<=", ">=", "<", ">"] where matches(op) {
            position += op.count
            comparison = op
            skipSpaces()
            literal = try filterLiteral()
            skipSpaces()
            break
        }
        guard peek() == ")" else { throw error("expected ')' to close the filter at \(position)") }
        position += 1
        return .init(path: path, comparison: comparison, literal: literal)
    }

    private func matches(_ text: String) -> Bool {
        text.enumerated().allSatisfy { offset, character in peek(offset) == character }
    }

    private mutating func skipSpaces() {
        while peek() == " " { position += 1 }
    }

    private mutating func filterLiteral() throws(MachineryError) -> JSONValue {
        if peek() == "'" || peek() == "\"" { return .string(try quoted()) }
        let start = position
        while let character = peek(), character != ")", character != " " { position += 1 }
        let text = String(characters[start..<position])
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            if let number = Int64(text) { return .int(number) }
            if let number = Double(text) { return .double(number) }
            throw error("unsupported filter value '\(text)'")
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
