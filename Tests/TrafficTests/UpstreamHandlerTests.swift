import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import Traffic

/// What an exchange saw of one answer.
private final class Recorder: UpstreamDelegate {
    var heads: [Int] = []
    var raw = ""
    var payloadPieces = ""
    var ended: (payload: String?, reusable: Bool)?
    var closed = false

    func upstreamHead(_ head: ResponseHead) { heads.append(head.status) }
    func upstreamBody(_ raw: ByteBuffer) { self.raw += String(buffer: raw) }
    func upstreamPayload(_ piece: ByteBuffer) { payloadPieces += String(buffer: piece) }
    func upstreamEnd(payload: ByteBuffer?, reusable: Bool) { ended = (payload.map { String(buffer: $0) }, reusable) }
    func upstreamReadComplete() {}
    func upstreamWritabilityChanged(isWritable: Bool) {}
    func upstreamClosed(_ error: (any Error)?) { closed = true }
}

@Suite struct UpstreamHandlerTests {
    private func channel() throws -> (EmbeddedChannel, UpstreamHandler) {
        let handler = UpstreamHandler()
        let channel = EmbeddedChannel(handler: handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 5001)).wait()
        return (channel, handler)
    }

    private func feed(_ channel: EmbeddedChannel, _ pieces: [String]) throws {
        for piece in pieces { try channel.writeInbound(ByteBuffer(string: piece)) }
    }

    @Test func anAnswerInPiecesPassesThroughRawAndEndsReusable() throws {
        let (channel, handler) = try channel()
        let recorder = Recorder()
        handler.begin(method: .POST, delegate: recorder, payloadLimit: 100)
        try feed(channel, ["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-", "Length: 5\r\n\r\nhe", "llo"])
        #expect(recorder.heads == [200])
        #expect(recorder.raw == "hello")
        #expect(recorder.ended?.payload == "hello" && recorder.ended?.reusable == true)
        #expect(channel.isActive)
    }

    @Test func chunksPassAsTheyCameAndThePayloadWithoutThem() throws {
        let (channel, handler) = try channel()
        let recorder = Recorder()
        handler.begin(method: .GET, delegate: recorder, streamPayload: true)
        try feed(channel, ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab", "c\r\n0\r\n\r\n"])
        #expect(recorder.raw == "3\r\nabc\r\n0\r\n\r\n")
        #expect(recorder.payloadPieces == "abc")
        #expect(recorder.ended?.payload == nil && recorder.ended?.reusable == true)
    }

    @Test func bytesAfterTheAnswerMakeTheConnectionUnfitForReuse() throws {
        let (channel, handler) = try channel()
        let recorder = Recorder()
        handler.begin(method: .GET, delegate: recorder)
        try feed(channel, ["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"])
        #expect(recorder.raw == "ok" && recorder.ended?.reusable == false)
    }

    @Test func aHeadThatIsNotHTTPClosesTheConnectionAndTellsTheExchange() throws {
        let (channel, handler) = try channel()
        let recorder = Recorder()
        handler.begin(method: .GET, delegate: recorder)
        try feed(channel, ["SSH-2.0-OpenSSH\r\n\r\n"])
        #expect(!channel.isActive && recorder.closed && recorder.ended == nil)
    }

    @Test func aCloseDelimitedAnswerEndsWithTheConnection() throws {
        let (channel, handler) = try channel()
        let recorder = Recorder()
        handler.begin(method: .GET, delegate: recorder, payloadLimit: 100)
        try feed(channel, ["HTTP/1.0 200 OK\r\n\r\nuntil", " close"])
        #expect(recorder.ended == nil)
        try channel.close().wait()
        #expect(recorder.ended?.payload == "until close" && recorder.ended?.reusable == false && !recorder.closed)
    }

    @Test func aCloseMidAnswerIsAFailure() throws {
        let (channel, handler) = try channel()
        let recorder = Recorder()
        handler.begin(method: .GET, delegate: recorder)
        try feed(channel, ["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"])
        try channel.close().wait()
        #expect(recorder.closed && recorder.ended == nil)
    }

    @Test func anIdleConnectionThatCloses() throws {
        let (channel, handler) = try channel()
        var told = false
        handler.closedWhileIdle = { told = true }
        try channel.close().wait()
        #expect(told)
    }
}
