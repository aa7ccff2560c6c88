import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests, as pure functions of their inputs (the time included).
enum S3Signer {
    static let unsignedPayload = "UNSIGNED-PAYLOAD"
    static let algorithm = "AWS4-HMAC-SHA256"

    struct Credentials: Sendable, Hashable {
        var accessKeyID: String
        var secretAccessKey: String
    }

    /// The `Authorization` header value for a request. `url` is the request URL as sent (its path already
    /// percent-encoded); `headers` are the headers to sign (they must include `host` and `x-amz-date`).
    static func authorization(
        method: String, url: URL, headers: [(name: String, value: String)], payloadHash: String, date: Date,
        region: String, service: String = "s3", credentials: Credentials
    ) -> String {
        let canonicalHeaders = headers
            .map { (name: $0.name.lowercased(), value: $0.value.trimmingCharacters(in: .whitespaces)) }
            .sorted { $0.name < $1.name }
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? ""
        let query = (components?.percentEncodedQuery ?? "")
            .split(separator: "&").map(String.init).sorted().joined(separator: "&")
        let canonicalRequest = [
            method, path.isEmpty ? "/" : path, query,
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let timestamp = amzDate(date)
        let scope = "\(timestamp.prefix(8))/\(region)/\(service)/aws4_request"
        let stringToSign = [algorithm, timestamp, scope, SHA256Hex.string(SHA256.hash(data: Data(canonicalRequest.utf8)))]
            .joined(separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [String(timestamp.prefix(8)), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = SHA256Hex.string(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        return "\(algorithm) Credential=\(credentials.accessKeyID)/\(scope),SignedHeaders=\(signedHeaders),"
            + "Signature=\(signature)"
    }

    /// A signed path-style GET of `<endpoint>/<bucket>/<key>`: the URL to request and every header to send.
    static func signedGet(
        bucket: String, key: String, configuration: S3Configuration, date: Date
    ) throws(ModelFetchError) -> (url: URL, headers: [(name: String, value: String)]) {
        let decodedKey = key.removingPercentEncoding ?? key
        let path = "/" + ([bucket] + decodedKey.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
            .map(encode).joined(separator: "/")
        guard let url = URL(string: configuration.endpoint + path), let host = url.host else {
            throw ModelFetchError(
                .badArguments,
                "AWS_ENDPOINT_URL \"\(configuration.endpoint)\": expected a URL like https://s3.us-east-1.amazonaws.com")
        }
        var headers: [(name: String, value: String)] = [
            ("host", url.port.map { "\(host):\($0)" } ?? host),
            ("x-amz-content-sha256", unsignedPayload),
            ("x-amz-date", amzDate(date)),
        ]
        if let token = configuration.sessionToken { headers.append(("x-amz-security-token", token)) }
        let credentials = Credentials(
            accessKeyID: configuration.accessKeyID, secretAccessKey: configuration.secretAccessKey)
        let authorization = authorization(
            method: "GET", url: url, headers: headers, payloadHash: unsignedPayload, date: date,
            region: configuration.region, credentials: credentials)
        return (url, headers + [("authorization", authorization)])
    }

    /// `20130524T000000Z`: the time in UTC, as SigV4 wants it.
    static func amzDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }

    /// RFC 3986 percent-encoding of one path segment, as SigV4 wants it (unreserved characters kept).
    static func encode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
