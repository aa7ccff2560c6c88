import ServingAPI

/// Why a patch, an apply or a schema check refused an object. `causes` carry the field paths for `Status.details`.
public struct MachineryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The patch or apply body itself is malformed (400 BadRequest).
        case badRequest
        /// A JSON patch `test` failed or a path does not exist, or the result is not a valid object (422 Invalid).
        case invalid
        /// Server-side apply would take fields owned by other managers (409 Conflict).
        case conflict
    }

    public let code: Code
    public let message: String
    public let causes: [K8s.Status.Cause]

    public init(_ code: Code, _ message: String, causes: [K8s.Status.Cause] = []) {
        self.code = code
        self.message = message
        self.causes = causes
    }

    public var description: String { message }
}
