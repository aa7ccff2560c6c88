import Foundation
import ServingAPI

/// The one place state changes: serializes writes, assigns resourceVersions, persists each write to SQLite in
/// one transaction, runs garbage collection, and publishes the changes to watchers (bounded buffers; a watcher
/// that falls too far behind is closed, and its client resumes from the last resourceVersion it saw).
actor ObjectStore {
    private let database: SQLiteDatabase
    private(set) var state: ClusterState
    private var window: WatchWindow
    private var watchers: [Int: Subscription] = [:]
    private var nextWatcherID = 0
    private let clock: @Sendable () -> Date
    private var random: AnyRandomNumberGenerator
    let watcherBuffer: Int

    private struct Subscription {
        var filter: WatchFilter
        var continuation: AsyncStream<WatchMessage>.Continuation
    }

    /// Opens (or creates) the database at `path` and loads every object.
    init(
        path: String, watchWindow: Int, watcherBuffer: Int = 1000, clock: @escaping @Sendable () -> Date = { Date() },
        random: any RandomNumberGenerator = SystemRandomNumberGenerator()
    ) throws(APIServerError) {
        database = try SQLiteDatabase(path: path)
        try database.execute(
            "CREATE TABLE IF NOT EXISTS objects (storage TEXT NOT NULL, item TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (storage, item))")
        try database.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        state = try Self.load(database)
        window = WatchWindow(capacity: watchWindow, startingAt: state.resourceVersion)
        self.watcherBuffer = watcherBuffer
        self.clock = clock
        self.random = AnyRandomNumberGenerator(random)
    }

    private static func load(_ database: SQLiteDatabase) throws(APIServerError) -> ClusterState {
        var state = ClusterState()
        let version = try database.execute("SELECT value FROM meta WHERE key = 'resourceVersion'")
        let stored: String?? = version.first?.first
        state.resourceVersion = stored.flatMap { $0 }.flatMap { Int64($0) } ?? 0
        for row in try database.execute("SELECT storage, item, body FROM objects") {
            guard let storage = row[0], let item = row[1], let body = row[2] else { continue }
            do {
                state.objects[storage, default: [:]][item] = try JSONValue(parsing: body)
            } catch {
                throw .internalError("stored object \(storage) \(item) is not JSON: \(error)")
            }
        }
        let crds = state.objects[ResourceInfo.customResourceDefinitions.storageKey]?.values.map { $0 } ?? []
        state.registry = ResourceRegistry(customResourceDefinitions: crds)
        for (key, object) in state.allObjects { state.track(key, object, previous: nil) }
        return state
    }

    /// Runs `body` on a working copy; on success garbage-collects, persists, then publishes the changes.
    /// A dry run (`dryRun=All`) does everything but keep the result.
    func write<T: Sendable>(
        dryRun: Bool = false, _ body: @Sendable (inout StoreTransaction) throws(APIServerError) -> T
    ) throws(APIServerError) -> T {
        var transaction = StoreTransaction(state: state, now: clock(), random: random)
        let result = try body(&transaction)
        try GarbageCollector.collect(&transaction)
        random = transaction.random
        guard !transaction.events.isEmpty, !dryRun else { return result }
        try persist(transaction)
        state = transaction.state
        for event in transaction.events { publish(event) }
        return result
    }

    private func persist(_ transaction: StoreTransaction) throws(APIServerError) {
        try database.transaction { () throws(APIServerError) in
            for (key, object) in transaction.written {
                if let object {
                    try database.execute(
                        "INSERT OR REPLACE INTO objects (storage, item, body) VALUES (?, ?, ?)",
                        [.text(key.storageKey), .text(key.itemKey), .text(object.jsonText)])
                } else {
                    try database.execute(
                        "DELETE FROM objects WHERE storage = ? AND item = ?", [.text(key.storageKey), .text(key.itemKey)])
                }
            }
            try database.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('resourceVersion', ?)",
                [.text(String(transaction.state.resourceVersion))])
        }
    }

    private func publish(_ event: WatchEvent) {
        window.append(event)
        for (id, watcher) in watchers {
            guard let message = watcher.filter.message(for: event) else { continue }
            deliver(message, to: id, watcher.continuation)
        }
    }

    private func deliver(_ message: WatchMessage, to id: Int, _ continuation: AsyncStream<WatchMessage>.Continuation) {
        switch continuation.yield(message) {
        case .enqueued: break
        case .dropped, .terminated:
            continuation.finish()
            watchers[id] = nil
        @unknown default: break
        }
    }

    /// Starts a watch: the events after `resourceVersion` (or, for nil, ADDED for every current object), then
    /// every later change. A resourceVersion older than the window gives one 410 Expired error.
    func watch(_ filter: WatchFilter, from resourceVersion: Int64?) -> (id: Int, stream: AsyncStream<WatchMessage>) {
        let initial: [WatchMessage]
        switch resourceVersion.map(window.replay(after:)) {
        case nil:
            initial = state.list(storageKey: filter.storageKey, namespace: filter.namespace)
                .filter { filter.matches($0.object) }.map { .event(.added, $0.object) }
        case .events(let events)?: initial = events.compactMap(filter.message(for:))
        case .expired(let oldest)?:
            let status = APIServerError.expired("too old resource version: \(resourceVersion ?? 0) (\(oldest))").status
            let (stream, continuation) = AsyncStream.makeStream(of: WatchMessage.self)
            continuation.yield(.error(status))
            continuation.finish()
            return (-1, stream)
        }
        let (stream, continuation) = AsyncStream.makeStream(
            of: WatchMessage.self, bufferingPolicy: .bufferingOldest(watcherBuffer + initial.count))
        for message in initial { continuation.yield(message) }
        nextWatcherID += 1
        watchers[nextWatcherID] = Subscription(filter: filter, continuation: continuation)
        return (nextWatcherID, stream)
    }

    /// Sends a watcher a BOOKMARK at the current resourceVersion, in order with its events.
    func bookmark(_ id: Int) {
        guard let watcher = watchers[id] else { return }
        deliver(.bookmark(resourceVersion: state.resourceVersion), to: id, watcher.continuation)
    }

    func stopWatching(_ id: Int) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }

    /// Ends every watch (shutdown).
    func stopAllWatches() {
        for watcher in watchers.values { watcher.continuation.finish() }
        watchers = [:]
    }
}
