/// Writing a JSON value as block YAML: keys sorted, two-space indentation, list items at their key's indentation
/// (as kubectl and controller-gen write them). Strings stay plain only when every YAML reader (1.1 and 1.2) reads
/// them back as the same string; otherwise they are double-quoted, or, when they span lines, block literals.
extension JSONValue {
    /// One YAML document, ending in a newline.
    public var yamlText: String {
        var lines: [String] = []
        YAMLWriter.write(self, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Several documents in one stream, separated by `---`.
    public static func yamlStream(_ documents: [JSONValue]) -> String {
        documents.map(\.yamlText).joined(separator: "---\n")
    }
}

enum YAMLWriter {
    static func write(_ value: JSONValue, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch value {
        case .object(let members) where !members.isEmpty:
            for key in members.keys.sorted() { writeEntry(key: key, value: members[key]!, indent: indent, into: &lines) }
        case .array(let elements) where !elements.isEmpty:
            for element in elements { writeItem(element, indent: indent, into: &lines) }
        case .string(let text) where literalLines(text) != nil:
            lines.append(pad + blockHeader(text))
            lines += literalLines(text)!.map { $0.isEmpty ? "" : pad + "  " + $0 }
        default:
            lines.append(pad + scalar(value))
        }
    }

    private static func writeEntry(key: String, value: JSONValue, indent: Int, into lines: inout [String]) {
        let prefix = String(repeating: " ", count: indent) + string(key) + ":"
        switch value {
        case .object(let members) where !members.isEmpty:
            lines.append(prefix)
            write(value, indent: indent + 2, into: &lines)
        case .array(let elements) where !elements.isEmpty:
            lines.append(prefix)
            write(value, indent: indent, into: &lines)
        case .string(let text) where literalLines(text) != nil:
            lines.append(prefix + " " + blockHeader(text))
            let pad = String(repeating: " ", count: indent + 2)
            lines += literalLines(text)!.map { $0.isEmpty ? "" : pad + $0 }
        default:
            lines.append(prefix + " " + scalar(value))
        }
    }

    /// `- item`: the item's first line moves up beside the dash; the rest stay two columns in.
    private static func writeItem(_ value: JSONValue, indent: Int, into lines: inout [String]) {
        if case .string(let text) = value, let literal = literalLines(text) {
            lines.append(String(repeating: " ", count: indent) + "- " + blockHeader(text))
            let pad = String(repeating: " ", count: indent + 2)
            lines += literal.map { $0.isEmpty ? "" : pad + $0 }
            return
        }
        var itemLines: [String] = []
        write(value, indent: indent + 2, into: &itemLines)
        let first = itemLines[0].dropFirst(indent + 2)
        lines.append(String(repeating: " ", count: indent) + "- " + first)
        lines += itemLines.dropFirst()
    }

    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .array: "[]"
        case .object: "{}"
        }
    }

    /// Integral values without a fraction, as the JSON writer does; otherwise always with a '.' and a signed
    /// exponent, which YAML 1.1 readers need to see a float.
    private static func double(_ number: Double) -> String {
        if number.isNaN { return ".nan" }
        if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        let text = "\(number)"
        guard let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        var mantissa = String(text[..<exponent])
        var power = String(text[text.index(after: exponent)...])
        if !mantissa.contains(".") { mantissa += ".0" }
        if !power.hasPrefix("-"), !power.hasPrefix("+") { power = "+" + power }
        return mantissa + "e" + power
    }

    static func string(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    /// The lines of a block literal, or `nil` when the text does not fit one: it must span lines, hold only
    /// printable characters (tabs allowed) and not start with a space or an empty line (indentation detection).
    static func literalLines(_ text: String) -> [String]? {
        guard text.contains("\n"), let first = text.first, first != " ", first != "\n",
            text.unicodeScalars.allSatisfy({ $0 == "\n" || $0 == "\t" || isPrintable($0) })
        else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        return lines + Array(repeating: "", count: max(0, newlineRun(text) - 1))
    }

    /// `|-` (no final newline), `|` (one), `|+` (several, kept).
    private static func blockHeader(_ text: String) -> String {
        switch newlineRun(text) {
        case 0: "|-"
        case 1: "|"
        default: "|+"
        }
    }

    private static func newlineRun(_ text: String) -> Int {
        text.unicodeScalars.reversed().prefix { $0 == "\n" }.count
    }

    private static let reservedWords: Set<String> = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", "=", ".inf", "-.inf", "+.inf", ".nan",
    ]

    private static func isPlainSafe(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, first != " ", last != " ", last != ":" else {
            return false
        }
        guard !reservedWords.contains(text.lowercased()) else { return false }
        // Starts that YAML reads as an indicator, a number or a date.
        if ("0"..."9").contains(first) { return false }
        if "-+.".unicodeScalars.contains(first) {
            guard scalars.count > 1, scalars[1] != " ", !"0123456789.".unicodeScalars.contains(scalars[1]) else {
                return false
            }
        } else if !(isASCIILetter(first) || "/_($^".unicodeScalars.contains(first)) {
            return false
        }
        for (index, scalar) in scalars.enumerated() {
            if isASCIILetter(scalar) || ("0"..."9").contains(scalar) || "-_./+=()@,;$^~<>%*&!?' ".unicodeScalars.contains(scalar) {
                continue
            }
            if scalar == ":", index + 1 < scalars.count, scalars[index + 1] != " " { continue }
            return false
        }
        return true
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: true
        case 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: scalar.value != 0xFEFF && scalar.value != 0x2028
            && scalar.value != 0x2029
        default: false
        }
    }

    static func doubleQuoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case _ where isPrintable(scalar): output.unicodeScalars.append(scalar)
            case _ where scalar.value <= 0xFF: output += "\\x" + hex(scalar.value, width: 2)
            case _ where scalar.value <= 0xFFFF: output += "\\u" + hex(scalar.value, width: 4)
            default: output += "\\U" + hex(scalar.value, width: 8)
            }
        }
        return output + "\""
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
