import Foundation
import ServingAPI

/// Value validation against a schema node, with the apiserver's (kube-openapi's) checks, reasons and messages.
extension SchemaNode {
    /// Appends a cause for every violation in `value` (at `path`) and below; `old` is the correlated old value.
    /// Ratcheting (as the apiserver's CRDValidationRatcheting): a value equal to its old value is not checked
    /// again, except by transition rules (those using `oldSelf`), so an update need not fix what it did not touch.
    func validate(
        _ value: JSONValue, old: JSONValue?, at path: String, into causes: inout [K8s.Status.Cause],
        transitionOnly: Bool = false
    ) {
        if transitionOnly || (old != nil && old == value) {
            evaluateRules(value, old: old, at: path, into: &causes, transitionOnly: true)
            validateChildren(value, old: old, at: path, into: &causes, transitionOnly: true)
            return
        }
        if value == .null {
            guard !nullable, type != nil || intOrString else { return }
            causes.append(FieldError.typeInvalid(path, "null", "\(FieldPath.inBody(path)) must be of type \(typeList): \"null\""))
            return
        }
        guard checkType(value, at: path, into: &causes) else { return }
        checkEnumAndFormat(value, at: path, into: &causes)
        checkNumber(value, at: path, into: &causes)
        checkString(value, at: path, into: &causes)
        checkArray(value, at: path, into: &causes)
        checkObject(value, at: path, into: &causes)
        checkJunctors(value, at: path, into: &causes)
        validateChildren(value, old: old, at: path, into: &causes, transitionOnly: false)
        evaluateRules(value, old: old, at: path, into: &causes, transitionOnly: false)
    }

    private var typeList: String { intOrString ? "integer,string" : (type ?? "object") }

    /// `3.0` is an integer (kube-openapi accepts a float64 with no fraction where `integer` is expected).
    private func checkType(_ value: JSONValue, at path: String, into causes: inout [K8s.Status.Cause]) -> Bool {
        let matches: Bool
        switch (intOrString ? "int-or-string" : type, value) {
        case (nil, _): return true
        case ("int-or-string", .string), ("int-or-string", .int), ("integer", .int), ("number", .int),
            ("number", .double), ("string", .string), ("boolean", .bool), ("array", .array), ("object", .object):
            matches = true
        case ("int-or-string", .double), ("integer", .double): matches = value.intValue != nil
        default: matches = false
        }
        if !matches {
            let actual = value.typeName
            causes.append(FieldError.typeInvalid(path, .string(actual),
                "\(FieldPath.inBody(path)) must be of type \(typeList): \(FieldError.quoted(actual))"))
        }
        return matches
    }

    private func checkEnumAndFormat(_ value: JSONValue, at path: String, into causes: inout [K8s.Status.Cause]) {
        if let enumValues, !enumValues.contains(where: { Self.sameValue($0, value) }) {
            causes.append(FieldError.notSupported(path, value, enumValues))
        }
        if let format, case .string(let text) = value, !StringFormat.accepts(format, text) {
            causes.append(FieldError.invalid(path, value,
                "\(FieldPath.inBody(path)) must be of type \(format): \(FieldError.quoted(text))"))
        }
    }

    static func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return a == b
    }

    private func checkNumber(_ value: JSONValue, at path: String, into causes: inout [K8s.Status.Cause]) {
        guard let number = value.doubleValue else { return }
        let inBody = FieldPath.inBody(path)
        if let minimum, number < minimum.value || (minimum.exclusive && number == minimum.value) {
            let relation = minimum.exclusive ? "greater than" : "greater than or equal to"
            causes.append(FieldError.invalid(path, value, "\(inBody) should be \(relation) \(minimum.value.goText)"))
        }
        if let maximum, number > maximum.value || (maximum.exclusive && number == maximum.value) {
            let relation = maximum.exclusive ? "less than" : "less than or equal to"
            causes.append(FieldError.invalid(path, value, "\(inBody) should be \(relation) \(maximum.value.goText)"))
        }
        if let multipleOf, multipleOf > 0, (number / multipleOf).rounded() != number / multipleOf {
            causes.append(FieldError.invalid(path, value, "\(inBody) should be a multiple of \(multipleOf.goText)"))
        }
    }

    private func checkString(_ value: JSONValue, at path: String, into causes: inout [K8s.Status.Cause]) {
        guard case .string(let text) = value else { return }
        let length = Int64(text.unicodeScalars.count)
        if let minLength, length < minLength {
            causes.append(FieldError.invalid(path, value,
                "\(FieldPath.inBody(path)) should be at least \(minLength) chars long"))
        }
        if let maxLength, length > maxLength { causes.append(FieldError.tooLong(path, maxLength)) }
        if let pattern, let regex = try? Regex(pattern), !text.contains(regex) {
            causes.append(FieldError.invalid(path, value, "\(FieldPath.inBody(path)) should match '\(pattern)'"))
        }
    }

    private func checkArray(_ value: JSONValue, at path: String, into causes: inout [K8s.Status.Cause]) {
        guard case .array(let elements) = value else { return }
        if let minItems, elements.count < minItems {
            causes.append(FieldError.invalid(path, .int(Int64(elements.count)),
                "\(FieldPath.inBody(path)) should have at least \(minItems) items"))
        }
        if let maxItems, elements.count > maxItems { causes.append(FieldError.tooMany(path, elements.count, maxItems)) }
        switch listType {
        case "set":
            var seen: [JSONValue] = []
            for (index, element) in elements.enumerated() {
                if seen.contains(where: { Self.sameValue($0, element) }) {
                    causes.append(FieldError.duplicate(FieldPath.index(path, index), element))
                }
                seen.append(element)
            }
        case "map":
            var seen: Set<JSONValue> = []
            for (index, element) in elements.enumerated() {
                let key = listMapKey(element)
                if !seen.insert(key).inserted { causes.append(FieldError.duplicate(FieldPath.index(path, index), key)) }
            }
        default: break
        }
    }

    /// The `x-kubernetes-list-map-keys` values of a list element, as an object.
    func listMapKey(_ element: JSONValue) -> JSONValue {
        var key: [String: JSONValue] = [:]
        for name in listMapKeys { key[name] = element[name] ?? items?.properties[name]?.defaultValue ?? .null }
        return .object(key)
    }

    private func checkObject(_ value: JSONValue, at path: String, into causes: inout [K8s.Status.Cause]) {
        guard case .object(let members) = value else { return }
        for key in required where members[key] == nil {
            causes.append(FieldError.required(FieldPath.child(path, key)))
        }
        if embeddedResource {
            for key in ["apiVersion", "kind"] where members[key]?.stringValue?.isEmpty ?? true {
                causes.append(FieldError.required(FieldPath.child(path, key)))
            }
        }
        if let minProperties, members.count < minProperties {
            causes.append(FieldError.invalid(path, .int(Int64(members.count)),
                "\(FieldPath.inBody(path)) should have at least \(minProperties) properties"))
        }
        if let maxProperties, members.count > maxProperties {
            causes.append(FieldError.tooMany(path, members.count, maxProperties))
        }
    }

    private func checkJunctors(_ value: JSONValue, at path: String, into causes: inout [K8s.Status.Cause]) {
        let inBody = FieldPath.inBody(path)
        for branch in allOf { branch.validate(value, old: nil, at: path, into: &causes) }
        let passing = { (branch: SchemaNode) -> Bool in
            var branchCauses: [K8s.Status.Cause] = []
            branch.validate(value, old: nil, at: path, into: &branchCauses)
            return branchCauses.isEmpty
        }
        if !anyOf.isEmpty, !anyOf.contains(where: passing) {
            causes.append(FieldError.invalid(path, value, "\(inBody) must validate at least one schema (anyOf)"))
        }
        if !oneOf.isEmpty, oneOf.filter(passing).count != 1 {
            causes.append(FieldError.invalid(path, value, "\(inBody) must validate one and only one schema (oneOf)"))
        }
        if let not, passing(not) {
            causes.append(FieldError.invalid(path, value, "\(inBody) must not validate the schema (not)"))
        }
    }

    private func validateChildren(
        _ value: JSONValue, old: JSONValue?, at path: String, into causes: inout [K8s.Status.Cause], transitionOnly: Bool
    ) {
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                childSchema(key)?.validate(members[key]!, old: old?[key], at: FieldPath.child(path, key), into: &causes,
                    transitionOnly: transitionOnly)
            }
        case .array(let elements):
            guard let items else { return }
            let oldElements = listType == "map" ? old?.arrayValue ?? [] : []
            for (index, element) in elements.enumerated() {
                let key: JSONValue? = listType == "map" ? listMapKey(element) : nil
                let oldElement = key.flatMap { key in oldElements.first { listMapKey($0) == key } }
                items.validate(element, old: oldElement, at: FieldPath.index(path, index), into: &causes,
                    transitionOnly: transitionOnly)
            }
        default: return
        }
    }
}
