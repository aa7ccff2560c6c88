import ServingAPI

extension JSONValue {
    /// JSON equality as RFC 6902's `test` and server-side apply's comparisons define it: numbers compare by value
    /// (`1` equals `1.0`), objects ignore member order, arrays compare element by element.
    func semanticallyEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int(let left), .double(let right)), (.double(let right), .int(let left)):
            return Double(left) == right
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.semanticallyEquals($1) }
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for (key, value) in left {
                guard let match = right[key], value.semanticallyEquals(match) else { return false }
            }
            return true
        default:
            return self == other
        }
    }
}
