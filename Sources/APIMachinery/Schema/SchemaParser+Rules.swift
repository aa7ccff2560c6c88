import Foundation
import ServingAPI

/// `x-kubernetes-validations` (compiled once, at CRD creation) and `default` checks.
extension SchemaParser {
    static let ruleReasons: Set<String> = ["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired",
        "FieldValueDuplicate"]

    mutating func parseRules(
        _ json: JSONValue?, children: SchemaNode.Children, at path: String, _ context: Context
    ) -> [ValidationRule] {
        guard let json else { return [] }
        let listPath = FieldPath.child(path, "x-kubernetes-validations")
        guard let entries = json.arrayValue else {
            causes.append(FieldError.invalid(listPath, json, "must be a list of validation rules"))
            return []
        }
        return entries.enumerated().compactMap { index, entry in
            parseRule(entry, children: children, at: "\(listPath)[\(index)]", context)
        }
    }

    private mutating func parseRule(
        _ entry: JSONValue, children: SchemaNode.Children, at path: String, _ context: Context
    ) -> ValidationRule? {
        guard let text = entry["rule"]?.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            causes.append(FieldError.required("\(path).rule", "rule is not specified"))
            return nil
        }
        let message = entry["message"]?.stringValue
        if let message, !message.isEmpty, message.trimmingCharacters(in: .whitespaces).isEmpty {
            causes.append(FieldError.invalid("\(path).message", .string(message), "message must be non-empty if specified"))
        }
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
        if let fieldPath, !Self.reaches(fieldPath, from: children) {
            causes.append(FieldError.invalid("\(path).fieldPath", .string(fieldPath), "fieldPath must be a valid path"))
        }
        let expression: CELExpression
        do {
            expression = try CELExpression.compile(text)
        } catch {
            causes.append(FieldError.invalid("\(path).rule", entry, "compilation failed: \(error.message)"))
            return nil
        }
        if expression.usesOldSelf, let uncorrelatable = context.uncorrelatablePath {
            causes.append(FieldError.invalid("\(path).rule", .string(text),
                "oldSelf cannot be used on the uncorrelatable portion of the schema within \(uncorrelatable)"))
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

    /// A rule's `fieldPath` must name fields that the schema declares (no list indexes).
    static func reaches(_ fieldPath: String, from children: SchemaNode.Children) -> Bool {
        guard let names = try? JSONPathExpression(fieldPath).fieldNames, !names.isEmpty else { return false }
        var node = SchemaNode([:], children: children, rules: [])
        for name in names {
            guard let child = node.childSchema(name) else { return false }
            node = child
        }
        return true
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
