import NIOCore
import NIOHTTP1

/// The head of a scorer's response, read from the raw bytes without decoding every header into strings: its status,
/// how its body is framed, whether the connection stays open, and its header lines minus those that stay on the hop
/// (the router writes them through as they are, adding its own).
struct ResponseHead: Equatable {
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
        /// HTTP/1.0 style: the body ends when the connection closes.
        case untilClose
    }

    /// The status line after "HTTP/1.x ", without CRLF (e.g. "200 OK").
    var statusLine: ByteBuffer
    var status: Int
    var framing: Framing
    var keepAlive: Bool
    /// The header lines kept, each ending in CRLF.
    var headerLines: ByteBuffer
    /// The bytes of the head, through its blank line.
    var length: Int

    static let maxLength = 64 * 1024

    struct Malformed: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Header names the router drops from the scorer's answer: hop-by-hop ones (Transfer-Encoding too: the router
    /// writes its own when it passes a chunked body on), and those it sets itself.
    static let dropped: [[UInt8]] = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "te", "trailer", "upgrade",
        "transfer-encoding",
        ForwardedHeaders.requestID, RoutingDecision.pinHeader, RoutingDecision.pinAlias,
    ].map { Array($0.utf8) }

    /// Parses a head at the start of `buffer`; `nil` while it is incomplete. `method` is the request's (a HEAD
    /// request's answer has no body).
    static func parse(_ buffer: ByteBuffer, method: HTTPMethod) throws(Malformed) -> ResponseHead? {
        let bytes = buffer.readableBytesView
        guard let end = headEnd(bytes) else {
            if bytes.count > maxLength { throw Malformed(description: "response head over \(maxLength) bytes") }
            return nil
        }
        var lines = HeadLines(bytes: bytes, end: end)
        guard let first = lines.next(), first.count > 9,
            bytes[first.lowerBound..<first.lowerBound + 7].elementsEqual("HTTP/1.".utf8)
        else { throw Malformed(description: "no HTTP/1.x status line") }
        let http10 = bytes[first.lowerBound + 7] == UInt8(ascii: "0")
        let statusStart = first.lowerBound + 9
        guard let status = Int(String(decoding: bytes[statusStart..<min(statusStart + 3, first.upperBound)], as: UTF8.self)),
            (100...999).contains(status)
        else { throw Malformed(description: "bad status code") }

        var kept = ByteBuffer()
        var contentLength: Int?
        var chunked = false
        var connectionClose = false, connectionKeepAlive = false
        while let line = lines.next() {
            guard let colon = bytes[line].firstIndex(of: UInt8(ascii: ":")) else {
                throw Malformed(description: "header line without ':'")
            }
            let name = bytes[line.lowerBound..<colon]
            let value = trimmed(bytes[(colon + 1)..<line.upperBound])
            if equalsLowercased(name, "content-length") {
                guard let length = Int(String(decoding: value, as: UTF8.self)), length >= 0 else {
                    throw Malformed(description: "bad Content-Length")
                }
                contentLength = length
            } else if equalsLowercased(name, "transfer-encoding") {
                chunked = String(decoding: value, as: UTF8.self).lowercased().hasSuffix("chunked")
            } else if equalsLowercased(name, "connection") {
                let tokens = String(decoding: value, as: UTF8.self).lowercased()
                connectionClose = connectionClose || tokens.contains("close")
                connectionKeepAlive = tokens.contains("keep-alive")
            }
            if !dropped.contains(where: { equalsLowercased(name, $0) }) {
                kept.writeBytes(bytes[line.lowerBound..<line.upperBound])
                kept.writeStaticString("\r\n")
            }
        }
        let keepAlive = http10 ? connectionKeepAlive && !connectionClose : !connectionClose
        let framing: Framing
        if method == .HEAD || status < 200 || status == 204 || status == 304 {
            framing = .none
        } else if chunked {
            framing = .chunked
        } else if let contentLength {
            framing = contentLength == 0 ? .none : .length(contentLength)
        } else {
            framing = .untilClose
        }
        return ResponseHead(
            statusLine: ByteBuffer(bytes: bytes[statusStart..<first.upperBound]), status: status, framing: framing,
            keepAlive: keepAlive && framing != .untilClose, headerLines: kept, length: end - bytes.startIndex)
    }

    /// The index just past the head's blank line (CRLF CRLF), if it has arrived.
    private static func headEnd(_ bytes: ByteBufferView) -> Int? {
        var index = bytes.startIndex
        while index + 3 < bytes.endIndex {
            if bytes[index + 3] == 10, bytes[index + 2] == 13, bytes[index + 1] == 10, bytes[index] == 13 {
                return index + 4
            }
            index += 1
        }
        return nil
    }

    private static func trimmed(_ bytes: ByteBufferView.SubSequence) -> ByteBufferView.SubSequence {
        var value = bytes
        while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
        while let last = value.last, last == 32 || last == 9 { value = value.dropLast() }
        return value
    }

    static func equalsLowercased(_ name: ByteBufferView.SubSequence, _ lowercase: String) -> Bool {
        equalsLowercased(name, Array(lowercase.utf8))
    }

    static func equalsLowercased(_ name: ByteBufferView.SubSequence, _ lowercase: [UInt8]) -> Bool {
        guard name.count == lowercase.count else { return false }
        return zip(name, lowercase).allSatisfy { byte, expected in
            (byte >= 65 && byte <= 90 ? byte + 32 : byte) == expected
        }
    }
}

/// The lines of a head (CRLF-separated), up to its blank line.
private struct HeadLines {
    let bytes: ByteBufferView
    let end: Int
    var position: Int

    init(bytes: ByteBufferView, end: Int) {
        self.bytes = bytes
        self.end = end - 2
        self.position = bytes.startIndex
    }

    mutating func next() -> Range<Int>? {
        guard position < end else { return nil }
        var index = position
        while index + 1 < end + 2, !(bytes[index] == 13 && bytes[index + 1] == 10) { index += 1 }
        defer { position = index + 2 }
        return position..<index
    }
}
