import NIOCore
import NIOHTTP1
import NIOPosix

/// Keep-alive connections to scorer pods, one pool per event loop, used only on its loop: a request's upstream
/// connection lives on the same thread as its client connection, so proxying never hops threads.
final class UpstreamPool {
    let eventLoop: any EventLoop
    let connectTimeout: TimeAmount
    /// Idle connections kept per pod on this loop; more are closed when released.
    let maxIdlePerBackend: Int
    private var idle: [String: [UpstreamConnection]] = [:]

    init(eventLoop: any EventLoop, connectTimeout: TimeAmount, maxIdlePerBackend: Int = 64) {
        self.eventLoop = eventLoop
        self.connectTimeout = connectTimeout
        self.maxIdlePerBackend = maxIdlePerBackend
    }

    /// Hands `done` an idle connection to `backend` at once when there is one, else a new one once connected.
    func lease(_ backend: Backend, _ done: @escaping (Result<UpstreamConnection, any Error>) -> Void) {
        eventLoop.preconditionInEventLoop()
        while let connection = idle[backend.address]?.popLast() {
            connection.handler.closedWhileIdle = nil
            if connection.channel.isActive { return done(.success(connection)) }
        }
        connect(backend, done)
    }

    /// Returns a connection whose exchange ended cleanly, for the next request to the same pod.
    func release(_ connection: UpstreamConnection) {
        eventLoop.preconditionInEventLoop()
        connection.handler.delegate = nil
        // Reading may have been paused for a slow client; the next exchange starts reading again.
        try? connection.channel.syncOptions?.setOption(.autoRead, value: true)
        let address = connection.backend.address
        guard connection.channel.isActive, idle[address, default: []].count < maxIdlePerBackend else {
            connection.channel.close(promise: nil)
            return
        }
        let channel = ObjectIdentifier(connection.channel)
        connection.handler.closedWhileIdle = { [weak self] in
            self?.idle[address]?.removeAll { ObjectIdentifier($0.channel) == channel }
        }
        idle[address, default: []].append(connection)
    }

    private func connect(_ backend: Backend, _ done: @escaping (Result<UpstreamConnection, any Error>) -> Void) {
        ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HTTPRequestEncoder())
                    try channel.pipeline.syncOperations.addHandler(UpstreamHandler())
                }
            }
            .connect(host: backend.host, port: backend.port)
            .assumeIsolated()
            .whenComplete { result in
                done(result.flatMap { channel in
                    Result {
                        let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
                        return UpstreamConnection(channel: channel, handler: handler, backend: backend)
                    }
                })
            }
    }
}
