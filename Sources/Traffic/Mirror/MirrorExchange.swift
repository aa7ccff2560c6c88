import NIOCore
import NIOHTTP1

/// One mirrored copy of a request, sent after the primary request was fully read: its answer is read, kept for
/// comparison (up to a limit) and discarded. It has its own connection, deadline and slot, so it can neither delay
/// nor fail the primary.
final class MirrorExchange: UpstreamDelegate {
    private let router: RouterContext
    private let pool: UpstreamPool
    private let deployment: DeploymentRoute
    private let pair: MirrorPair
    private let head: HTTPRequestHead
    private let body: ByteBuffer
    private let started = ContinuousClock.now
    private var connection: UpstreamConnection?
    private var backend: Backend?
    private var status = 0
    private var timeout: Scheduled<Void>?
    private var done = false

    init(
        router: RouterContext, pool: UpstreamPool, deployment: DeploymentRoute, pair: MirrorPair,
        head: HTTPRequestHead, body: ByteBuffer
    ) {
        self.router = router
        self.pool = pool
        self.deployment = deployment
        self.pair = pair
        var head = head
        head.headers.replaceOrAdd(name: "x-swiftlet-mirror", value: "true")
        head.headers.remove(name: "transfer-encoding")
        head.headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        self.head = head
        self.body = body
    }

    /// Sends the copy; the exchange keeps itself alive through the connection's delegate and its deadline.
    func start(using generator: inout some RandomNumberGenerator) {
        guard let backend = deployment.pods.choose(now: ProxyHandler.now, using: &generator) else { return finish(nil) }
        backend.started()
        self.backend = backend
        timeout = pool.eventLoop.assumeIsolated().scheduleTask(in: router.configuration.requestTimeout) { [self] in
            connection?.channel.close(promise: nil)
            finish(nil)
        }
        pool.lease(backend) { [self] result in
            switch result {
            case .failure:
                finish(nil)
            case .success(let leased):
                guard !done else { return pool.release(leased) }
                connection = leased
                leased.handler.begin(method: head.method, delegate: self,
                    payloadLimit: router.configuration.mirrorMaxBodyBytes)
                leased.channel.write(HTTPClientRequestPart.head(head), promise: nil)
                leased.channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil)
                leased.channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            }
        }
    }

    func upstreamHead(_ head: ResponseHead) { status = head.status }

    func upstreamBody(_ raw: ByteBuffer) {}
    func upstreamPayload(_ piece: ByteBuffer) {}

    func upstreamEnd(payload: ByteBuffer?, reusable: Bool) {
        if let connection { reusable ? pool.release(connection) : connection.channel.close(promise: nil) }
        connection = nil
        let body = payload.map { Array($0.readableBytesView) }
        finish(MirrorPair.Outcome(status: status, body: body, seconds: (ContinuousClock.now - started).seconds))
    }

    func upstreamReadComplete() {}
    func upstreamWritabilityChanged(isWritable: Bool) {}

    func upstreamClosed(_ error: (any Error)?) {
        connection = nil
        finish(nil)
    }

    private func finish(_ outcome: MirrorPair.Outcome?) {
        guard !done else { return }
        done = true
        timeout?.cancel()
        backend?.finished()
        pair.mirrorFinished(outcome)
        router.releaseMirrorSlot()
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
