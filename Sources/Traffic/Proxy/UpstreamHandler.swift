import NIOCore
import NIOHTTP1

/// Whoever is using an upstream connection for one exchange: a proxied request or a mirrored copy.
protocol UpstreamDelegate: AnyObject {
    func upstreamReceived(_ part: HTTPClientResponsePart)
    func upstreamReadComplete()
    func upstreamWritabilityChanged(isWritable: Bool)
    /// The connection closed or failed before the exchange ended.
    func upstreamClosed(_ error: (any Error)?)
}

/// The last handler of an upstream (router → scorer) connection: passes response parts to the exchange that leased
/// the connection, and takes the connection out of the pool when it closes while idle.
final class UpstreamHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    weak var delegate: (any UpstreamDelegate)?
    /// Called once when the channel closes while no exchange holds it.
    var closedWhileIdle: (() -> Void)?
    private var failure: (any Error)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        delegate?.upstreamReceived(unwrapInboundIn(data))
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
            delegate.upstreamClosed(failure)
        } else {
            closedWhileIdle?()
            closedWhileIdle = nil
        }
        context.fireChannelInactive()
    }
}

/// A leased upstream connection.
struct UpstreamConnection {
    let channel: any Channel
    let handler: UpstreamHandler
    let backend: Backend
}
