import ServingAPI

extension ResourceHandler {
    /// GET ?watch=true: one JSON event per line (`{"type": ..., "object": ...}`), streamed until the timeout
    /// (`timeoutSeconds`, else 30 minutes), the client's departure, or the store closing the watcher. With
    /// `allowWatchBookmarks`, BOOKMARK events come periodically and when the timeout ends the watch.
    func watch() async throws(APIServerError) -> APIResponse {
        let filter = try watchFilter()
        let from = try Self.startingVersion(request.options.resourceVersion)
        let (id, stream) = await store.watch(filter, from: from)
        // At most 30 minutes, whatever is asked (as the real server's request timeout bounds watches).
        let timeout = Duration.seconds(min(max(request.options.timeoutSeconds ?? 1800, 0), 1800))
        let encoder = WatchEncoder(handler: self, table: try tableRendering())
        let (store, bookmarks, interval) = (store, request.options.allowWatchBookmarks, bookmarkInterval)
        return .stream(contentType: "application/json") { write in
            // The watch ends when its event stream does: the timeout closes the stream after a last bookmark.
            await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    var encoder = encoder
                    for await message in stream {
                        guard (try? await write(encoder.encode(message))) != nil else { break }
                    }
                    return true
                }
                group.addTask {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return false }
                    if bookmarks { await store.bookmark(id) }
                    await store.stopWatching(id)
                    return false
                }
                if bookmarks {
                    group.addTask {
                        while (try? await Task.sleep(for: interval)) != nil { await store.bookmark(id) }
                        return false
                    }
                }
                while let eventsEnded = await group.next(), !eventsEnded {}
                group.cancelAll()
            }
            await store.stopWatching(id)
        }
    }

    /// "" and "0" mean "from now, with the current objects first"; any other value resumes after it.
    static func startingVersion(_ text: String?) throws(APIServerError) -> Int64? {
        guard let text, !text.isEmpty, text != "0" else { return nil }
        guard let version = Int64(text), version > 0 else { throw .badRequest("invalid resource version: \(text)") }
        return version
    }
}

/// Turns watch messages into the wire format, as Tables when the client asked for them (column definitions in
/// the first event only, as the real server sends them).
struct WatchEncoder: Sendable {
    let handler: ResourceHandler
    let table: TableRendering?
    private var sentColumns = false

    init(handler: ResourceHandler, table: TableRendering?) {
        self.handler = handler
        self.table = table
    }

    mutating func encode(_ message: WatchMessage) -> [UInt8] {
        let event: JSONValue
        switch message {
        case .event(let kind, let object):
            var served = handler.served(object)
            if let table {
                served = table.table(for: [served], listMetadata: [:], withColumns: !sentColumns)
                sentColumns = true
            }
            event = ["type": .string(kind.rawValue), "object": served]
        case .bookmark(let resourceVersion):
            let info = handler.info.type
            event = [
                "type": "BOOKMARK",
                "object": [
                    "kind": .string(info.kind), "apiVersion": .string(info.apiVersion),
                    "metadata": ["resourceVersion": .string(String(resourceVersion)), "creationTimestamp": nil],
                ],
            ]
        case .error(let status):
            event = ["type": "ERROR", "object": status.json]
        }
        return event.serialized() + [UInt8(ascii: "\n")]
    }
}
