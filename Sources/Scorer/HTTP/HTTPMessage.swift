import NIOCore
import NIOHTTP1

/// A whole HTTP request as the scorer's routes see it (the body is read completely, within the limit).
public struct ScorerRequest: Sendable {
    public var method: HTTPMethod
    public var path: String
    public var query: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    init(head: HTTPRequestHead, body: ByteBuffer) {
        let uri = head.uri
        let question = uri.firstIndex(of: "?")
        self.method = head.method
        self.path = String(uri[..<(question ?? uri.endIndex)])
        self.query = question.map { String(uri[uri.index(after: $0)...]) } ?? ""
        self.headers = head.headers
        self.body = body
    }

    /// The value of one query parameter, percent-decoded (first occurrence).
    func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0] == name {
                return parts.count > 1 ? String(parts[1]).percentDecoded : ""
            }
        }
        return nil
    }
}

/// A whole HTTP response.
public struct ScorerResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func text(_ status: HTTPResponseStatus, _ text: String, contentType: String) -> ScorerResponse {
        ScorerResponse(status: status, headers: ["Content-Type": contentType], body: ByteBuffer(string: text))
    }
}

extension String {
    /// Percent-decoding for query values ("+" is a space, as in forms).
    fileprivate var percentDecoded: String? {
        var bytes: [UInt8] = []
        var iterator = self.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
