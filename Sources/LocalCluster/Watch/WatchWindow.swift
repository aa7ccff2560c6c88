/// The recent changes kept for resuming watches (etcd's history before compaction): at most `capacity` events.
/// A watch may resume from any resourceVersion at or after `compactedThrough`; older ones are 410 Expired.
struct WatchWindow: Sendable {
    let capacity: Int
    private(set) var events: [WatchEvent] = []
    /// Every change up to and including this resourceVersion is gone from the window.
    private(set) var compactedThrough: Int64

    init(capacity: Int, startingAt resourceVersion: Int64) {
        self.capacity = max(1, capacity)
        compactedThrough = resourceVersion
    }

    mutating func append(_ event: WatchEvent) {
        events.append(event)
        let excess = events.count - capacity
        if excess > 0 {
            compactedThrough = events[excess - 1].resourceVersion
            events.removeFirst(excess)
        }
    }

    enum Replay: Equatable {
        case events([WatchEvent])
        /// The resourceVersion is older than the window; `oldest` is the oldest one a watch may start from.
        case expired(oldest: Int64)
    }

    /// The events after `resourceVersion`, or `.expired` when some of them were already dropped.
    func replay(after resourceVersion: Int64) -> Replay {
        guard resourceVersion >= compactedThrough else { return .expired(oldest: compactedThrough + 1) }
        return .events(events.filter { $0.resourceVersion > resourceVersion })
    }
}
