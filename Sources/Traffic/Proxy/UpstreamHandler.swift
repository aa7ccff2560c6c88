import NIOCore
import NIOHTTP1

/// Whoever is using an upstream connection for one exchange: a proxied request or a mirrored copy.
protocol UpstreamDelegate: AnyObject {
    /// The answer's head (interim 1xx heads are skipped).
    func upstreamHead(_ head: ResponseHead)
    /// Raw bytes of the answer's body, framing included, as they arrived.
    func upstreamBody(_ raw: ByteBuffer)
    /// The body's data without framing, piece by piece, when `begin` asked for it (`streamPayload`).
    func upstreamPayload(_ piece: ByteBuffer)
    /// The answer ended. `payload`: its body without framing, when asked for and within the limit.
    /// `reusable`: the connection may carry the next request.
    func upstreamEnd(payload: ByteBuffer?, reusable: Bool)
    func upstreamReadComplete()
    func upstreamWritabilityChanged(isWritable: Bool)
    /// The connection closed or failed before the answer ended.
    func upstreamClosed(_ error: (any Error)?)
}

/// The inbound end of an upstream (router → scorer) connection. The request goes out through NIO's encoder; the
/// answer comes back as raw bytes: only its head is parsed (`ResponseHead`) and its body's end found
/// (`BodyFraming`), and the bytes pass on unchanged, so the router neither decodes nor re-encodes the scorer's answer.
final class UpstreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private struct Answer {
        let method: HTTPMethod
        let payloadLimit: Int?
        let streamPayload: Bool
        var headBytes = ByteBuffer()
        var head: ResponseHead?
        var body = BodyFraming(.none)
        var payload: ByteBuffer? = ByteBuffer()
    }

    weak var delegate: (any UpstreamDelegate)?
    /// Called once when the channel closes while no exchange holds it.
    var closedWhileIdle: (() -> Void)?
    private var answer: Answer?
    private var failure: (any Error)?

    /// Starts reading the answer to a request with `method`; `payloadLimit` keeps its body (up to that size) for
    /// the delegate, `streamPayload` hands it the body's data as it comes.
    func begin(method: HTTPMethod, delegate: any UpstreamDelegate, payloadLimit: Int? = nil, streamPayload: Bool = false) {
        self.delegate = delegate
        answer = Answer(method: method, payloadLimit: payloadLimit, streamPayload: streamPayload)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard var answer, let delegate else {
            // Bytes on an idle connection: the next answer could not be told apart from them.
            return context.close(promise: nil)
        }
        var buffer = unwrapInboundIn(data)
        do throws(any Error) {
            while answer.head == nil {
                answer.headBytes.writeBuffer(&buffer)
                guard let head = try ResponseHead.parse(answer.headBytes, method: answer.method) else {
                    return self.answer = answer
                }
                answer.headBytes.moveReaderIndex(forwardBy: head.length)
                buffer = answer.headBytes
                answer.headBytes = ByteBuffer()
                // An interim answer (100 Continue) is skipped: the real one follows.
                guard head.status >= 200 else { continue }
                answer.head = head
                answer.body = BodyFraming(head.framing)
                self.answer = answer
                delegate.upstreamHead(head)
            }
            try body(buffer, &answer, delegate, context: context)
        } catch {
            self.answer = nil
            failure = error
            context.close(promise: nil)
        }
    }

    private func body(
        _ buffer: ByteBuffer, _ answer: inout Answer, _ delegate: any UpstreamDelegate, context: ChannelHandlerContext
    ) throws {
        var payload = answer.payload
        let limit = answer.payloadLimit, stream = answer.streamPayload
        let used = try answer.body.consume(buffer) { piece in
            if stream { delegate.upstreamPayload(piece) }
            guard let limit, var kept = payload else { return }
            var piece = piece
            if kept.readableBytes + piece.readableBytes <= limit { kept.writeBuffer(&piece) } else { payload = nil; return }
            payload = kept
        }
        answer.payload = payload
        if used > 0 { delegate.upstreamBody(buffer.getSlice(at: buffer.readerIndex, length: used)!) }
        guard answer.body.isDone else { return self.answer = answer }
        self.answer = nil
        self.delegate = nil
        // Bytes after the answer's end mean the connection cannot be trusted with another request.
        let reusable = (answer.head?.keepAlive ?? false) && used == buffer.readableBytes
        delegate.upstreamEnd(payload: limit == nil ? nil : answer.payload, reusable: reusable)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        delegate?.upstreamReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        delegate?.upstreamWritabilityChanged(isWritable: context.channel.isWritable)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failure = error
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let delegate {
            self.delegate = nil
            if let answer, answer.head != nil, answer.body.isUntilClose {
                // An answer without length ends with its connection.
                delegate.upstreamEnd(payload: answer.payloadLimit == nil ? nil : answer.payload, reusable: false)
            } else {
                delegate.upstreamClosed(failure)
            }
        } else {
            closedWhileIdle?()
            closedWhileIdle = nil
        }
        answer = nil
        context.fireChannelInactive()
    }
}

/// A leased upstream connection.
struct UpstreamConnection {
    let channel: any Channel
    let handler: UpstreamHandler
    let backend: Backend
}
