import NIOCore

/// One frame of the worker protocol: a u32 big-endian length of what follows, a type byte, the payload.
/// The same layout both ways; see `Python/worker_shim.py` for the other side.
struct WorkerFrame: Equatable {
    enum Kind: UInt8 {
        /// scorer → worker: run this request.
        case run = 0x52  // "R"
        /// worker → scorer: `init()` finished; the payload is the swagger documents (JSON).
        case started = 0x53  // "S"
        /// worker → scorer: loading or `init()` failed; the payload is the traceback.
        case failed = 0x45  // "E"
        /// worker → scorer: the answer to the request it ran.
        case answer = 0x41  // "A"
    }

    var kind: Kind
    var payload: ByteBuffer

    static let maxLength = 512 * 1024 * 1024
}

/// Splits the worker's output into frames. Any malformed frame is a protocol error that ends the worker.
struct WorkerFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = WorkerFrame

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        guard length >= 1, length <= WorkerFrame.maxLength else {
            throw ScorerError.workerProtocol("frame length \(length) is outside 1...\(WorkerFrame.maxLength)")
        }
        guard buffer.readableBytes >= 4 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        let rawKind = buffer.readInteger(as: UInt8.self)!
        let payload = buffer.readSlice(length: Int(length) - 1)!
        guard let kind = WorkerFrame.Kind(rawValue: rawKind) else {
            throw ScorerError.workerProtocol("unknown frame type \(rawKind)")
        }
        context.fireChannelRead(wrapInboundOut(WorkerFrame(kind: kind, payload: payload)))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// What a worker answered for one request: status, headers and body as `run()` made them.
struct WorkerAnswer: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: ByteBuffer

    /// Parses an `answer` frame's payload: u16 status, u32 header block length, "name:value\n" lines, body.
    init(payload: ByteBuffer) throws(ScorerError) {
        var buffer = payload
        guard let status = buffer.readInteger(as: UInt16.self),
            let blockLength = buffer.readInteger(as: UInt32.self),
            let block = buffer.readString(length: Int(blockLength))
        else { throw .workerProtocol("truncated answer frame") }
        self.status = Int(status)
        self.headers = block.split(separator: "\n").map { line in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            let value = colon < line.endIndex ? line[line.index(after: colon)...] : ""
            return (String(line[..<colon]), String(value))
        }
        self.body = buffer
    }
}

/// The request as the worker needs it: method, query, headers, raw body.
struct WorkerRequest: Sendable {
    var method: String
    var query: String
    var headers: [(String, String)]
    var body: ByteBuffer

    /// The `run` frame: u32 meta length, "method\nquery\nname:value\n...", then the body.
    func frame(allocator: ByteBufferAllocator) -> ByteBuffer {
        var meta = method + "\n" + query
        for (name, value) in headers { meta += "\n\(name):\(value)" }
        let metaBytes = meta.utf8.count
        var buffer = allocator.buffer(capacity: 9 + metaBytes + body.readableBytes)
        buffer.writeInteger(UInt32(1 + 4 + metaBytes + body.readableBytes))
        buffer.writeInteger(WorkerFrame.Kind.run.rawValue)
        buffer.writeInteger(UInt32(metaBytes))
        buffer.writeString(meta)
        var body = body
        buffer.writeBuffer(&body)
        return buffer
    }
}
