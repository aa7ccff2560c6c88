import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// The router's listening socket and its client connections. On graceful shutdown it stops accepting, lets the
/// requests in flight finish (bounded by `drainTimeout`), then returns.
public final class RouterServer: Service {
    private let listener: any Channel
    private let context: RouterContext
    private let drainTimeout: Duration
    private let logger: Logger

    public init(
        host: String, port: Int, group: MultiThreadedEventLoopGroup, routes: RouteTableStore,
        configuration: RouterConfiguration, metricsText: @escaping @Sendable () -> String,
        drainTimeout: Duration = .seconds(10), logger: Logger
    ) async throws {
        let context = RouterContext(routes: routes, configuration: configuration, metricsText: metricsText)
        let pools = LoopPools(group: group, connectTimeout: configuration.connectTimeout)
        listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Requests are decoded; answers are written as bytes (a scorer's passes through as it came).
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
                    let pool = pools.pool(for: channel.eventLoop)
                    try channel.pipeline.syncOperations.addHandler(ProxyHandler(router: context, pool: pool))
                }
            }
            .bind(host: host, port: port).get()
        self.context = context
        self.drainTimeout = drainTimeout
        self.logger = logger
    }

    public var port: Int? { listener.localAddress?.port }

    public func run() async throws {
        try? await gracefulShutdown()
        try await listener.close()
        let deadline = ContinuousClock.now + drainTimeout
        while context.inFlight > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        logger.info("router stopped", metadata: ["unfinished_requests": "\(context.inFlight)"])
    }
}

/// One upstream pool per event loop. Sendable by confinement: each pool is only ever used on its own loop.
final class LoopPools: @unchecked Sendable {
    private let pools: [ObjectIdentifier: UpstreamPool]

    init(group: MultiThreadedEventLoopGroup, connectTimeout: TimeAmount) {
        var pools: [ObjectIdentifier: UpstreamPool] = [:]
        for loop in group.makeIterator() {
            pools[ObjectIdentifier(loop)] = UpstreamPool(eventLoop: loop, connectTimeout: connectTimeout)
        }
        self.pools = pools
    }

    func pool(for loop: any EventLoop) -> UpstreamPool {
        guard let pool = pools[ObjectIdentifier(loop)] else {
            preconditionFailure("a client connection on an event loop outside the router's group")
        }
        return pool
    }
}
