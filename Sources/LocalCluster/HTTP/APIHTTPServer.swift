import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// HTTPS (HTTP/1.1, keep-alive) on NIO's async channels: reads whole requests (bounded), hands them to
/// `respond`, writes whole responses, or streams chunked ones (watches) until the producer returns or the client
/// goes away.
final class APIHTTPServer: Sendable {
    typealias Responder = @Sendable (HTTPRequestData) async -> APIResponse
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let listener: NIOAsyncChannel<Connection, Never>
    private let respond: Responder
    private let logger: Logger
    private let audit: AuditLog?
    static let maxBodyBytes = 16 * 1024 * 1024

    init(
        host: String, port: Int, tls: NIOSSLContext, group: EventLoopGroup, logger: Logger, audit: AuditLog? = nil,
        respond: @escaping Responder
    ) async throws {
        listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        self.respond = respond
        self.logger = logger
        self.audit = audit
    }

    var port: Int? { listener.channel.localAddress?.port }

    /// Serves connections until the listener closes; then ends the open ones.
    func serve() async throws {
        try await withThrowingDiscardingTaskGroup { connections in
            try await listener.executeThenClose { inbound in
                for try await connection in inbound {
                    connections.addTask { await self.serve(connection) }
                }
            }
            connections.cancelAll()
        }
    }

    func stopAccepting() {
        listener.channel.close(promise: nil)
    }

    private func serve(_ connection: Connection) async {
        let channel = connection.channel
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body: [UInt8] = []
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body = []
                        if requestHead.headers.first(name: "expect")?.lowercased() == "100-continue" {
                            try await outbound.write(.head(HTTPResponseHead(version: requestHead.version, status: .continue)))
                        }
                    case .body(let chunk):
                        guard body.count + chunk.readableBytes <= Self.maxBodyBytes else {
                            try await write(.error(.badRequest("request body too large")), keepAlive: false, to: outbound)
                            return
                        }
                        body += chunk.readableBytesView
                    case .end:
                        guard let requestHead = head else { return }
                        let request = HTTPRequestData(
                            method: requestHead.method.rawValue, uri: requestHead.uri, headers: requestHead.headers, body: body)
                        let received = Date()
                        let response = await respond(request)
                        logger.debug("request", metadata: ["method": "\(request.method)", "uri": "\(requestHead.uri)", "status": "\(response.status)"])
                        // The audit line follows the response, also when the client went away during it (a watch).
                        var failure: (any Error)?
                        do {
                            try await write(response, keepAlive: requestHead.isKeepAlive, channel: channel, to: outbound)
                        } catch {
                            failure = error
                        }
                        audit?.record(requestHead, status: response.status, received: received)
                        if let failure { throw failure }
                        guard requestHead.isKeepAlive, case .body = response else { return }
                        head = nil
                    }
                }
            }
        } catch {
            logger.debug("connection ended: \(error)")
        }
    }

    private func write(
        _ response: APIResponse, keepAlive: Bool, channel: Channel? = nil,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        switch response {
        case .body(let status, let contentType, let bytes):
            var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", String(bytes.count))])
            if !keepAlive { headers.add(name: "Connection", value: "close") }
            let head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers)
            try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(bytes: bytes))), .end(nil)])
        case .stream(let contentType, let produce):
            let headers = HTTPHeaders([("Content-Type", contentType), ("Transfer-Encoding", "chunked"), ("Connection", "close")])
            try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
            try await streamBody(produce, channel: channel, to: outbound)
            try await outbound.write(.end(nil))
        }
    }

    /// Runs the producer until it returns, or until the client closes the connection.
    private func streamBody(
        _ produce: @escaping StreamProducer, channel: Channel?,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        let writer: StreamWriter = { bytes in try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes)))) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await produce(writer) }
            if let channel {
                // Notices a client that went away while nothing is being written (checked once a second).
                group.addTask {
                    while channel.isActive, (try? await Task.sleep(for: .seconds(1))) != nil {}
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

extension AuditLog {
    /// Records a request whose response (of `status`) is complete.
    fileprivate func record(_ head: HTTPRequestHead, status: Int, received: Date) {
        record(
            AuditEvent(
                auditID: UUID().uuidString.lowercased(), requestURI: head.uri,
                attributes: RequestAttributes(method: head.method.rawValue, uri: head.uri),
                userAgent: head.headers.first(name: "user-agent"), code: status, received: received, completed: Date()))
    }
}
