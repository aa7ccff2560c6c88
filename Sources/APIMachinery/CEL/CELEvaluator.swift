/// Evaluates `x-kubernetes-validations` rules: swiftlet's own interpreter for the subset of CEL that CRD rules
/// commonly use. A rule outside the subset is rejected when the CRD is created, naming the construct.
///
/// Supported subset:
/// - literals: int (`1`, `-2`, `0x1F`), uint (`1u`), double (`1.5`, `2e3`), string (`'a'`, `"a"`, `r'\d'`,
///   escapes `\n \t \r \\ \' \" \uXXXX`), bool, `null`, lists `[1, 2]`, maps `{'a': 1}`
/// - variables `self` and `oldSelf` (transition rules: evaluated only on update, where the old value exists)
/// - field selection `self.a.b` (property names escaped as Kubernetes does: `__dash__`, `__dot__`, `__slash__`,
///   `__underscores__`, `__namespace__` for reserved words), indexing `self.list[0]`, `self.map['key']`; a missing field or key is the
///   evaluation error `no such key: x`; `has(self.a.b)` tests presence
/// - arithmetic `+ - * / %` on int, uint and double (int overflow and division by zero are errors), `+` on
///   strings and lists; comparisons `== != < <= > >=` (numbers compare across int/uint/double); `&&`, `||` with
///   CEL's commutative error handling; `!`; `c ? a : b`; `x in list`, `key in map`
/// - `size()` (strings in code points, lists, maps), `s.startsWith(p)`, `s.endsWith(p)`, `s.contains(p)`,
///   `s.matches(re)` (regular expressions as Swift `Regex`, an unanchored search like RE2's), `lowerAscii()`,
///   `upperAscii()`, `trim()`
/// - macros `all`, `exists`, `exists_one`, `map` (two and three arguments), `filter`, over lists and over map keys
/// - Kubernetes list library: `sum()`, `min()`, `max()`, `isSorted()`, `indexOf(x)`, `lastIndexOf(x)`
/// - conversions `int()`, `uint()`, `double()`, `string()`, `bool()`, `dyn()`, and `type(x) == int` type checks
///
/// Not supported (rejected at CRD creation): bytes, durations and timestamps, the `quantity`, `url`, `ip`,
/// `format` and `authz` libraries, optional types (`.?`, `optional.of`), `string.format`, `split`/`join`,
/// `sets.*`, two-variable comprehensions, and the apiserver's static type checking and cost estimation.
struct CELEvaluator {
    var variables: [String: CELValue]

    func evaluate(_ expression: CELExpression) throws(MachineryError) -> CELValue {
        switch expression {
        case .literal(let value): return value
        case .identifier(let name):
            if let value = variables[name] { return value }
            if CELFunctions.typeNames.contains(name) { return .type(name) }
            throw CELError.evaluation("undeclared reference to '\(name)'")
        case .select(let target, let field): return try select(try evaluate(target), field)
        case .has(let target, let field):
            guard case .map(let entries) = try evaluate(target) else {
                throw CELError.evaluation("invalid type for field selection")
            }
            return .bool(entries[.string(field)] ?? entries[.string(CELNames.unescape(field))] != nil)
        case .index(let target, let index): return try self.index(try evaluate(target), try evaluate(index))
        case .call(let name, let target, let arguments):
            let receiver = try target.map { (expression) throws(MachineryError) in try evaluate(expression) }
            var values: [CELValue] = []
            for argument in arguments { values.append(try evaluate(argument)) }
            return try call(name, receiver: receiver, arguments: values)
        case .list(let elements):
            var values: [CELValue] = []
            for element in elements { values.append(try evaluate(element)) }
            return .list(values)
        case .map(let entries): return try map(entries)
        case .unary(let op, let operand): return try unary(op, try evaluate(operand))
        case .binary("&&", let left, let right): return try logical(and: true, left, right)
        case .binary("||", let left, let right): return try logical(and: false, left, right)
        case .binary(let op, let left, let right): return try binary(op, try evaluate(left), try evaluate(right))
        case .conditional(let condition, let then, let otherwise):
            guard case .bool(let flag) = try evaluate(condition) else {
                throw CELError.evaluation("no such overload: ternary condition is not a bool")
            }
            return try evaluate(flag ? then : otherwise)
        case .comprehension(let macro, let range, let variable, let arguments):
            return try comprehension(macro, range: try evaluate(range), variable: variable, arguments: arguments)
        }
    }

    private func select(_ target: CELValue, _ field: String) throws(MachineryError) -> CELValue {
        guard case .map(let entries) = target else {
            throw CELError.evaluation("no such overload: field selection '.\(field)' on \(target.typeName)")
        }
        guard let value = entries[.string(field)] ?? entries[.string(CELNames.unescape(field))] else {
            throw CELError.evaluation("no such key: \(field)")
        }
        return value
    }

    private func index(_ target: CELValue, _ index: CELValue) throws(MachineryError) -> CELValue {
        switch (target, index) {
        case (.list(let elements), _):
            guard let position = CELArithmetic.exactInt(index) else { throw CELError.noSuchOverload("_[_]", [target, index]) }
            guard position >= 0, position < elements.count else {
                throw CELError.evaluation("index out of bounds: \(position)")
            }
            return elements[Int(position)]
        case (.map(let entries), _):
            if let value = entries[index] ?? CELArithmetic.numericKey(index).flatMap({ entries[$0] }) { return value }
            throw CELError.evaluation("no such key: \(index.displayText.trimmingQuotes)")
        default: throw CELError.noSuchOverload("_[_]", [target, index])
        }
    }

    private func map(_ entries: [CELExpression.MapEntry]) throws(MachineryError) -> CELValue {
        var result: [CELValue: CELValue] = [:]
        for entry in entries {
            let key = try evaluate(entry.key)
            switch key {
            case .string, .int, .uint, .bool: break
            default: throw CELError.evaluation("unsupported map key type: \(key.typeName)")
            }
            guard result[key] == nil else { throw CELError.evaluation("Failed with repeated key: \(key.displayText)") }
            result[key] = try evaluate(entry.value)
        }
        return .map(result)
    }

    private func unary(_ op: String, _ operand: CELValue) throws(MachineryError) -> CELValue {
        switch (op, operand) {
        case ("!", .bool(let flag)): return .bool(!flag)
        case ("-", .int(let number)):
            guard number != .min else { throw CELError.evaluation("int overflow") }
            return .int(-number)
        case ("-", .double(let number)): return .double(-number)
        default: throw CELError.noSuchOverload(op == "!" ? "!_" : "-_", [operand])
        }
    }

    /// `&&` and `||` as CEL defines them: a deciding operand (false for `&&`, true for `||`) wins over an error
    /// or a non-bool on the other side, whichever order they come in.
    private func logical(and isAnd: Bool, _ left: CELExpression, _ right: CELExpression) throws(MachineryError) -> CELValue {
        let function = isAnd ? "_&&_" : "_||_"
        let leftResult = Result { () throws(MachineryError) in try evaluate(left) }
        if case .success(.bool(let flag)) = leftResult, flag != isAnd { return .bool(flag) }
        let rightResult = Result { () throws(MachineryError) in try evaluate(right) }
        if case .success(.bool(let flag)) = rightResult, flag != isAnd { return .bool(flag) }
        let leftValue = try leftResult.get()
        let rightValue = try rightResult.get()
        guard case .bool = leftValue, case .bool = rightValue else {
            throw CELError.noSuchOverload(function, [leftValue, rightValue])
        }
        return .bool(isAnd)
    }

    func binary(_ op: String, _ left: CELValue, _ right: CELValue) throws(MachineryError) -> CELValue {
        switch op {
        case "==": return .bool(CELArithmetic.equal(left, right))
        case "!=": return .bool(!CELArithmetic.equal(left, right))
        case "<", "<=", ">", ">=":
            guard let order = CELArithmetic.compare(left, right) else {
                throw CELError.noSuchOverload("_\(op)_", [left, right])
            }
            switch op {
            case "<": return .bool(order < 0)
            case "<=": return .bool(order <= 0)
            case ">": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "in": return try contains(right, left)
        default: return try CELArithmetic.arithmetic(op, left, right)
        }
    }

    private func contains(_ container: CELValue, _ element: CELValue) throws(MachineryError) -> CELValue {
        switch container {
        case .list(let elements): return .bool(elements.contains { CELArithmetic.equal($0, element) })
        case .map(let entries):
            return .bool(entries[element] != nil || CELArithmetic.numericKey(element).map { entries[$0] != nil } == true)
        default: throw CELError.noSuchOverload("@in", [element, container])
        }
    }
}

extension String {
    var trimmingQuotes: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}
