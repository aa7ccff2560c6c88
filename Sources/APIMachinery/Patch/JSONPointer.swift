import ServingAPI

/// A JSON pointer (RFC 6901): `/spec/containers/0/image`, `~1` for `/` and `~0` for `~` in a token, `-` for the
/// position after an array's last element (only where something is added).
struct JSONPointer: Sendable, Equatable, CustomStringConvertible {
    let tokens: [String]
    let description: String

    init(_ text: String) throws(MachineryError) {
        description = text
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw MachineryError(.badRequest, "invalid JSON pointer \"\(text)\": it must be empty or start with /")
        }
        var decoded: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw MachineryError(.badRequest, "invalid JSON pointer \"\(text)\": ~ must be followed by 0 or 1")
                }
            }
            decoded.append(token)
        }
        tokens = decoded
    }

    private func missing() -> MachineryError {
        MachineryError(.invalid, "the path \"\(description)\" does not exist in the document")
    }

    /// An array index token: decimal digits without a leading zero, below `limit` (inclusive when `allowEnd`).
    private func index(_ token: String, count: Int, allowEnd: Bool) throws(MachineryError) -> Int {
        if allowEnd, token == "-" { return count }
        guard !token.isEmpty, token.allSatisfy(\.isASCII), token.allSatisfy(\.isNumber),
            token == "0" || !token.hasPrefix("0"), let value = Int(token)
        else {
            throw MachineryError(.badRequest, "invalid array index \"\(token)\" in the path \"\(description)\"")
        }
        guard value < count || (allowEnd && value == count) else { throw missing() }
        return value
    }

    func get(_ document: JSONValue) throws(MachineryError) -> JSONValue {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { throw missing() }
                current = next
            case .array(let elements):
                current = elements[try index(token, count: elements.count, allowEnd: false)]
            default:
                throw missing()
            }
        }
        return current
    }

    func add(_ value: JSONValue, to document: inout JSONValue) throws(MachineryError) {
        guard let last = tokens.last else {
            document = value
            return
        }
        try modifyParent(of: &document, depth: 0) { (parent: inout JSONValue) throws(MachineryError) in
            switch parent {
            case .object(var members):
                members[last] = value
                parent = .object(members)
            case .array(var elements):
                elements.insert(value, at: try index(last, count: elements.count, allowEnd: true))
                parent = .array(elements)
            default:
                throw missing()
            }
        }
    }

    func remove(from document: inout JSONValue) throws(MachineryError) -> JSONValue {
        guard let last = tokens.last else {
            throw MachineryError(.invalid, "the whole document cannot be removed")
        }
        var removed = JSONValue.null
        try modifyParent(of: &document, depth: 0) { (parent: inout JSONValue) throws(MachineryError) in
            switch parent {
            case .object(var members):
                guard let value = members.removeValue(forKey: last) else { throw missing() }
                removed = value
                parent = .object(members)
            case .array(var elements):
                removed = elements.remove(at: try index(last, count: elements.count, allowEnd: false))
                parent = .array(elements)
            default:
                throw missing()
            }
        }
        return removed
    }

    /// Walks to the container that holds the last token and lets `body` change it in place.
    private func modifyParent(
        of value: inout JSONValue, depth: Int, _ body: (inout JSONValue) throws(MachineryError) -> Void
    ) throws(MachineryError) {
        if depth == tokens.count - 1 {
            try body(&value)
            return
        }
        let token = tokens[depth]
        switch value {
        case .object(var members):
            guard var child = members[token] else { throw missing() }
            members[token] = nil
            try modifyParent(of: &child, depth: depth + 1, body)
            members[token] = child
            value = .object(members)
        case .array(var elements):
            let position = try index(token, count: elements.count, allowEnd: false)
            var child = elements[position]
            try modifyParent(of: &child, depth: depth + 1, body)
            elements[position] = child
            value = .array(elements)
        default:
            throw missing()
        }
    }
}
