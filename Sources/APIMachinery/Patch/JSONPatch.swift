import ServingAPI

/// JSON patch (RFC 6902): what `kubectl patch --type json` sends (`application/json-patch+json`).
/// A malformed operation list is `.badRequest`; a failed `test` or a path that does not exist is `.invalid`.
public enum JSONPatch {
    public static func apply(_ operations: JSONValue, to document: JSONValue) throws(MachineryError) -> JSONValue {
        guard case .array(let list) = operations else {
            throw MachineryError(.badRequest, "a JSON patch must be an array of operations, got \(operations.typeName)")
        }
        guard list.count <= maximumOperations else {
            throw MachineryError(.badRequest, "a JSON patch may have at most \(maximumOperations) operations, got \(list.count)")
        }
        var result = document
        for (index, operation) in list.enumerated() {
            try apply(operation, at: index, to: &result)
            // `copy` and `add` can double a document per operation, in size or in depth.
            guard result.fits(depth: JSONValue.maximumDepth, values: maximumValues) else {
                throw MachineryError(.invalid, "operation \(index) makes the object deeper than \(JSONValue.maximumDepth) levels or larger than \(maximumValues) values")
            }
        }
        return result
    }

    static let maximumOperations = 10_000
    static let maximumValues = 1_000_000

    private static func apply(_ operation: JSONValue, at index: Int, to document: inout JSONValue)
        throws(MachineryError)
    {
        guard case .object(let members) = operation else {
            throw MachineryError(.badRequest, "JSON patch operation \(index) is not an object")
        }
        guard let op = members["op"]?.stringValue else {
            throw MachineryError(.badRequest, "JSON patch operation \(index) has no string \"op\"")
        }
        let path = try pointer(members, "path", index)
        func value() throws(MachineryError) -> JSONValue {
            guard let value = members["value"] else {
                throw MachineryError(.badRequest, "JSON patch operation \(index) (\(op)) has no \"value\"")
            }
            return value
        }
        switch op {
        case "add":
            try path.add(try value(), to: &document)
        case "remove":
            _ = try path.remove(from: &document)
        case "replace":
            let newValue = try value()
            _ = try path.get(document)
            if path.tokens.isEmpty {
                document = newValue
            } else {
                _ = try path.remove(from: &document)
                try path.add(newValue, to: &document)
            }
        case "move":
            let from = try pointer(members, "from", index)
            if from.tokens != path.tokens {
                if path.tokens.starts(with: from.tokens) {
                    throw MachineryError(.badRequest, "JSON patch operation \(index): cannot move \(from) into itself")
                }
                let moved = try from.remove(from: &document)
                try path.add(moved, to: &document)
            }
        case "copy":
            let from = try pointer(members, "from", index)
            try path.add(try from.get(document), to: &document)
        case "test":
            let expected = try value()
            let actual = try path.get(document)
            guard actual.semanticallyEquals(expected) else {
                throw MachineryError(
                    .invalid, "the test operation at \(path) failed: expected \(expected.jsonText), found \(actual.jsonText)")
            }
        default:
            throw MachineryError(.badRequest, "JSON patch operation \(index) has an unknown op \"\(op)\"")
        }
    }

    private static func pointer(_ members: [String: JSONValue], _ key: String, _ index: Int)
        throws(MachineryError) -> JSONPointer
    {
        guard let text = members[key]?.stringValue else {
            throw MachineryError(.badRequest, "JSON patch operation \(index) has no string \"\(key)\"")
        }
        return try JSONPointer(text)
    }
}
