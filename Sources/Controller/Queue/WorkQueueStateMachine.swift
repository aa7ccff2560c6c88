import Foundation

/// The work queue as a value (client-go's workqueue semantics): keys, not events; a key waiting twice is one
/// entry (earliest due time wins); a key being processed is never handed out again until done, and if it was
/// added meanwhile it is queued again after; delayed adds; per-key exponential backoff for failures, bounded
/// overall by a global token bucket (client-go's default controller rate limiter: the larger of the two delays;
/// like client-go, only retries are rate-limited, never keys added by watch events); at most `maximumConcurrent`
/// keys processing at once.
struct WorkQueueStateMachine {
    struct Entry: Equatable {
        var due: Date
        var enqueued: Date
    }

    enum Next: Equatable {
        /// Process `key`; it waited `waited` since it was first queued.
        case run(ObjectKey, waited: Duration)
        /// Nothing is due before this time.
        case wait(until: Date)
        /// Nothing queued.
        case idle
        /// Every processing slot is taken; wait for `done`.
        case busy
    }

    enum Outcome: Equatable {
        case success(requeueAfter: Duration?)
        case failure
        /// Failed in a way retrying cannot fix: forget the key until it is added again.
        case terminalFailure
    }

    private(set) var waiting: [ObjectKey: Entry] = [:]
    private(set) var processing: Set<ObjectKey> = []
    /// Keys added while processing, with when they became due.
    private(set) var dirty: [ObjectKey: Entry] = [:]
    private(set) var failures: [ObjectKey: Int] = [:]
    private var bucket: TokenBucket
    let maximumConcurrent: Int
    let backoff: Backoff

    init(maximumConcurrent: Int, backoff: Backoff = .perKey, rateLimit: TokenBucket = TokenBucket()) {
        precondition(maximumConcurrent > 0)
        self.maximumConcurrent = maximumConcurrent
        self.backoff = backoff
        self.bucket = rateLimit
    }

    var depth: Int { waiting.count + dirty.count }

    /// Queues `key` to be processed `after` from now (at once by default).
    mutating func add(_ key: ObjectKey, now: Date, after delay: Duration = .zero) {
        let due = now.adding(max(delay, .zero))
        if processing.contains(key) {
            dirty[key] = Self.earlier(dirty[key], Entry(due: due, enqueued: now))
        } else {
            waiting[key] = Self.earlier(waiting[key], Entry(due: due, enqueued: now))
        }
    }

    mutating func next(now: Date) -> Next {
        guard processing.count < maximumConcurrent else { return .busy }
        let earliest = waiting.min { ($0.value.due, $0.key) < ($1.value.due, $1.key) }
        guard let (key, entry) = earliest else { return .idle }
        guard entry.due <= now else { return .wait(until: entry.due) }
        waiting[key] = nil
        processing.insert(key)
        return .run(key, waited: now.duration(since: entry.enqueued))
    }

    /// `key` finished. Returns the retry delay when it failed and will be retried.
    @discardableResult
    mutating func done(_ key: ObjectKey, _ outcome: Outcome, now: Date,
        using generator: inout some RandomNumberGenerator) -> Duration?
    {
        guard processing.remove(key) != nil else { return nil }
        var retry: Duration?
        switch outcome {
        case .success(let requeueAfter):
            failures[key] = nil
            if let requeueAfter { add(key, now: now, after: requeueAfter) }
        case .failure:
            let attempt = failures[key] ?? 0
            failures[key] = attempt + 1
            let delay = max(backoff.delay(attempt: attempt, using: &generator), bucket.reserve(now: now))
            add(key, now: now, after: delay)
            retry = delay
        case .terminalFailure:
            failures[key] = nil
        }
        if let entry = dirty.removeValue(forKey: key) {
            waiting[key] = Self.earlier(waiting[key], entry)
        }
        return retry
    }

    private static func earlier(_ existing: Entry?, _ new: Entry) -> Entry {
        guard let existing else { return new }
        return Entry(due: min(existing.due, new.due), enqueued: min(existing.enqueued, new.enqueued))
    }
}

/// A token bucket: `rate` tokens a second up to `burst` (client-go's default controller limit is 10/s, burst 100).
struct TokenBucket: Equatable {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var last: Date?

    init(rate: Double = 10, burst: Int = 100) {
        precondition(rate > 0 && burst > 0)
        self.rate = rate
        self.burst = Double(burst)
        self.tokens = Double(burst)
    }

    /// Reserves a token and returns how long to wait until it is available (zero while the burst lasts). Tokens
    /// may be reserved ahead, so successive reservations are spaced by `1 / rate`.
    mutating func reserve(now: Date) -> Duration {
        if let last { tokens = min(burst, tokens + max(0, now.timeIntervalSince(last)) * rate) }
        last = now
        tokens -= 1
        return tokens >= 0 ? .zero : .seconds(-tokens / rate)
    }
}
