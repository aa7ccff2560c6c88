import Foundation
import ServingAPI

extension BlockYAML {
    /// Splits `key: value` (or `key:`) into the key and the rest; `nil` when the line is not a mapping entry.
    static func splitKey(_ line: Line) throws(KubeError) -> (String, Substring)? {
        let text = line.text
        if text.first == "\"" || text.first == "'" {
            guard let close = closingQuote(text) else { throw .configuration("kubeconfig line \(line.number): unterminated quoted key") }
            let after = text[text.index(after: close)...]
            guard after.first == ":" else { return nil }
            let rest = after.dropFirst()
            guard rest.isEmpty || rest.first == " " else { return nil }
            guard case .string(let key) = try scalar(text[...close], line: line) else { return nil }
            return (key, rest.drop { $0 == " " })
        }
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " {
                    let key = text[..<index]
                    guard !key.isEmpty else { return nil }
                    return (String(key), text[next...].drop { $0 == " " })
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The index of the quote closing the quoted scalar that `text` starts with.
    static func closingQuote(_ text: Substring) -> Substring.Index? {
        guard let open = text.first else { return nil }
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if open == "\"" && character == "\\" {
                index = text.index(after: index)
                if index < text.endIndex { index = text.index(after: index) }
                continue
            }
            if character == open {
                let next = text.index(after: index)
                if open == "'" && next < text.endIndex && text[next] == "'" {
                    index = text.index(after: next)
                    continue
                }
                return index
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func scalar(_ text: Substring, line: Line) throws(KubeError) -> JSONValue {
        func fail(_ message: String) -> KubeError { .configuration("kubeconfig line \(line.number): \(message): \(line.text)") }
        switch text.first {
        case "\"", "'":
            guard let close = closingQuote(text), text.index(after: close) == text.endIndex else {
                throw fail("a quoted scalar must end with its closing quote")
            }
            let body = text[text.index(after: text.startIndex)..<close]
            if text.first == "'" { return .string(body.replacingOccurrences(of: "''", with: "'")) }
            guard let unescaped = unescapeDoubleQuoted(body) else { throw fail("invalid escape in double-quoted scalar") }
            return .string(unescaped)
        case "{", "[":
            if text == "{}" { return .object([:]) }
            if text == "[]" { return .array([]) }
            throw fail("flow collections with content are not supported; use block style")
        case "&", "*", "!", "|", ">", "%", "@", "`":
            throw fail("anchors, aliases, tags, block scalars and reserved indicators are not supported")
        default:
            return plain(String(text))
        }
    }

    static func plain(_ text: String) -> JSONValue {
        switch text {
        case "null", "Null", "NULL", "~": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default:
            if let number = Int64(text) { return .int(number) }
            if text.contains("."), text.first != ".", let number = Double(text), number.isFinite { return .double(number) }
            return .string(text)
        }
    }

    static func unescapeDoubleQuoted(_ body: Substring) -> String? {
        var result = ""
        var iterator = body.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else { result.append(character); continue }
            switch iterator.next() {
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "/": result.append("/")
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "0": result.append("\0")
            case "u":
                var hex = ""
                for _ in 0..<4 { guard let digit = iterator.next() else { return nil }; hex.append(digit) }
                guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else { return nil }
                result.unicodeScalars.append(scalar)
            default: return nil
            }
        }
        return result
    }
}
