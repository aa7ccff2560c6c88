import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 with the routes the download tests need; it records each request's
/// path and headers.
final class TestHTTPServer: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    static let token = "s3kr1t"
    static let modelBody = Array("the model".utf8)
    static let largeSize = 8 << 20

    let port: Int
    private let recorded = Mutex<[(path: String, headers: HTTPHeaders)]>([])

    private init(port: Int) { self.port = port }

    var requests: [(path: String, headers: HTTPHeaders)] { recorded.withLock { $0 } }

    /// The deterministic 8 MiB body of `/large`.
    static func largeBody() -> [UInt8] {
        (0..<largeSize).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
    }

    /// Runs `body` with a listening server, closing it afterwards.
    static func with<T>(_ body: (TestHTTPServer) async throws -> T) async throws -> T {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        let server = TestHTTPServer(port: listener.channel.localAddress!.port!)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    try await listener.executeThenClose { inbound in
                        for try await connection in inbound { connections.addTask { await server.serve(connection) } }
                    }
                }
            }
            defer {
                listener.channel.close(promise: nil)
                group.cancelAll()
            }
            return try await body(server)
        }
    }

    /// A port nothing listens on: bound, then closed.
    static func unusedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        return port
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
                    recorded.withLock { $0.append((requestHead.uri, requestHead.headers)) }
                    try await respond(to: requestHead, outbound)
                    head = nil
                }
            }
        }
    }

    private func respond(to head: HTTPRequestHead, _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>)
        async throws
    {
        switch head.uri {
        case "/model.onnx", "/models-bucket/path/to/model.onnx": try await send(.ok, Self.modelBody, outbound)
        case "/private.onnx":
            let authorized = head.headers["Authorization"] == ["Bearer \(Self.token)"]
            try await send(authorized ? .ok : .unauthorized, authorized ? Self.modelBody : [], outbound)
        case "/redirect": try await send(.found, [], outbound, headers: [("Location", "/model.onnx")])
        case "/broken": try await send(.internalServerError, Array(String(repeating: "e", count: 500).utf8), outbound)
        case "/slow":
            try await Task.sleep(for: .seconds(10))
            try await send(.ok, Self.modelBody, outbound)
        case "/large": try await sendLarge(outbound)
        default: try await send(.notFound, Array("no such model".utf8), outbound)
        }
    }

    private func send(
        _ status: HTTPResponseStatus, _ body: [UInt8], _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>,
        headers extra: [(String, String)] = []
    ) async throws {
        let headers = HTTPHeaders([("Content-Length", "\(body.count)")] + extra)
        try await outbound.write(contentsOf: [
            .head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)),
            .body(.byteBuffer(ByteBuffer(bytes: body))), .end(nil),
        ])
    }

    private func sendLarge(_ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        let body = Self.largeBody()
        let headers = HTTPHeaders([("Content-Length", "\(body.count)")])
        try await outbound.write(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
        for start in stride(from: 0, to: body.count, by: 64 << 10) {
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body[start..<min(start + (64 << 10), body.count)]))))
        }
        try await outbound.write(.end(nil))
    }
}
