/// Kubernetes' escaping of schema property names that are not CEL identifiers: `a-b` is `a__dash__b`, `a.b` is
/// `a__dot__b`, `a/b` is `a__slash__b`, `a__b` is `a__underscores__b`, and a reserved word such as `namespace`
/// is `__namespace__`.
enum CELNames {
    static let reserved: Set<String> = ["true", "false", "null", "in", "as", "break", "const", "continue", "else",
        "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"]

    static func unescape(_ name: String) -> String {
        if name.hasPrefix("__") && name.hasSuffix("__") && name.count > 4 {
            let inner = String(name.dropFirst(2).dropLast(2))
            if reserved.contains(inner) { return inner }
        }
        var result = ""
        var rest = Substring(name)
        while let range = rest.range(of: "__") {
            result += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            if let (text, length) = escapes.first(where: { after.hasPrefix($0.key) }).map({ ($0.value, $0.key.count) }) {
                result += text
                rest = after.dropFirst(length)
            } else {
                result += "__"
                rest = after
            }
        }
        return result + rest
    }

    private static let escapes: [String: String] = [
        "underscores__": "__", "dot__": ".", "dash__": "-", "slash__": "/",
    ]
}
