import NIOCore
import NIOHTTP1

/// Serves one client connection: routes each request to a deployment and pod, streams it there over a pooled
/// upstream connection on the same event loop, and streams the answer back as the scorer sent it (with a rewritten
/// head). Requests on a connection are handled one at a time: pipelined ones wait in `queued`.
final class ProxyHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    enum State {
        case idle
        /// The router answers itself once the request's body has been read (and dropped).
        case answering(HTTPResponseStatus, [(String, String)], [UInt8], keepAlive: Bool)
        case proxying(ProxyExchange)
        /// The answer went out before the request ended: the rest of its body is read and dropped.
        case draining(keepAlive: Bool)
        case closed
    }

    let router: RouterContext
    let pool: UpstreamPool
    var state = State.idle
    var context: ChannelHandlerContext?
    var generator = FastRandom()
    /// Between a read and its read-complete: writes upstream wait for the flush there, so a request's head and body
    /// leave in one segment.
    var reading = false
    /// Pipelined request parts read while an earlier answer was still being written.
    var queued = CircularBuffer<HTTPServerRequestPart>()
    /// The client's address, for X-Forwarded-For.
    private var clientAddress: String?
    var pausedReading = false

    init(router: RouterContext, pool: UpstreamPool) {
        self.router = router
        self.pool = pool
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        clientAddress = context.channel.remoteAddress?.ipAddress
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        reading = true
        let part = unwrapInboundIn(data)
        if queued.isEmpty, !isAnswering {
            handle(part, context: context)
        } else {
            // A pipelined request: it waits for the answer before it, and reading pauses meanwhile.
            queued.append(part)
            if !pausedReading { setReading(false) }
        }
    }

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head): received(head, context: context)
        case .body(let chunk): received(chunk)
        case .end: requestEnded(context: context)
        }
    }

    /// Whether a request was read whole and its answer is still being written (a new request must wait).
    var isAnswering: Bool {
        if case .proxying(let exchange) = state { return exchange.requestEnded }
        return false
    }

    /// Handles the pipelined requests that waited, once the answer before them is complete.
    func replayQueued() {
        guard let context else { return }
        while !isAnswering, let part = queued.popFirst() {
            if case .closed = state { return queued.removeAll() }
            handle(part, context: context)
        }
        if queued.isEmpty, pausedReading, !isAnswering { setReading(true) }
        if case .proxying(let exchange) = state { exchange.connection?.channel.flush() }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        reading = false
        if case .proxying(let exchange) = state { exchange.connection?.channel.flush() }
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // The client reads slower than the scorer answers: stop reading from the scorer until it catches up.
        if case .proxying(let exchange) = state {
            _ = exchange.connection?.channel.setOption(.autoRead, value: context.channel.isWritable)
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .proxying(let exchange) = state {
            state = .closed
            abandonUpstream(exchange)
            // 499, as nginx logs it: the client closed the connection before the answer ended.
            finish(exchange, status: exchange.responseStarted ? exchange.status : 499)
        }
        state = .closed
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else { return context.fireErrorCaught(error) }
        // A request that does not parse: answer 400 once, if no answer is under way, and close.
        if case .idle = state {
            let body = Array("{\"error\":{\"code\":\"BadRequest\",\"message\":\"malformed HTTP request: \(error)\"}}".utf8)
            context.writeAndFlush(wrapOutboundOut(RawResponse.complete(.badRequest,
                headers: [("Content-Type", "application/json")], body: body, keepAlive: false,
                allocator: context.channel.allocator)), promise: nil)
        }
        state = .closed
        context.close(promise: nil)
    }

    // MARK: Request

    private func received(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        if case .closed = state { return }
        let keepAlive = head.isKeepAlive
        do throws(RouterError) {
            switch try RequestTarget.parse(uri: head.uri, host: head.headers.first(name: "host"),
                domain: router.configuration.domain)
            {
            case .local(let local):
                let (status, type, body) = LocalRoutes.answer(local, router: router)
                state = .answering(status, [("Content-Type", type)], body, keepAlive: keepAlive)
            case .endpoint(let key, let uri):
                try start(head, key: key, uri: uri, context: context)
            }
        } catch {
            if case .payloadTooLarge = error {
                // Answered at once, so the client need not send it all; what it sends anyway is read and dropped
                // (closing at once would reset the connection before the client reads the answer).
                state = .draining(keepAlive: false)
                return writeError(error, keepAlive: false, close: false)
            }
            state = .answering(error.status, error.headers, error.body, keepAlive: keepAlive)
        }
    }

    private func start(_ head: HTTPRequestHead, key: EndpointKey, uri: String, context: ChannelHandlerContext)
        throws(RouterError)
    {
        if let length = head.headers.first(name: "content-length").flatMap(Int.init),
            length > router.configuration.maxBodyBytes
        {
            throw .payloadTooLarge(limit: router.configuration.maxBodyBytes)
        }
        let decision = try RoutingDecision(key: key, headers: head.headers, table: router.routes.current,
            using: &generator)
        let backend = decision.deployment.pods.choose(now: Self.now, using: &generator)
        guard backend != nil || decision.deployment.scalesToZero else {
            throw .noReadyPod(deployment: decision.deployment.name)
        }
        let requestID = head.headers.first(name: ForwardedHeaders.requestID) ?? RequestID.make(using: &generator)
        var upstreamHead = ForwardedHeaders.upstream(head, uri: uri, requestID: requestID,
            client: clientAddress)
        if upstreamHead.headers.first(name: "expect")?.lowercased() == "100-continue" {
            // Answered here: the body is read at once and streamed, so the client need not wait for the scorer's.
            upstreamHead.headers.remove(name: "expect")
            context.writeAndFlush(wrapOutboundOut(RawResponse.continueHead), promise: nil)
        }
        let exchange = ProxyExchange(decision: decision, head: upstreamHead, requestID: requestID,
            keepAlive: head.isKeepAlive, http10Client: head.version.minor == 0, backend: backend)
        router.exchangeStarted()
        decision.deployment.metrics.inFlight.increment()
        decision.deployment.metrics.routed.add(1, ordering: .relaxed)
        exchange.timeout = context.eventLoop.assumeIsolated().scheduleTask(in: router.configuration.requestTimeout) {
            [self] in timedOut()
        }
        state = .proxying(exchange)
        if let backend {
            backend.started()
            connect(to: backend)
        } else {
            waitForPod(exchange)
        }
    }

    private func received(_ chunk: ByteBuffer) {
        guard case .proxying(let exchange) = state else { return }
        exchange.bodyBytes += chunk.readableBytes
        guard exchange.bodyBytes <= router.configuration.maxBodyBytes else {
            return fail(exchange, .payloadTooLarge(limit: router.configuration.maxBodyBytes))
        }
        if exchange.mirrorBody != nil {
            if exchange.bodyBytes <= router.configuration.mirrorMaxBodyBytes {
                var copy = chunk
                exchange.mirrorBody?.writeBuffer(&copy)
            } else {
                exchange.mirrorBody = nil
                for mirror in exchange.decision.mirrors { mirror.metrics.mirrored(.dropped) }
            }
        }
        exchange.forward(.body(.byteBuffer(chunk)))
        if !pausedReading, exchange.connection.map({ !$0.channel.isWritable }) ?? (exchange.bodyBytes > Self.pendingLimit) {
            // The scorer (or the connection to it) is slower than the client: read on once it catches up.
            setReading(false)
        }
    }

    /// Monotonic nanoseconds, for pod ejection.
    static var now: UInt64 { NIODeadline.now().uptimeNanoseconds }

    /// Request bytes held while the upstream connection is being made, beyond which reading from the client pauses.
    static let pendingLimit = 256 * 1024

    private func requestEnded(context: ChannelHandlerContext) {
        switch state {
        case .answering(let status, let headers, let body, let keepAlive):
            state = keepAlive ? .idle : .closed
            write(status, headers: headers, body: body, keepAlive: keepAlive)
        case .draining(let keepAlive):
            state = keepAlive ? .idle : .closed
            if !keepAlive { closeAfterWrites() }
        case .proxying(let exchange):
            exchange.requestEnded = true
            exchange.forward(.end(nil))
            startMirrors(exchange)
        case .idle, .closed:
            break
        }
    }
}
