import Foundation

/// `int()`, `uint()`, `double()`, `string()` and `bool()`, with CEL's range checks.
enum CELConversions {
    static func convert(_ name: String, _ value: CELValue) throws(MachineryError) -> CELValue {
        switch (name, value) {
        case ("int", .int), ("uint", .uint), ("double", .double), ("string", .string), ("bool", .bool): return value
        case ("int", .uint(let number)):
            guard let result = Int64(exactly: number) else { throw CELError.evaluation("int overflow") }
            return .int(result)
        case ("int", .double(let number)):
            guard number.isFinite, number > -9.223372036854775808e18, number < 9.223372036854775807e18 else {
                throw CELError.evaluation("int overflow")
            }
            return .int(Int64(number.rounded(.towardZero)))
        case ("int", .string(let text)):
            guard let result = Int64(text) else { throw CELError.evaluation("cannot convert '\(text)' to int") }
            return .int(result)
        case ("uint", .int(let number)):
            guard let result = UInt64(exactly: number) else { throw CELError.evaluation("uint overflow") }
            return .uint(result)
        case ("uint", .double(let number)):
            guard number.isFinite, number >= 0, number < 1.8446744073709552e19 else { throw CELError.evaluation("uint overflow") }
            return .uint(UInt64(number.rounded(.towardZero)))
        case ("uint", .string(let text)):
            guard let result = UInt64(text) else { throw CELError.evaluation("cannot convert '\(text)' to uint") }
            return .uint(result)
        case ("double", .int(let number)): return .double(Double(number))
        case ("double", .uint(let number)): return .double(Double(number))
        case ("double", .string(let text)):
            guard let result = Double(text) else { throw CELError.evaluation("cannot convert '\(text)' to double") }
            return .double(result)
        case ("string", .int(let number)): return .string(String(number))
        case ("string", .uint(let number)): return .string(String(number))
        case ("string", .double(let number)): return .string(number.goText)
        case ("string", .bool(let flag)): return .string(flag ? "true" : "false")
        case ("bool", .string(let text)):
            switch text {
            case "true", "True", "TRUE", "t", "1": return .bool(true)
            case "false", "False", "FALSE", "f", "0": return .bool(false)
            default: throw CELError.evaluation("cannot convert '\(text)' to bool")
            }
        default: throw CELError.noSuchOverload(name, [value])
        }
    }
}
