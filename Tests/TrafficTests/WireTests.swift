import NIOCore
import NIOHTTP1
import Testing

@testable import Traffic

@Suite struct ResponseHeadTests {
    private func parse(_ text: String, method: HTTPMethod = .POST) throws -> ResponseHead? {
        try ResponseHead.parse(ByteBuffer(string: text), method: method)
    }

    @Test func aHeadIsParsedOnceComplete() throws {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: keep-alive\r\n"
            + "X-Request-Id: theirs\r\nKeep-Alive: timeout=5\r\n\r\n{\"a\": 1}"
        #expect(try parse(String(text.prefix(40))) == nil)
        let head = try #require(try parse(text))
        #expect(head.status == 200)
        #expect(String(buffer: head.statusLine) == "200 OK")
        #expect(head.framing == .length(12))
        #expect(head.keepAlive)
        #expect(head.length == text.utf8.count - "{\"a\": 1}".utf8.count)
        // Hop-by-hop and the router's own headers are dropped; the rest pass byte for byte.
        #expect(String(buffer: head.headerLines) == "Content-Type: application/json\r\nContent-Length: 12\r\n")
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", HTTPMethod.POST, ResponseHead.Framing.chunked, true),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\n", .POST, .length(5), false),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", .HEAD, ResponseHead.Framing.none, true),
        ("HTTP/1.1 204 No Content\r\n\r\n", .POST, ResponseHead.Framing.none, true),
        ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", .POST, ResponseHead.Framing.none, true),
        ("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n", .GET, .untilClose, false),
        ("HTTP/1.0 200 OK\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\n", .GET, .length(3), true),
    ])
    func framingAndKeepAlive(text: String, method: HTTPMethod, framing: ResponseHead.Framing, keepAlive: Bool) throws {
        let head = try #require(try parse(text, method: method))
        #expect(head.framing == framing)
        #expect(head.keepAlive == keepAlive)
    }

    @Test(arguments: ["SMTP 200 OK\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"])
    func malformedHeadsAreRefused(text: String) {
        #expect(throws: ResponseHead.Malformed.self) { try parse(text) }
    }
}

@Suite struct BodyFramingTests {
    /// Feeds `text` in pieces of `step` bytes; returns the payload and how many bytes belonged to the body.
    private func run(_ framing: ResponseHead.Framing, _ text: String, step: Int) throws -> (String, Int, Bool) {
        var body = BodyFraming(framing)
        var payload = "", consumed = 0
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count, !body.isDone {
            let piece = ByteBuffer(bytes: bytes[offset..<min(offset + step, bytes.count)])
            let used = try body.consume(piece) { payload += String(buffer: $0) }
            consumed += used
            offset += piece.readableBytes
            if used < piece.readableBytes { break }
        }
        return (payload, consumed, body.isDone)
    }

    @Test(arguments: [1, 3, 1000])
    func aLengthEndsAfterItsBytes(step: Int) throws {
        let (payload, consumed, done) = try run(.length(5), "hello" + "HTTP/1.1 next", step: step)
        #expect(payload == "hello" && consumed == 5 && done)
    }

    @Test(arguments: [1, 2, 7, 1000])
    func chunksAreFollowedToTheLastOne(step: Int) throws {
        let message = "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"
        let (payload, consumed, done) = try run(.chunked, message + "NEXT", step: step)
        #expect(payload == "hello world")
        #expect(consumed == message.utf8.count && done)
    }

    @Test func untilCloseTakesEverything() throws {
        let (payload, consumed, done) = try run(.untilClose, "abc", step: 2)
        #expect(payload == "abc" && consumed == 3 && !done)
    }

    @Test(arguments: ["zz\r\nhello\r\n", "5\r\nhelloXY", "5\r\nhello\r\n0\r\n" + String(repeating: "x", count: 5000)])
    func brokenChunksAreRefused(message: String) {
        #expect(throws: BodyFraming.Malformed.self) { try run(.chunked, message, step: 1000) }
    }
}
