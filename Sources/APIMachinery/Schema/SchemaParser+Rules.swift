import Foundation
import ServingAPI

/// `x-kubernetes-validations` (compiled once, at CRD creation) and `default` checks.
extension SchemaParser {
    static let ruleReasons: Set<String> = ["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired",
        "FieldValueDuplicate"]

    mutating func parseRules(_ json: JSONValue?, at path: String, _ context: Context) -> [ValidationRule] {
        guard let json else { return [] }
        let listPath = FieldPath.child(path, "x-kubernetes-validations")
        guard let entries = json.arrayValue else {
            causes.append(FieldError.invalid(listPath, json, "must be a list of validation rules"))
            return []
        }
        return entries.enumerated().compactMap { index, entry in
            parseRule(entry, at: "\(listPath)[\(index)]", context)
        }
    }

    private mutating func parseRule(_ entry: JSONValue, at path: String, _ context: Context) -> ValidationRule? {
        guard let text = entry["rule"]?.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            causes.append(FieldError.required("\(path).rule"))
            return nil
        }
        let message = entry["message"]?.stringValue
        if let message, message.contains("\n") {
            causes.append(FieldError.invalid("\(path).message", .string(message), "message must not contain line breaks"))
        }
        if message == nil, text.contains("\n") {
            causes.append(FieldError.required("\(path).message", "message must be specified if rule contains line breaks"))
        }
        let reason = entry["reason"]?.stringValue
        if let reason, !Self.ruleReasons.contains(reason) {
            causes.append(FieldError.notSupported("\(path).reason", .string(reason),
                Self.ruleReasons.sorted().map(JSONValue.string)))
        }
        let fieldPath = entry["fieldPath"]?.stringValue
        if let fieldPath, (try? JSONPathExpression(fieldPath)) == nil {
            causes.append(FieldError.invalid("\(path).fieldPath", .string(fieldPath), "fieldPath must be a valid path"))
        }
        let expression: CELExpression
        do {
            expression = try CELExpression.compile(text)
        } catch {
            causes.append(FieldError.invalid("\(path).rule", .string(text), "compilation failed: \(error.message)"))
            return nil
        }
        if expression.usesOldSelf && !context.correlatable {
            causes.append(FieldError.forbidden("\(path).rule",
                "oldSelf cannot be used on the uncorrelatable portion of the schema"))
        }
        let messageExpression = compileMessageExpression(entry["messageExpression"], at: "\(path).messageExpression")
        return ValidationRule(
            rule: text, expression: expression, message: message, messageExpression: messageExpression,
            reason: reason, fieldPath: fieldPath)
    }

    private mutating func compileMessageExpression(_ json: JSONValue?, at path: String) -> CELExpression? {
        guard let text = json?.stringValue else { return nil }
        do {
            return try CELExpression.compile(text)
        } catch {
            causes.append(FieldError.invalid(path, .string(text), "messageExpression compilation failed: \(error.message)"))
            return nil
        }
    }

    /// A `default` must not sit at the root, must survive pruning unchanged and must validate against its node.
    mutating func checkDefault(_ node: SchemaNode, at path: String, _ context: Context) {
        guard let value = node.defaultValue else { return }
        let defaultPath = FieldPath.child(path, "default")
        if context.isRoot {
            causes.append(FieldError.forbidden(defaultPath, "must not be set at the root"))
            return
        }
        if node.prune(value, isResourceRoot: false) != value {
            causes.append(FieldError.invalid(defaultPath, value, "must not have unknown fields"))
        }
        var valueCauses: [K8s.Status.Cause] = []
        node.validate(value, old: nil, at: "", into: &valueCauses)
        for cause in valueCauses {
            causes.append(FieldError.invalid(defaultPath, value, cause.message ?? "invalid default"))
        }
    }
}
