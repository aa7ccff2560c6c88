import NIOCore
import NIOHTTP1

/// Serves one client connection: routes each request to a deployment and pod, streams it there over a pooled
/// upstream connection on the same event loop, and streams the answer back. Requests on a connection are handled
/// one at a time (NIO's pipelining handler holds the next until this answer ends).
final class ProxyHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
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
    private var state = State.idle
    private var context: ChannelHandlerContext?
    private var generator = FastRandom()
    /// Between a read and its read-complete: writes upstream wait for the flush there, so a request's head and body
    /// leave in one segment.
    private var reading = false
    /// Pipelined request parts read while an earlier answer was still being written.
    private var queued = CircularBuffer<HTTPServerRequestPart>()
    /// The client's address, for X-Forwarded-For.
    private var clientAddress: String?
    private var pausedReading = false

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
    private var isAnswering: Bool {
        if case .proxying(let exchange) = state { return exchange.requestEnded }
        return false
    }

    /// Handles the pipelined requests that waited, once the answer before them is complete.
    private func replayQueued() {
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
                // The client may be sending a huge body: answer now and close instead of reading it all.
                state = .closed
                return writeError(error, keepAlive: false)
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
        guard let backend = decision.deployment.pods.choose(now: Self.now, using: &generator) else {
            throw .noReadyPod(deployment: decision.deployment.name)
        }
        let requestID = head.headers.first(name: ForwardedHeaders.requestID) ?? RequestID.make(using: &generator)
        var upstreamHead = ForwardedHeaders.upstream(head, uri: uri, requestID: requestID,
            client: clientAddress)
        if upstreamHead.headers.first(name: "expect")?.lowercased() == "100-continue" {
            // Answered here: the body is read at once and streamed, so the client need not wait for the scorer's.
            upstreamHead.headers.remove(name: "expect")
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))),
                promise: nil)
        }
        let exchange = ProxyExchange(decision: decision, head: upstreamHead, requestID: requestID,
            keepAlive: head.isKeepAlive, backend: backend)
        backend.started()
        router.exchangeStarted()
        decision.deployment.metrics.inFlight.increment()
        exchange.timeout = context.eventLoop.assumeIsolated().scheduleTask(in: router.configuration.requestTimeout) {
            [self] in timedOut()
        }
        state = .proxying(exchange)
        connect(to: backend)
    }

    private func received(_ chunk: ByteBuffer) {
        guard case .proxying(let exchange) = state else { return }
        exchange.bodyBytes += chunk.readableBytes
        guard exchange.bodyBytes <= router.configuration.maxBodyBytes else {
            return fail(exchange, .payloadTooLarge(limit: router.configuration.maxBodyBytes), closeClient: true)
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
            if !keepAlive { context.close(promise: nil) }
        case .proxying(let exchange):
            exchange.requestEnded = true
            exchange.forward(.end(nil))
            startMirrors(exchange)
        case .idle, .closed:
            break
        }
    }

    // MARK: Upstream connection

    private func connect(to backend: Backend) {
        pool.lease(backend) { [self] result in
            guard case .proxying(let exchange) = state, exchange.backend === backend, exchange.connection == nil else {
                // The exchange ended meanwhile (client gone, timed out): the connection is not needed.
                if case .success(let connection) = result { pool.release(connection) }
                return
            }
            switch result {
            case .success(let connection):
                exchange.connection = connection
                connection.handler.delegate = self
                for part in exchange.pending { connection.channel.write(part, promise: nil) }
                exchange.pending = []
                if !reading { connection.channel.flush() }
                if pausedReading, connection.channel.isWritable { setReading(true) }
            case .failure(let error):
                retryOrFail(exchange, reason: "\(error)")
            }
        }
    }

    /// A connect failure: nothing reached the pod, so the request goes once more to another pod.
    private func retryOrFail(_ exchange: ProxyExchange, reason: String) {
        let failed = exchange.backend
        failed.ejected(now: Self.now)
        if exchange.attempts < 2, let next = exchange.deployment.pods.choose(excluding: failed, now: Self.now, using: &generator) {
            exchange.attempts += 1
            exchange.deployment.metrics.retries.increment()
            failed.finished()
            next.started()
            exchange.backend = next
            return connect(to: next)
        }
        fail(exchange, .upstreamFailed(deployment: exchange.deployment.name, reason: "connecting to \(failed.address): \(reason)"),
            closeClient: false)
    }

    private func startMirrors(_ exchange: ProxyExchange) {
        guard let body = exchange.mirrorBody else { return }
        exchange.mirrorBody = nil
        for mirror in exchange.decision.mirrors {
            guard router.acquireMirrorSlot() else {
                mirror.metrics.mirrored(.dropped)
                continue
            }
            let pair = MirrorPair(metrics: mirror.metrics)
            exchange.mirrorPairs.append(pair)
            MirrorExchange(router: router, pool: pool, deployment: mirror, pair: pair, head: exchange.head, body: body)
                .start(using: &generator)
        }
    }
}

// MARK: - Answers

extension ProxyHandler: UpstreamDelegate {
    func upstreamReceived(_ part: HTTPClientResponsePart) {
        guard case .proxying(let exchange) = state, let context else { return }
        switch part {
        case .head(let head):
            guard head.status != .continue else { return }
            exchange.responseStarted = true
            exchange.status = Int(head.status.code)
            exchange.upstreamKeepAlive = head.isKeepAlive
            let downstream = ForwardedHeaders.downstream(head, deployment: exchange.deployment.name,
                requestID: exchange.requestID, keepAlive: exchange.keepAlive)
            context.write(wrapOutboundOut(.head(downstream)), promise: nil)
        case .body(let chunk):
            if let kept = exchange.responseCopy, !exchange.mirrorPairs.isEmpty || exchange.mirrorBody != nil {
                exchange.responseCopy = kept.count + chunk.readableBytes <= router.configuration.mirrorMaxBodyBytes
                    ? kept + chunk.readableBytesView : nil
            }
            context.write(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
        case .end(let trailers):
            let reusable = exchange.requestEnded && exchange.upstreamKeepAlive
            if let connection = exchange.connection {
                reusable ? pool.release(connection) : connection.channel.close(promise: nil)
                exchange.connection = nil
            }
            let keepAlive = exchange.keepAlive
            finish(exchange, status: exchange.status)
            state = exchange.requestEnded ? (keepAlive ? .idle : .closed) : .draining(keepAlive: keepAlive)
            if !keepAlive, exchange.requestEnded {
                context.writeAndFlush(wrapOutboundOut(.end(trailers))).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            } else {
                context.writeAndFlush(wrapOutboundOut(.end(trailers)), promise: nil)
            }
            replayQueued()
        }
    }

    func upstreamReadComplete() { context?.flush() }

    func upstreamWritabilityChanged(isWritable: Bool) {
        if pausedReading == isWritable { setReading(isWritable) }
    }

    /// Pauses or resumes reading from the client (backpressure from the upstream side).
    private func setReading(_ on: Bool) {
        pausedReading = !on
        _ = context?.channel.setOption(.autoRead, value: on)
    }

    func upstreamClosed(_ error: (any Error)?) {
        guard case .proxying(let exchange) = state else { return }
        exchange.connection = nil
        let reason = error.map { "\($0)" } ?? "the scorer closed the connection before answering"
        fail(exchange, .upstreamFailed(deployment: exchange.deployment.name, reason: reason), closeClient: false)
    }

    private func timedOut() {
        guard case .proxying(let exchange) = state else { return }
        let seconds = Double(router.configuration.requestTimeout.nanoseconds) / 1e9
        abandonUpstream(exchange)
        fail(exchange, .upstreamTimeout(deployment: exchange.deployment.name, seconds: seconds), closeClient: false)
    }

    /// Ends the exchange with the router's own error answer; once part of the scorer's answer went out, the client
    /// connection is closed instead (the answer cannot be completed).
    private func fail(_ exchange: ProxyExchange, _ error: RouterError, closeClient: Bool) {
        abandonUpstream(exchange)
        if exchange.responseStarted {
            finish(exchange, status: exchange.status)
            state = .closed
            context?.close(promise: nil)
            return
        }
        finish(exchange, status: Int(error.status.code))
        let keepAlive = exchange.keepAlive && !closeClient
        if !keepAlive {
            state = .closed
        } else {
            state = exchange.requestEnded ? .idle : .draining(keepAlive: true)
        }
        writeError(error, keepAlive: keepAlive)
        replayQueued()
    }

    private func abandonUpstream(_ exchange: ProxyExchange) {
        guard let connection = exchange.connection else { return }
        connection.handler.delegate = nil
        connection.channel.close(promise: nil)
        exchange.connection = nil
    }

    /// Records the request's end: metrics, the pod's in-flight count, the deadline, the mirrors' comparison.
    private func finish(_ exchange: ProxyExchange, status: Int) {
        exchange.timeout?.cancel()
        exchange.backend.finished()
        router.exchangeFinished()
        let metrics = exchange.deployment.metrics
        metrics.inFlight.decrement()
        metrics.finished(status: status, nanoseconds: exchange.elapsed.nanoseconds)
        let outcome = exchange.responseStarted && status < 600
            ? MirrorPair.Outcome(status: status, body: exchange.responseCopy, seconds: exchange.elapsed.seconds) : nil
        for pair in exchange.mirrorPairs { pair.primaryFinished(outcome) }
        exchange.mirrorPairs = []
    }

    private func writeError(_ error: RouterError, keepAlive: Bool) {
        write(error.status, headers: error.headers, body: error.body, keepAlive: keepAlive)
    }

    private func write(_ status: HTTPResponseStatus, headers: [(String, String)], body: [UInt8], keepAlive: Bool) {
        guard let context else { return }
        var fields = HTTPHeaders(headers)
        fields.replaceOrAdd(name: "Content-Length", value: String(body.count))
        if !keepAlive { fields.replaceOrAdd(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: fields))),
            promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        guard !keepAlive else { return context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
