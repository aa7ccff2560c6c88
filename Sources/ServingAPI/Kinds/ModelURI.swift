/// A validated model location: `https://host/path`, `http://host/path`, `s3://bucket/key`,
/// `pvc://<claim>/<path>`, `configmap://<name>/<key>` or `file:///absolute/path` (local mode).
public struct ModelURI: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable, Hashable, CaseIterable {
        case https, http, s3, pvc, configmap, file
    }

    public let scheme: Scheme
    /// The host (http, https), bucket (s3), claim (pvc) or ConfigMap name; empty for `file`.
    public let authority: String
    /// What follows the authority, without the leading '/' (the object key, the path in the claim, the
    /// ConfigMap key); for `file`, the absolute path with its leading '/'.
    public let path: String
    public let description: String

    public static let pattern = "^(https?|s3|pvc|configmap|file)://.+$"

    public init(_ text: String, field: String = "uri") throws(ServingAPIError) {
        let expected = "expected <scheme>://..., scheme one of " + Scheme.allCases.map(\.rawValue).joined(separator: ", ")
        guard let separator = text.firstRange(of: "://") else { throw .invalid(field, "\"\(text)\": \(expected)") }
        guard let scheme = Scheme(rawValue: String(text[..<separator.lowerBound])) else {
            throw .invalid(field, "unsupported scheme in \"\(text)\": \(expected)")
        }
        guard !text.contains(where: { $0.isWhitespace }) else {
            throw .invalid(field, "\"\(text)\" contains whitespace: expected a URI (percent-encode spaces)")
        }
        let rest = text[separator.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = String(rest[..<slash])
        let path = slash == rest.endIndex ? "" : String(rest[rest.index(after: slash)...])
        self.scheme = scheme
        self.description = text
        if scheme == .file {
            guard authority.isEmpty, !path.isEmpty else {
                throw .invalid(field, "\"\(text)\": expected file:///absolute/path (three slashes, no host)")
            }
            self.authority = ""
            self.path = "/" + path
            return
        }
        self.authority = authority
        self.path = path
        try check(field: field)
    }

    private func check(field: String) throws(ServingAPIError) {
        switch scheme {
        case .http, .https:
            guard !authority.isEmpty else { throw .invalid(field, "\"\(description)\": expected a host after //") }
        case .s3:
            guard !authority.isEmpty, !path.isEmpty else {
                throw .invalid(field, "\"\(description)\": expected s3://<bucket>/<key>")
            }
        case .pvc:
            guard DNS1123.isSubdomain(authority), !path.isEmpty else {
                throw .invalid(field, "\"\(description)\": expected pvc://<claim name>/<path in the volume>")
            }
        case .configmap:
            guard DNS1123.isSubdomain(authority), !path.isEmpty, !path.contains("/") else {
                throw .invalid(field, "\"\(description)\": expected configmap://<name>/<key>")
            }
        case .file:
            break
        }
    }
}
