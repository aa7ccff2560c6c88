import NIOCore
import NIOHTTP1

// The upstream half of a client connection: leasing a pod's connection, retrying once, mirrors, the scorer's answer
// passed through, and the router's own answers when the scorer cannot give one.
extension ProxyHandler {

    func connect(to backend: Backend) {
        pool.lease(backend) { [self] result in
            guard case .proxying(let exchange) = state, exchange.backend === backend, exchange.connection == nil else {
                // The exchange ended meanwhile (client gone, timed out): the connection is not needed.
                if case .success(let connection) = result { pool.release(connection) }
                return
            }
            switch result {
            case .success(let connection):
                exchange.connection = connection
                connection.handler.begin(method: exchange.head.method, delegate: self,
                    payloadLimit: exchange.decision.mirrors.isEmpty ? nil : router.configuration.mirrorMaxBodyBytes,
                    streamPayload: exchange.http10Client)
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
    func retryOrFail(_ exchange: ProxyExchange, reason: String) {
        guard let failed = exchange.backend else { return }
        failed.ejected(now: Self.now)
        if exchange.attempts < 2, let next = exchange.deployment.pods.choose(excluding: failed, now: Self.now, using: &generator) {
            exchange.attempts += 1
            exchange.deployment.metrics.retries.increment()
            failed.finished()
            next.started()
            exchange.backend = next
            return connect(to: next)
        }
        fail(exchange, .upstreamFailed(deployment: exchange.deployment.name, reason: "connecting to \(failed.address): \(reason)"))
    }

    func startMirrors(_ exchange: ProxyExchange) {
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

extension ProxyHandler: UpstreamDelegate {
    func upstreamHead(_ head: ResponseHead) {
        guard case .proxying(let exchange) = state, let context else { return }
        exchange.responseStarted = true
        exchange.status = head.status
        exchange.upstreamKeepAlive = head.keepAlive
        // An HTTP/1.0 client cannot read chunks: it gets the payload and the connection's close ends it. So does
        // every client of an answer the scorer ends by closing.
        exchange.dechunk = head.framing == .chunked && exchange.http10Client
        if exchange.dechunk || head.framing == .untilClose { exchange.keepAlive = false }
        context.write(wrapOutboundOut(RawResponse.proxied(head, deployment: exchange.deployment.name,
            requestID: exchange.requestID, keepAlive: exchange.keepAlive,
            chunked: head.framing == .chunked && !exchange.dechunk, allocator: context.channel.allocator)), promise: nil)
    }

    func upstreamBody(_ raw: ByteBuffer) {
        guard case .proxying(let exchange) = state, let context, !exchange.dechunk else { return }
        context.write(wrapOutboundOut(raw), promise: nil)
    }

    func upstreamPayload(_ piece: ByteBuffer) {
        guard case .proxying(let exchange) = state, let context, exchange.dechunk else { return }
        context.write(wrapOutboundOut(piece), promise: nil)
    }

    func upstreamEnd(payload: ByteBuffer?, reusable: Bool) {
        guard case .proxying(let exchange) = state, let context else { return }
        exchange.responseCopy = payload.map { Array($0.readableBytesView) }
        if let connection = exchange.connection {
            exchange.requestEnded && reusable ? pool.release(connection) : connection.channel.close(promise: nil)
            exchange.connection = nil
        }
        let keepAlive = exchange.keepAlive
        finish(exchange, status: exchange.status)
        state = exchange.requestEnded ? (keepAlive ? .idle : .closed) : .draining(keepAlive: keepAlive)
        if !keepAlive, exchange.requestEnded { closeAfterWrites() } else { context.flush() }
        replayQueued()
    }

    func upstreamReadComplete() { context?.flush() }

    func upstreamWritabilityChanged(isWritable: Bool) {
        if pausedReading == isWritable { setReading(isWritable) }
    }

    /// Pauses or resumes reading from the client (backpressure from the upstream side).
    func setReading(_ on: Bool) {
        pausedReading = !on
        _ = context?.channel.setOption(.autoRead, value: on)
    }

    func upstreamClosed(_ error: (any Error)?) {
        guard case .proxying(let exchange) = state else { return }
        exchange.connection = nil
        let reason = error.map { "\($0)" } ?? "the scorer closed the connection before answering"
        fail(exchange, .upstreamFailed(deployment: exchange.deployment.name, reason: reason))
    }

    func timedOut() {
        guard case .proxying(let exchange) = state else { return }
        let seconds = Double(router.configuration.requestTimeout.nanoseconds) / 1e9
        let name = exchange.deployment.name
        fail(exchange, exchange.backend == nil
            ? .coldStartTimeout(deployment: name, seconds: seconds) : .upstreamTimeout(deployment: name, seconds: seconds))
    }

    /// Ends the exchange with the router's own error answer; once part of the scorer's answer went out, the client
    /// connection is closed instead (the answer cannot be completed).
    func fail(_ exchange: ProxyExchange, _ error: RouterError) {
        abandonUpstream(exchange)
        if exchange.responseStarted {
            finish(exchange, status: exchange.status)
            state = .closed
            context?.close(promise: nil)
            return
        }
        finish(exchange, status: Int(error.status.code))
        let keepAlive = exchange.keepAlive
        if exchange.requestEnded {
            state = keepAlive ? .idle : .closed
            writeError(error, keepAlive: keepAlive)
        } else {
            // The rest of the request is read and dropped before the connection is reused or closed.
            state = .draining(keepAlive: keepAlive)
            writeError(error, keepAlive: keepAlive, close: false)
        }
        replayQueued()
    }

    func abandonUpstream(_ exchange: ProxyExchange) {
        guard let connection = exchange.connection else { return }
        connection.handler.delegate = nil
        connection.channel.close(promise: nil)
        exchange.connection = nil
    }

    /// Records the request's end: metrics, the pod's in-flight count, the deadline, the mirrors' comparison.
    func finish(_ exchange: ProxyExchange, status: Int) {
        exchange.timeout?.cancel()
        stopWaiting(exchange)
        exchange.backend?.finished()
        router.exchangeFinished()
        let metrics = exchange.deployment.metrics
        metrics.inFlight.decrement()
        metrics.finished(status: status, nanoseconds: exchange.elapsed.nanoseconds)
        let outcome = exchange.responseStarted
            ? MirrorPair.Outcome(status: status, body: exchange.responseCopy, seconds: exchange.elapsed.seconds) : nil
        for pair in exchange.mirrorPairs { pair.primaryFinished(outcome) }
        exchange.mirrorPairs = []
    }

    /// Closes the client connection once everything written so far has gone out.
    func closeAfterWrites() {
        guard let context else { return }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer())).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func writeError(_ error: RouterError, keepAlive: Bool, close: Bool = true) {
        write(error.status, headers: error.headers, body: error.body, keepAlive: keepAlive, close: close)
    }

    /// Writes one of the router's own answers; without keep-alive the connection closes after it, unless `close` is
    /// false (the rest of the request is still to be read and dropped first).
    func write(
        _ status: HTTPResponseStatus, headers: [(String, String)], body: [UInt8], keepAlive: Bool, close: Bool = true
    ) {
        guard let context else { return }
        let response = RawResponse.complete(status, headers: headers, body: body, keepAlive: keepAlive,
            allocator: context.channel.allocator)
        context.writeAndFlush(wrapOutboundOut(response), promise: nil)
        if !keepAlive, close { closeAfterWrites() }
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
