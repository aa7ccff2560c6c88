/// Why a model could not be fetched: the one error type of `ModelFetch`. The message says what was wrong and what
/// was expected; `code` is what callers branch on.
public struct ModelFetchError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The arguments do not describe a fetch that can be done (bad URI, missing --source-root, ...).
        case badArguments
        /// A credentials file that the scheme needs is missing or empty.
        case missingCredentials
        /// The model is not there: HTTP 404, or no such file in the volume.
        case notFound
        /// HTTP 401 or 403.
        case unauthorized
        /// No HTTP response: connection refused, DNS failure, TLS failure.
        case unreachable
        /// Any other non-2xx HTTP status.
        case httpStatus
        /// The fetched bytes do not have the expected SHA-256.
        case checksumMismatch
        /// A tar archive that cannot be extracted safely, or a format that is not supported.
        case invalidArchive
        /// Reading or writing local files failed.
        case io
        /// The whole fetch did not finish within the time limit.
        case timeout
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension ModelFetchError {
    static func io(_ what: String, _ error: any Error) -> ModelFetchError {
        ModelFetchError(.io, "\(what): \(error)")
    }
}
