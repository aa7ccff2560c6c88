import Foundation

/// Function calls: strings, sizes, conversions, and the Kubernetes list library.
extension CELEvaluator {
    func call(_ name: String, receiver: CELValue?, arguments: [CELValue]) throws(MachineryError) -> CELValue {
        if let receiver {
            if let result = try stringMethod(name, receiver, arguments) { return result }
            if let result = try listMethod(name, receiver, arguments) { return result }
            if name == "size" { return try size(receiver) }
            throw CELError.noSuchOverload(name, [receiver] + arguments)
        }
        let argument = arguments[0]
        switch name {
        case "size": return try size(argument)
        case "matches":
            guard let result = try stringMethod("matches", argument, [arguments[1]]) else {
                throw CELError.noSuchOverload(name, arguments)
            }
            return result
        case "type": return .type(argument.typeName)
        case "dyn": return argument
        default: return try CELConversions.convert(name, argument)
        }
    }

    private func size(_ value: CELValue) throws(MachineryError) -> CELValue {
        switch value {
        case .string(let text): return .int(Int64(text.unicodeScalars.count))
        case .list(let elements): return .int(Int64(elements.count))
        case .map(let entries): return .int(Int64(entries.count))
        default: throw CELError.noSuchOverload("size", [value])
        }
    }

    private func stringMethod(_ name: String, _ receiver: CELValue, _ arguments: [CELValue]) throws(MachineryError) -> CELValue? {
        guard case .string(let text) = receiver else { return nil }
        if arguments.isEmpty {
            switch name {
            case "lowerAscii": return .string(String(text.map { $0.isASCII ? Character($0.lowercased()) : $0 }))
            case "upperAscii": return .string(String(text.map { $0.isASCII ? Character($0.uppercased()) : $0 }))
            case "trim": return .string(text.trimmingCharacters(in: .whitespacesAndNewlines))
            default: return nil
            }
        }
        guard case .string(let argument) = arguments[0] else { throw CELError.noSuchOverload(name, [receiver] + arguments) }
        switch name {
        case "startsWith": return .bool(text.hasPrefix(argument))
        case "endsWith": return .bool(text.hasSuffix(argument))
        case "contains": return .bool(argument.isEmpty || text.contains(argument))
        case "matches":
            do {
                let regex = try Regex(argument)
                return .bool(text.contains(regex))
            } catch {
                throw CELError.evaluation("invalid regular expression '\(argument)': \(error)")
            }
        default: return nil
        }
    }

    private func listMethod(_ name: String, _ receiver: CELValue, _ arguments: [CELValue]) throws(MachineryError) -> CELValue? {
        guard case .list(let elements) = receiver else { return nil }
        switch name {
        case "sum":
            guard var total = elements.first else { return .int(0) }
            for element in elements.dropFirst() { total = try CELArithmetic.arithmetic("+", total, element) }
            return total
        case "min", "max":
            guard var best = elements.first else { throw CELError.evaluation("\(name)(list) called on an empty list") }
            for element in elements.dropFirst() {
                guard let order = CELArithmetic.compare(element, best) else {
                    throw CELError.noSuchOverload(name, [element, best])
                }
                if (name == "min" && order < 0) || (name == "max" && order > 0) { best = element }
            }
            return best
        case "isSorted":
            for (a, b) in zip(elements, elements.dropFirst()) {
                guard let order = CELArithmetic.compare(a, b) else { throw CELError.noSuchOverload(name, [a, b]) }
                if order > 0 { return .bool(false) }
            }
            return .bool(true)
        case "indexOf":
            return .int(Int64(elements.firstIndex { CELArithmetic.equal($0, arguments[0]) } ?? -1))
        case "lastIndexOf":
            return .int(Int64(elements.lastIndex { CELArithmetic.equal($0, arguments[0]) } ?? -1))
        default: return nil
        }
    }

    /// `all`, `exists`, `exists_one`, `map`, `filter` over a list's elements or a map's keys. `all` and `exists`
    /// follow `&&`/`||`: a deciding element wins over an error in another.
    func comprehension(
        _ macro: CELMacro, range: CELValue, variable: String, arguments: [CELExpression]
    ) throws(MachineryError) -> CELValue {
        let elements: [CELValue]
        switch range {
        case .list(let values): elements = values
        case .map(let entries): elements = CELValue.sortedKeys(entries)
        default: throw CELError.noSuchOverload(macro.rawValue, [range])
        }
        var scope = self
        var results: [Result<CELValue, MachineryError>] = []
        for element in elements {
            scope.variables[variable] = element
            let evaluator = scope
            results.append(Result { () throws(MachineryError) in try evaluator.evaluateStep(macro, arguments, element) })
            if macro == .all, case .success(.bool(false)) = results.last { return .bool(false) }
            if macro == .exists, case .success(.bool(true)) = results.last { return .bool(true) }
        }
        return try combine(macro, results)
    }

    private func evaluateStep(
        _ macro: CELMacro, _ arguments: [CELExpression], _ element: CELValue
    ) throws(MachineryError) -> CELValue {
        if macro == .map {
            if arguments.count == 2 {
                guard case .bool(let keep) = try evaluate(arguments[0]) else { throw CELError.noSuchOverload("map", []) }
                return keep ? .list([try evaluate(arguments[1])]) : .list([])
            }
            return .list([try evaluate(arguments[0])])
        }
        let predicate = try evaluate(arguments[0])
        guard case .bool(let flag) = predicate else { throw CELError.noSuchOverload(macro.rawValue, [predicate]) }
        if macro == .filter { return .list(flag ? [element] : []) }
        return predicate
    }

    private func combine(_ macro: CELMacro, _ results: [Result<CELValue, MachineryError>]) throws(MachineryError) -> CELValue {
        switch macro {
        case .all:
            for result in results { _ = try result.get() }
            return .bool(true)
        case .exists:
            for result in results { _ = try result.get() }
            return .bool(false)
        case .existsOne:
            var count = 0
            for result in results where try result.get() == .bool(true) { count += 1 }
            return .bool(count == 1)
        case .map, .filter:
            var output: [CELValue] = []
            for result in results {
                if case .list(let part) = try result.get() { output += part }
            }
            return .list(output)
        }
    }
}
