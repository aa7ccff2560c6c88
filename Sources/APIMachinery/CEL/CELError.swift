/// CEL problems as `MachineryError`s (the module's one error type): compile-time ones (syntax, unsupported
/// constructs) reject the CRD; evaluation ones (no such key, no such overload) fail the rule.
enum CELError {
    static func syntax(_ detail: String) -> MachineryError {
        MachineryError(.invalid, "syntax error: \(detail)")
    }

    static func unsupported(_ construct: String) -> MachineryError {
        MachineryError(.invalid, "unsupported CEL construct: \(construct) (swiftlet's CEL subset)")
    }

    static func evaluation(_ detail: String) -> MachineryError {
        MachineryError(.invalid, detail)
    }

    static func noSuchOverload(_ function: String, _ arguments: [CELValue]) -> MachineryError {
        MachineryError(.invalid, "no such overload: \(function)(\(arguments.map(\.typeName).joined(separator: ", ")))")
    }
}
