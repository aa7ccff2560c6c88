import ServingAPI

/// A strict parser for the block-YAML subset that kubeconfigs are written in (by kubectl, kind, minikube and us):
/// block mappings, block sequences (of mappings or scalars, indented or at their key's column), plain and quoted
/// scalars, comments, and the empty flow collections `{}` and `[]`. Anything else (anchors, tags, flow collections
/// with content, block scalars, multiple documents) is rejected with the line it is on. A document whose first
/// character is `{` is parsed as JSON.
enum BlockYAML {
    struct Line {
        let number: Int
        var indent: Int
        var text: Substring
    }

    static func parse(_ text: String) throws(KubeError) -> JSONValue {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.first == "{" {
            do { return try JSONValue(parsing: String(trimmed)) } catch {
                throw .configuration("kubeconfig is not valid JSON: \(error)")
            }
        }
        var parser = Parser(lines: try lines(of: text))
        guard let first = parser.peek else { return .object([:]) }
        let value = try parser.node(indent: first.indent)
        if let extra = parser.peek {
            throw parser.error(extra, "unexpected content at indentation \(extra.indent)")
        }
        return value
    }

    /// The meaningful lines: no blank lines, no comments, no document markers; tabs in indentation rejected.
    static func lines(of text: String) throws(KubeError) -> [Line] {
        var result: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            let content = line.drop { $0 == " " }
            if content.first == "\t" {
                throw .configuration("kubeconfig line \(index + 1): tabs are not allowed in indentation")
            }
            let text = stripComment(content)
            if text.isEmpty { continue }
            if text == "---" && result.isEmpty { continue }
            if text == "---" || text == "..." {
                throw .configuration("kubeconfig line \(index + 1): only one YAML document is supported")
            }
            result.append(Line(number: index + 1, indent: line.count - content.count, text: text))
        }
        return result
    }

    /// The text before a comment (`#` at the start or after a space, outside quotes), without trailing spaces.
    static func stripComment(_ text: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        var end = text.endIndex
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " || previous == ":" || previous == "-" { quote = character }
            } else if character == "#" && (previous == " " || previous == "\t") {
                end = index
                break
            }
            previous = character
        }
        var result = text[..<end]
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }

    struct Parser {
        var lines: [Line]
        var position = 0

        var peek: Line? { position < lines.count ? lines[position] : nil }

        func error(_ line: Line, _ message: String) -> KubeError {
            .configuration("kubeconfig line \(line.number): \(message): \(line.text)")
        }

        static func isSequenceItem(_ text: Substring) -> Bool { text == "-" || text.hasPrefix("- ") }

        static func startsBlock(_ line: Line) throws(KubeError) -> Bool {
            if isSequenceItem(line.text) { return true }
            return try BlockYAML.splitKey(line) != nil
        }

        mutating func node(indent: Int) throws(KubeError) -> JSONValue {
            guard let line = peek else { return .null }
            return Parser.isSequenceItem(line.text) ? try sequence(indent: indent) : try mapping(indent: indent)
        }

        mutating func mapping(indent: Int) throws(KubeError) -> JSONValue {
            var members: [String: JSONValue] = [:]
            while let line = peek, line.indent == indent, !Parser.isSequenceItem(line.text) {
                guard let (key, rest) = try BlockYAML.splitKey(line) else {
                    throw error(line, "expected `key: value` in a mapping")
                }
                if members[key] != nil { throw error(line, "duplicate key \"\(key)\"") }
                position += 1
                members[key] = try value(after: rest, on: line, parentIndent: indent)
            }
            if let line = peek, line.indent > indent { throw error(line, "unexpected indentation") }
            return .object(members)
        }

        /// A member's value: inline scalar, or a nested block (deeper, or a sequence at the key's own column).
        mutating func value(after rest: Substring, on line: Line, parentIndent: Int) throws(KubeError) -> JSONValue {
            if !rest.isEmpty { return try BlockYAML.scalar(rest, line: line) }
            guard let next = peek else { return .null }
            if next.indent > parentIndent { return try node(indent: next.indent) }
            if next.indent == parentIndent && Parser.isSequenceItem(next.text) {
                return try sequence(indent: parentIndent)
            }
            return .null
        }

        mutating func sequence(indent: Int) throws(KubeError) -> JSONValue {
            var elements: [JSONValue] = []
            while let line = peek, line.indent == indent, Parser.isSequenceItem(line.text) {
                let rest = line.text.dropFirst().drop { $0 == " " }
                if rest.isEmpty {
                    position += 1
                    guard let next = peek, next.indent > indent else { elements.append(.null); continue }
                    elements.append(try node(indent: next.indent))
                } else if try Parser.startsBlock(line.with(rest)) {
                    // `- key: value` or `- - x`: a nested block starting on the item's line, at its column.
                    lines[position] = line.with(rest)
                    elements.append(try node(indent: lines[position].indent))
                } else {
                    position += 1
                    elements.append(try BlockYAML.scalar(rest, line: line))
                }
            }
            return .array(elements)
        }
    }
}

extension BlockYAML.Line {
    /// The same line with its text replaced by a suffix of it, indented to where that suffix starts.
    func with(_ suffix: Substring) -> BlockYAML.Line {
        BlockYAML.Line(number: number, indent: indent + text.distance(from: text.startIndex, to: suffix.startIndex),
            text: suffix)
    }
}
