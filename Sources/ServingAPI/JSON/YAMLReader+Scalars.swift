/// The scalars and one-line flow collections of `YAMLReader`.
struct ScalarReader {
    private let characters: [Character]
    private var position = 0

    private init(_ text: Substring) { characters = Array(text) }

    private func error(_ what: String) -> JSONParseError { JSONParseError(message: what) }

    /// `key: rest` (or `key:` at the end of the line): the key and what follows the colon; `nil` when the text is
    /// not a mapping entry.
    static func mappingKey(_ text: Substring) throws(JSONParseError) -> (String, Substring)? {
        var reader = ScalarReader(text)
        guard let first = reader.peek, !"[{|>!&*%@`#".contains(first), !(first == "-" && reader.peek(1) == " ") else {
            return nil
        }
        let key: String
        if first == "\"" || first == "'" {
            key = try reader.quoted()
        } else {
            let start = reader.position
            while let next = reader.peek, !(next == ":" && (reader.peek(1) == nil || reader.peek(1) == " ")) {
                if next == " ", reader.peek(1) == "#" { return nil }
                reader.position += 1
            }
            guard reader.peek == ":" else { return nil }
            key = String(reader.characters[start..<reader.position]).trimmingTrailingSpaces
        }
        guard reader.peek == ":", reader.peek(1) == nil || reader.peek(1) == " " else { return nil }
        return (key, text.dropFirst(reader.position + 1))
    }

    /// A whole value: a scalar or a flow collection, then nothing but a comment.
    static func value(_ text: Substring) throws(JSONParseError) -> JSONValue {
        var reader = ScalarReader(text)
        let value = try reader.flowValue(inFlow: false)
        reader.skipSpaces()
        if let rest = reader.peek, rest != "#" { throw reader.error("unexpected \"\(rest)\" after a value") }
        return value
    }

    private var peek: Character? { peek(0) }

    private func peek(_ offset: Int) -> Character? {
        position + offset < characters.count ? characters[position + offset] : nil
    }

    private mutating func skipSpaces() { while peek == " " { position += 1 } }

    private mutating func flowValue(inFlow: Bool) throws(JSONParseError) -> JSONValue {
        skipSpaces()
        switch peek {
        case "{": return try flowMapping()
        case "[": return try flowSequence()
        case "\"", "'": return .string(try quoted())
        case "&", "*", "!", "%", "@", "`": throw error("anchors, aliases, tags and reserved indicators are not supported")
        default: return Self.resolve(plain(inFlow: inFlow))
        }
    }

    private mutating func flowSequence() throws(JSONParseError) -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipSpaces()
        if peek == "]" {
            position += 1
            return .array([])
        }
        while true {
            elements.append(try flowValue(inFlow: true))
            skipSpaces()
            switch peek {
            case ",": position += 1
            case "]":
                position += 1
                return .array(elements)
            default: throw error("expected ',' or ']' in a flow sequence (flow collections must fit on one line)")
            }
        }
    }

    private mutating func flowMapping() throws(JSONParseError) -> JSONValue {
        position += 1
        var members: [String: JSONValue] = [:]
        skipSpaces()
        if peek == "}" {
            position += 1
            return .object([:])
        }
        while true {
            skipSpaces()
            let key = peek == "\"" || peek == "'" ? try quoted() : plain(inFlow: true, stopAtColon: true)
            skipSpaces()
            guard peek == ":" else { throw error("expected ':' after the key \"\(key)\" in a flow mapping") }
            position += 1
            members[key] = try flowValue(inFlow: true)
            skipSpaces()
            switch peek {
            case ",": position += 1
            case "}":
                position += 1
                return .object(members)
            default: throw error("expected ',' or '}' in a flow mapping (flow collections must fit on one line)")
            }
        }
    }

    private mutating func plain(inFlow: Bool, stopAtColon: Bool = false) -> String {
        let start = position
        while let next = peek {
            if next == " ", peek(1) == "#" { break }
            if next == ":", stopAtColon || peek(1) == " " || peek(1) == nil || (inFlow && ",]}".contains(peek(1)!)) {
                break
            }
            if inFlow, ",]}".contains(next) { break }
            position += 1
        }
        return String(characters[start..<position]).trimmingTrailingSpaces
    }

    private mutating func quoted() throws(JSONParseError) -> String {
        let quote = characters[position]
        position += 1
        var text = ""
        while let next = peek {
            position += 1
            if next == quote {
                if quote == "'", peek == "'" {
                    position += 1
                    text.append("'")
                    continue
                }
                return text
            }
            if next == "\\", quote == "\"" {
                text += try escape()
            } else {
                text.append(next)
            }
        }
        throw error("unterminated quoted string (quoted strings must fit on one line)")
    }

    private mutating func escape() throws(JSONParseError) -> String {
        guard let code = peek else { throw error("a '\\' ends the string") }
        position += 1
        let simple: [Character: String] = [
            "0": "\0", "a": "\u{7}", "b": "\u{8}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{B}", "f": "\u{C}",
            "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
            "L": "\u{2028}", "P": "\u{2029}",
        ]
        if let text = simple[code] { return text }
        let width = code == "x" ? 2 : code == "u" ? 4 : code == "U" ? 8 : 0
        guard width > 0, position + width <= characters.count,
            let value = UInt32(String(characters[position..<position + width]), radix: 16),
            let scalar = Unicode.Scalar(value)
        else { throw error("invalid escape \\\(code)") }
        position += width
        return String(Character(scalar))
    }

    /// YAML 1.2 core schema: null, booleans, integers and floats; everything else is a string.
    static func resolve(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        if text.wholeMatch(of: /[-+]?[0-9]+/) != nil, let number = Int64(text) { return .int(number) }
        if text.wholeMatch(of: /0x[0-9a-fA-F]+/) != nil, let number = Int64(text.dropFirst(2), radix: 16) {
            return .int(number)
        }
        if text.wholeMatch(of: /0o[0-7]+/) != nil, let number = Int64(text.dropFirst(2), radix: 8) { return .int(number) }
        if text.wholeMatch(of: /[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?/) != nil, let number = Double(text) {
            return .double(number)
        }
        return .string(text)
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

extension JSONValue {
    /// The documents of a YAML stream (see `YAMLReader` for the subset it reads).
    public static func parsingYAML(_ text: String) throws(JSONParseError) -> [JSONValue] {
        try YAMLReader.documents(text)
    }
}
