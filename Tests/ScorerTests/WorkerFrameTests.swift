import NIOCore
import NIOEmbedded
import Testing

@testable import Scorer

@Suite struct WorkerFrameTests {
    private func decode(_ bytes: [UInt8]) throws -> [WorkerFrame] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(WorkerFrameDecoder()))
        try channel.writeInbound(ByteBuffer(bytes: bytes))
        var frames: [WorkerFrame] = []
        while let frame = try channel.readInbound(as: WorkerFrame.self) { frames.append(frame) }
        return frames
    }

    @Test func framesSplitAcrossReadsAndBatched() throws {
        let one: [UInt8] = [0, 0, 0, 3, 0x41, 7, 8]
        let two: [UInt8] = [0, 0, 0, 1, 0x53]
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(WorkerFrameDecoder()))
        try channel.writeInbound(ByteBuffer(bytes: one.prefix(3)))
        #expect(try channel.readInbound(as: WorkerFrame.self) == nil)
        try channel.writeInbound(ByteBuffer(bytes: one.dropFirst(3) + two))
        let first = try #require(try channel.readInbound(as: WorkerFrame.self))
        #expect(first.kind == .answer && Array(first.payload.readableBytesView) == [7, 8])
        #expect(try channel.readInbound(as: WorkerFrame.self)?.kind == .started)
    }

    @Test(arguments: [[0, 0, 0, 0, 0x41], [0, 0, 0, 1, 0x7A], [0xFF, 0xFF, 0xFF, 0xFF, 0x41]] as [[UInt8]])
    func malformedFramesAreProtocolErrors(bytes: [UInt8]) {
        #expect(throws: ScorerError.self) { try decode(bytes) }
    }

    @Test func answerPayloadParses() throws {
        var payload = ByteBuffer()
        let block = "Content-Type:application/json\nx-ms-run-function-failed:False\n"
        payload.writeInteger(UInt16(201))
        payload.writeInteger(UInt32(block.utf8.count))
        payload.writeString(block)
        payload.writeString("{\"a\": 1}")
        let answer = try WorkerAnswer(payload: payload)
        #expect(answer.status == 201)
        #expect(answer.headers.map(\.0) == ["Content-Type", "x-ms-run-function-failed"])
        #expect(answer.headers.map(\.1) == ["application/json", "False"])
        #expect(String(buffer: answer.body) == "{\"a\": 1}")
    }

    @Test func truncatedAnswerIsAnError() {
        #expect(throws: ScorerError.self) { try WorkerAnswer(payload: ByteBuffer(bytes: [0, 200, 0, 0, 0, 9, 65])) }
    }

    @Test func requestFrameLayout() {
        let request = WorkerRequest(
            method: "POST", query: "a=1", headers: [("X-Custom", "v")], body: ByteBuffer(string: "body"))
        var frame = request.frame(allocator: ByteBufferAllocator())
        let length = frame.readInteger(as: UInt32.self)
        #expect(Int(length!) == frame.readableBytes)
        #expect(frame.readInteger(as: UInt8.self) == WorkerFrame.Kind.run.rawValue)
        let metaLength = Int(frame.readInteger(as: UInt32.self)!)
        #expect(frame.readString(length: metaLength) == "POST\na=1\nX-Custom:v")
        #expect(String(buffer: frame) == "body")
    }
}
