import NIOCore
import NIOHTTP1

/// Response heads written as bytes: the router's client connections carry no HTTP encoder, since a scorer's answer
/// passes through as it arrived and only its head is rewritten.
enum RawResponse {
    /// A complete answer of the router's own.
    static func complete(
        _ status: HTTPResponseStatus, headers: [(String, String)], body: [UInt8], keepAlive: Bool,
        allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 128 + body.count)
        buffer.writeString("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n")
        for (name, value) in headers { buffer.writeString("\(name): \(value)\r\n") }
        buffer.writeString("Content-Length: \(body.count)\r\n")
        if !keepAlive { buffer.writeStaticString("Connection: close\r\n") }
        buffer.writeStaticString("\r\n")
        buffer.writeBytes(body)
        return buffer
    }

    /// The scorer's head with the router's headers: the request id, the deployment that answered, the framing the
    /// client gets, and `Connection: close` when the connection ends after it.
    static func proxied(
        _ head: ResponseHead, deployment: String, requestID: String, keepAlive: Bool, chunked: Bool,
        allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 160 + head.statusLine.readableBytes + head.headerLines.readableBytes)
        buffer.writeStaticString("HTTP/1.1 ")
        buffer.writeImmutableBuffer(head.statusLine)
        buffer.writeStaticString("\r\n")
        buffer.writeImmutableBuffer(head.headerLines)
        buffer.writeStaticString("x-request-id: ")
        buffer.writeString(requestID)
        buffer.writeStaticString("\r\nx-swiftlet-deployment: ")
        buffer.writeString(deployment)
        buffer.writeStaticString("\r\nazureml-model-deployment: ")
        buffer.writeString(deployment)
        buffer.writeStaticString("\r\n")
        if chunked { buffer.writeStaticString("Transfer-Encoding: chunked\r\n") }
        if !keepAlive { buffer.writeStaticString("Connection: close\r\n") }
        buffer.writeStaticString("\r\n")
        return buffer
    }

    static let continueHead = ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")
}
