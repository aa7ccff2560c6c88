/// The one error type of ServingAPI: a resource that does not decode, or a value that breaks a rule of the API
/// contract. `field` is the JSON path of the offending field (`spec.traffic.mnist-blue`); the message says what was
/// found and what was expected, so it can go into a status condition or a 422 answer unchanged.
public struct ServingAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The JSON does not have the shape of the type (missing field, wrong JSON type, unknown enum value).
        case malformed
        /// The shape is right but a value breaks a rule (range, pattern, a cross-field rule).
        case invalid
    }

    public let code: Code
    public let field: String
    public let message: String

    public init(_ code: Code, field: String, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    static func invalid(_ field: String, _ message: String) -> ServingAPIError {
        ServingAPIError(.invalid, field: field, message)
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}

extension ServingAPIError {
    /// A `DecodingError` said in terms of the JSON path it happened at.
    init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let path = Self.path(context.codingPath + [key])
            self.init(.malformed, field: path, "required field is missing")
        case .typeMismatch(let type, let context):
            self.init(.malformed, field: Self.path(context.codingPath), "expected \(Self.jsonTypeName(type))")
        case .valueNotFound(let type, let context):
            self.init(.malformed, field: Self.path(context.codingPath), "expected \(Self.jsonTypeName(type)), got null")
        case .dataCorrupted(let context):
            self.init(.malformed, field: Self.path(context.codingPath), context.debugDescription)
        @unknown default:
            self.init(.malformed, field: "", "\(error)")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            .trimmingPrefix(".").description
    }

    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object (\(type))"
        }
    }
}
