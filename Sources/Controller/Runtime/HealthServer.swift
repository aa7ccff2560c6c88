import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Liveness and readiness over HTTP/1.1: `/healthz` answers 200 while the process runs; `/readyz` answers 200
/// once `isReady()` holds (caches synced and, with leader election, leadership known), 503 before; `/metrics`
/// answers `metricsText()` (Prometheus text) when it is given.
public final class HealthServer: Service, Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    private let listener: NIOAsyncChannel<Connection, Never>
    private let isReady: @Sendable () -> Bool
    private let metricsText: (@Sendable () -> String)?

    /// Binds at once (port 0 picks a free port; see `port`).
    public init(host: String = "127.0.0.1", port: Int, isReady: @escaping @Sendable () -> Bool,
        metricsText: (@Sendable () -> String)? = nil) async throws
    {
        self.isReady = isReady
        self.metricsText = metricsText
        listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    public var port: Int? { listener.channel.localAddress?.port }

    /// The readiness of a controller process: every controller's caches synced, and leadership known if elected.
    public static func readiness(controllers: [Controller], elector: LeaderElector?) -> @Sendable () -> Bool {
        { controllers.allSatisfy(\.hasSynced) && (elector?.leadershipKnown ?? true) }
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { connections in
                try await listener.executeThenClose { inbound in
                    for try await connection in inbound {
                        connections.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            self.listener.channel.close(promise: nil)
        }
    }

    func answer(path: String) -> (HTTPResponseStatus, String) {
        switch path.split(separator: "?").first.map(String.init) ?? path {
        case "/healthz", "/livez": (.ok, "ok")
        case "/readyz": isReady() ? (.ok, "ok") : (.serviceUnavailable, "not ready")
        case "/metrics" where metricsText != nil: (.ok, metricsText?() ?? "")
        default: (.notFound, "not found")
        }
    }

    private func serve(_ connection: Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            for try await part in inbound {
                switch part {
                case .head(let requestHead): head = requestHead
                case .body: continue
                case .end:
                    guard let requestHead = head else { return }
                    let (status, text) = answer(path: requestHead.uri)
                    var headers = HTTPHeaders([("Content-Type", "text/plain"), ("Content-Length", "\(text.utf8.count)")])
                    if !requestHead.isKeepAlive { headers.add(name: "Connection", value: "close") }
                    try await outbound.write(contentsOf: [
                        .head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)),
                        .body(.byteBuffer(ByteBuffer(string: text))), .end(nil),
                    ])
                    guard requestHead.isKeepAlive else { return }
                    head = nil
                }
            }
        }
    }
}
