import AsyncHTTPClient
import NIOCore
import ServingAPI

/// The events of one watch request, as they arrive. Ends when the server ends the watch (its timeout); throws
/// `KubeError.transport` when the connection breaks.
public struct WatchEventStream: AsyncSequence, Sendable {
    public typealias Element = WatchEvent
    let body: HTTPClientResponse.Body

    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: HTTPClientResponse.Body.AsyncIterator
        var decoder = WatchLineDecoder()
        var pending: [WatchEvent] = []
        var finished = false

        public mutating func next() async throws -> WatchEvent? {
            while pending.isEmpty {
                if finished { return nil }
                let chunk: ByteBuffer?
                do { chunk = try await chunks.next() } catch {
                    throw KubeError.transport("watch stream broke: \(error)")
                }
                if let chunk {
                    pending = try decoder.feed(chunk.readableBytesView)
                } else {
                    finished = true
                    if let last = try decoder.finish() { pending = [last] }
                }
            }
            return pending.removeFirst()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunks: body.makeAsyncIterator()) }
}

extension KubeClient {
    /// Starts a watch from `resourceVersion` with bookmarks; the server ends it after `timeoutSeconds`.
    /// A too-old resourceVersion fails with `KubeError.api` 410, or arrives as an `.error` event with code 410.
    public func watch(_ type: K8s.ResourceType, namespace: String?, resourceVersion: String?,
        options: ListOptions = ListOptions(), timeoutSeconds: Int = 290) async throws(KubeError) -> WatchEventStream
    {
        var query = options.query.filter { $0.0 != "continue" && $0.0 != "limit" && $0.0 != "resourceVersion" }
        query.append(("watch", "true"))
        query.append(("allowWatchBookmarks", "true"))
        query.append(("timeoutSeconds", String(timeoutSeconds)))
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        let collection = type.collectionPath(namespace: type.namespaced ? namespace : nil)
        let response = try await execute(KubeRequest(method: .GET, path: collection, query: query))
        return WatchEventStream(body: response.body)
    }
}
