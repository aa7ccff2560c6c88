import NIOCore
import NIOHTTP1

/// The state of one proxied request on a client connection: where it goes, how far each direction got, and what is
/// held until the upstream connection is ready. A class: the handler updates it in place for every part.
final class ProxyExchange {
    let decision: RoutingDecision
    let head: HTTPRequestHead
    let requestID: String
    /// Whether the client connection stays open after this answer (false once the answer needs its close).
    var keepAlive: Bool
    let http10Client: Bool
    /// The answer is chunked and the client speaks HTTP/1.0: only the payload goes to it.
    var dechunk = false
    let started = ContinuousClock.now
    /// The deployment as of the newest route table the request saw: its pods are where a retry goes.
    var deployment: DeploymentRoute
    /// The pod; `nil` while the request waits for one of a deployment scaled to zero.
    var backend: Backend?
    /// The next look for a ready pod, while waiting for one.
    var podCheck: Scheduled<Void>?
    var attempts = 1
    var connection: UpstreamConnection?
    /// Parts read from the client before the upstream connection was ready, in order.
    var pending: [HTTPClientRequestPart] = []
    var requestEnded = false
    var responseStarted = false
    var status = 0
    /// Whether the scorer keeps the connection open after this answer.
    var upstreamKeepAlive = true
    var bodyBytes = 0
    var timeout: Scheduled<Void>?
    /// The request body, kept while it is to be mirrored; `nil` once too large (then no copy is sent).
    var mirrorBody: ByteBuffer?
    /// The primary's answer's payload, kept to compare with the mirrors'; `nil` when too large.
    var responseCopy: [UInt8]?
    var mirrorPairs: [MirrorPair] = []

    init(
        decision: RoutingDecision, head: HTTPRequestHead, requestID: String, keepAlive: Bool, http10Client: Bool,
        backend: Backend?
    ) {
        self.http10Client = http10Client
        self.decision = decision
        self.head = head
        self.requestID = requestID
        self.keepAlive = keepAlive
        self.backend = backend
        self.deployment = decision.deployment
        self.mirrorBody = decision.mirrors.isEmpty ? nil : ByteBuffer()
        self.pending = [.head(head)]
    }

    var elapsed: Duration { ContinuousClock.now - started }

    /// Sends `part` upstream now, or holds it until the connection is ready.
    func forward(_ part: HTTPClientRequestPart) {
        if let connection { connection.channel.write(part, promise: nil) } else { pending.append(part) }
    }
}
