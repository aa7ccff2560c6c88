import ServingAPI

/// Whether a mirror's answer agrees with the primary's: same status, and bodies equal as JSON (numbers within a
/// relative 1e-6, so float formatting does not count as disagreement), or byte for byte when not JSON.
enum OutputComparison {
    static let tolerance = 1e-6

    static func agree(status a: Int, body bodyA: [UInt8], status b: Int, body bodyB: [UInt8]) -> Bool {
        guard a == b else { return false }
        guard let left = try? JSONValue(parsing: bodyA), let right = try? JSONValue(parsing: bodyB) else {
            return bodyA == bodyB
        }
        return equal(left, right)
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
        default:
            if let x = a.doubleValue, let y = b.doubleValue {
                return abs(x - y) <= tolerance * max(1, abs(x), abs(y))
            }
            return a == b
        }
    }
}
