/// Equality, ordering and arithmetic on CEL values, with CEL's rules: numbers compare across int, uint and
/// double; int arithmetic that overflows is an error; mixed-type arithmetic has no overload.
enum CELArithmetic {
    static func equal(_ left: CELValue, _ right: CELValue) -> Bool {
        switch (left, right) {
        case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.map(let a), .map(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        default:
            if let order = compareNumbers(left, right) { return order == 0 }
            return left == right
        }
    }

    /// -1, 0 or 1; nil where the types have no ordering.
    static func compare(_ left: CELValue, _ right: CELValue) -> Int? {
        if let order = compareNumbers(left, right) { return order }
        switch (left, right) {
        case (.string(let a), .string(let b)): return a == b ? 0 : (a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : 1)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (!a ? -1 : 1)
        default: return nil
        }
    }

    private static func compareNumbers(_ left: CELValue, _ right: CELValue) -> Int? {
        switch (left, right) {
        case (.int(let a), .int(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.uint(let a), .uint(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.int(let a), .uint(let b)): return a < 0 ? -1 : compareNumbers(.uint(UInt64(a)), .uint(b))
        case (.uint, .int): return compareNumbers(right, left).map { -$0 }
        default:
            guard let a = double(left), let b = double(right) else { return nil }
            if a.isNaN || b.isNaN { return nil }
            return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    private static func double(_ value: CELValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .uint(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    /// An int or uint as an Int64 (list indexes); nil for anything else.
    static func exactInt(_ value: CELValue) -> Int64? {
        switch value {
        case .int(let number): number
        case .uint(let number): Int64(exactly: number)
        case .double(let number): Int64(exactly: number)
        default: nil
        }
    }

    /// The other numeric form of a map key (`1` finds the key `1u`), as CEL's heterogeneous lookup does.
    static func numericKey(_ key: CELValue) -> CELValue? {
        switch key {
        case .int(let number): UInt64(exactly: number).map(CELValue.uint)
        case .uint(let number): Int64(exactly: number).map(CELValue.int)
        case .double(let number): Int64(exactly: number).map(CELValue.int)
        default: nil
        }
    }

    static func arithmetic(_ op: String, _ left: CELValue, _ right: CELValue) throws(MachineryError) -> CELValue {
        switch (left, right) {
        case (.int(let a), .int(let b)): return .int(try integer(op, a, b))
        case (.uint(let a), .uint(let b)): return .uint(try integer(op, a, b))
        case (.double(let a), .double(let b)):
            switch op {
            case "+": return .double(a + b)
            case "-": return .double(a - b)
            case "*": return .double(a * b)
            case "/": return .double(a / b)
            default: break
            }
        case (.string(let a), .string(let b)) where op == "+": return .string(a + b)
        case (.list(let a), .list(let b)) where op == "+": return .list(a + b)
        default: break
        }
        throw CELError.noSuchOverload("_\(op)_", [left, right])
    }

    private static func integer<T: FixedWidthInteger>(_ op: String, _ a: T, _ b: T) throws(MachineryError) -> T {
        let result: (partialValue: T, overflow: Bool)
        switch op {
        case "+": result = a.addingReportingOverflow(b)
        case "-": result = a.subtractingReportingOverflow(b)
        case "*": result = a.multipliedReportingOverflow(by: b)
        case "/":
            guard b != 0 else { throw CELError.evaluation("division by zero") }
            result = a.dividedReportingOverflow(by: b)
        case "%":
            guard b != 0 else { throw CELError.evaluation("modulus by zero") }
            result = a.remainderReportingOverflow(dividingBy: b)
        default: throw CELError.evaluation("no such overload: _\(op)_")
        }
        guard !result.overflow else { throw CELError.evaluation(T.isSigned ? "int overflow" : "uint overflow") }
        return result.partialValue
    }
}
