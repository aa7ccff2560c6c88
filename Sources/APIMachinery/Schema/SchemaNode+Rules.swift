import Foundation
import ServingAPI

/// Evaluating a node's `x-kubernetes-validations` against a value, with the apiserver's error shapes:
/// a false rule gives `message` (or `failed rule: <rule>`) under the rule's `reason`; an evaluation error
/// (`no such key: x`, `division by zero`) fails the rule with the error in the message.
extension SchemaNode {
    /// `transitionOnly`: the value is unchanged (ratcheting), so only rules using `oldSelf` run.
    func evaluateRules(
        _ value: JSONValue, old: JSONValue?, at path: String, into causes: inout [K8s.Status.Cause], transitionOnly: Bool
    ) {
        guard !rules.isEmpty, !transitionOnly || rules.contains(where: \.isTransition) else { return }
        let isResource = path.isEmpty || embeddedResource
        let selfValue = CELValue(json: isResource ? Self.celVisible(value) : value, schema: self)
        let oldValue = old.map { CELValue(json: isResource ? Self.celVisible($0) : $0, schema: self) }
        let typeValue = JSONValue.string(type ?? value.typeName)
        for rule in rules {
            if (rule.isTransition && oldValue == nil) || (transitionOnly && !rule.isTransition) { continue }
            var variables = ["self": selfValue]
            variables["oldSelf"] = oldValue
            let evaluator = CELEvaluator(variables: variables)
            let fieldPath = Self.join(path, rule.fieldPath)
            do {
                let result = try evaluator.evaluate(rule.expression)
                guard case .bool(let passed) = result else {
                    causes.append(FieldError.invalid(path, typeValue,
                        "rule evaluated to \(result.typeName), not bool: \(rule.errorText)"))
                    continue
                }
                if !passed { causes.append(failure(rule, evaluator, at: fieldPath, value)) }
            } catch {
                let detail = error.message.hasPrefix("no such overload")
                    ? "'\(error.message)': call arguments did not match a supported operator, function or macro signature for rule: \(rule.errorText)"
                    : "\(error.message) evaluating rule: \(rule.errorText)"
                causes.append(FieldError.invalid(path, typeValue, detail))
            }
        }
    }

    /// Objects and lists are left out of the message (`Invalid value: <detail>`); scalars are shown.
    private func failure(
        _ rule: ValidationRule, _ evaluator: CELEvaluator, at path: String, _ value: JSONValue
    ) -> K8s.Status.Cause {
        let omitValue = value.objectValue != nil || value.arrayValue != nil
        var detail = rule.defaultMessage
        if let messageExpression = rule.messageExpression,
            case .string(let text)? = try? evaluator.evaluate(messageExpression),
            !text.trimmingCharacters(in: .whitespaces).isEmpty, !text.contains("\n")
        {
            detail = text
        }
        switch rule.reason {
        case "FieldValueForbidden": return FieldError.forbidden(path, detail)
        case "FieldValueRequired": return FieldError.required(path, detail)
        case "FieldValueDuplicate": return omitValue ? FieldError.duplicateOmittingValue(path) : FieldError.duplicate(path, value)
        default: return omitValue ? FieldError.invalidOmittingValue(path, detail) : FieldError.invalid(path, value, detail)
        }
    }

    /// Of a resource's metadata, rules see only `name` and `generateName` (as in the apiserver).
    static func celVisible(_ resource: JSONValue) -> JSONValue {
        guard var members = resource.objectValue, let metadata = members["metadata"]?.objectValue else { return resource }
        members["metadata"] = .object(metadata.filter { $0.key == "name" || $0.key == "generateName" })
        return .object(members)
    }

    /// The node's path followed by a rule's relative `fieldPath` (`.a.b`, `['x.y']`), as field path children.
    static func join(_ path: String, _ relative: String?) -> String {
        guard let relative, let expression = try? JSONPathExpression(relative) else { return path }
        return expression.fieldNames.reduce(path) { FieldPath.child($0, $1) }
    }
}

extension ValidationRule {
    /// `ruleErrorString`: the message when set, else the rule.
    var errorText: String {
        (message?.isEmpty == false ? message! : rule).trimmingCharacters(in: .whitespaces)
    }

    var defaultMessage: String {
        message?.isEmpty == false ? message!.trimmingCharacters(in: .whitespaces) : "failed rule: \(errorText)"
    }
}
