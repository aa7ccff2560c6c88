/// Reads the block YAML people write by hand (manifests, samples) into JSON values: block mappings and sequences
/// (list items at or beyond their key's indentation), plain, single- and double-quoted scalars, `|` and `>` block
/// scalars, one-line flow collections (`{a: 1}`, `[x, y]`), comments and `---` between documents. Scalars resolve
/// as YAML 1.2's core schema does. Anchors, aliases, tags and multi-line flow or quoted scalars are refused.
enum YAMLReader {
    static func documents(_ text: String) throws(JSONParseError) -> [JSONValue] {
        var documents: [[Substring]] = [[]]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = line.last == "\r" ? line.dropLast() : line
            if line == "---" || line.hasPrefix("--- ") || line.hasPrefix("---\t") {
                documents.append([])
            } else if line == "..." {
                continue
            } else {
                documents[documents.count - 1].append(line)
            }
        }
        var values: [JSONValue] = []
        for lines in documents {
            var reader = BlockReader(lines: lines.map(String.init))
            if let value = try reader.document() { values.append(value) }
        }
        return values
    }
}

struct BlockReader {
    private var lines: [String]
    private var index = 0

    init(lines: [String]) { self.lines = lines }

    private func error(_ what: String) -> JSONParseError {
        JSONParseError(message: "invalid YAML at line \(index + 1): \(what)")
    }

    /// The document's value; `nil` for a document of only comments and blank lines.
    mutating func document() throws(JSONParseError) -> JSONValue? {
        guard let indent = skipBlank() else { return nil }
        let value = try node(indent: indent)
        if skipBlank() != nil { throw error("unexpected content (check the indentation)") }
        return value
    }

    /// Skips blank and comment lines; returns the next line's indentation, `nil` at the end.
    private mutating func skipBlank() -> Int? {
        while index < lines.count {
            let content = lines[index].drop { $0 == " " }
            if !content.isEmpty, !content.hasPrefix("#") { return lines[index].count - content.count }
            index += 1
        }
        return nil
    }

    private func content(_ line: String, indent: Int) -> Substring { line.dropFirst(indent) }

    private static func isItem(_ text: Substring) -> Bool { text == "-" || text.hasPrefix("- ") }

    private mutating func node(indent: Int) throws(JSONParseError) -> JSONValue {
        let text = content(lines[index], indent: indent)
        if text.hasPrefix("\t") { throw error("tabs cannot indent YAML") }
        if Self.isItem(text) { return try sequence(indent: indent) }
        if try ScalarReader.mappingKey(text) != nil { return try mapping(indent: indent) }
        index += 1
        return try inlineValue(text, parentIndent: indent - 1)
    }

    private mutating func sequence(indent: Int) throws(JSONParseError) -> JSONValue {
        var items: [JSONValue] = []
        while let next = skipBlank(), next == indent {
            let text = content(lines[index], indent: indent)
            guard Self.isItem(text) else { break }
            let rest = text.dropFirst().drop { $0 == " " }
            if rest.isEmpty || rest.hasPrefix("#") {
                index += 1
                guard let child = skipBlank(), child > indent else {
                    items.append(.null)
                    continue
                }
                items.append(try node(indent: child))
            } else {
                // The item's first line, as if it started on its own line two or more columns in.
                let column = indent + (text.count - rest.count)
                lines[index] = String(repeating: " ", count: column) + rest
                items.append(try node(indent: column))
            }
        }
        return .array(items)
    }

    private mutating func mapping(indent: Int) throws(JSONParseError) -> JSONValue {
        var members: [String: JSONValue] = [:]
        while let next = skipBlank(), next == indent {
            let text = content(lines[index], indent: indent)
            if text.hasPrefix("\t") { throw error("tabs cannot indent YAML") }
            guard let (key, rest) = try ScalarReader.mappingKey(text) else { break }
            guard members[key] == nil else { throw error("duplicate key \"\(key)\"") }
            index += 1
            let value = rest.drop { $0 == " " }
            if value.isEmpty || value.hasPrefix("#") {
                if let child = skipBlank(), child > indent {
                    members[key] = try node(indent: child)
                } else if let child = skipBlank(), child == indent, Self.isItem(content(lines[index], indent: indent)) {
                    members[key] = try sequence(indent: indent)
                } else {
                    members[key] = .null
                }
            } else {
                members[key] = try inlineValue(value, parentIndent: indent)
            }
        }
        return .object(members)
    }

    /// A value on the line of its key or dash: a block scalar header, or a scalar or flow collection.
    private mutating func inlineValue(_ text: Substring, parentIndent: Int) throws(JSONParseError) -> JSONValue {
        if let style = text.first, style == "|" || style == ">" {
            return .string(try blockScalar(header: text, parentIndent: parentIndent))
        }
        do {
            return try ScalarReader.value(text)
        } catch {
            index -= 1
            throw self.error(error.message)
        }
    }

    private mutating func blockScalar(header: Substring, parentIndent: Int) throws(JSONParseError) -> String {
        let folded = header.first == ">"
        var chomping = Character("c")
        for character in header.dropFirst() {
            if character == "-" || character == "+" { chomping = character } else if character == " " || character == "#" {
                break
            } else {
                throw error("unsupported block scalar header \"\(header)\" (indentation indicators are not read)")
            }
        }
        var body: [String] = []
        var indent: Int?
        while index < lines.count {
            let line = lines[index]
            let spaces = line.prefix { $0 == " " }.count
            if spaces == line.count {
                body.append("")
            } else {
                if indent == nil { indent = spaces }
                guard spaces >= indent!, spaces > parentIndent else { break }
                body.append(String(line.dropFirst(indent!)))
            }
            index += 1
        }
        var trailing = 0
        while body.last == "" {
            body.removeLast()
            trailing += 1
        }
        var text = folded ? Self.fold(body) : body.joined(separator: "\n")
        switch chomping {
        case "-": break
        case "+": text += String(repeating: "\n", count: body.isEmpty ? trailing : trailing + 1)
        default: if !body.isEmpty { text += "\n" }
        }
        return text
    }

    /// `>`: lines join with a space; an empty line is a newline; more-indented lines keep theirs.
    private static func fold(_ lines: [String]) -> String {
        var text = ""
        var previousWasText = false
        for line in lines {
            if line.isEmpty {
                text += "\n"
                previousWasText = false
            } else if line.hasPrefix(" ") {
                text += (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + line + "\n"
                previousWasText = false
            } else {
                text += (previousWasText ? " " : "") + line
                previousWasText = true
            }
        }
        return text
    }
}
