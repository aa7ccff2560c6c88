/// Who runs which request: the Python worker pool's admission and dispatch as a value type.
///
/// Requests go to an idle worker at once; the rest wait in one FIFO queue, bounded in length
/// (`maxQueueLength`) and in time (the caller expires a waiter after `maxQueueWait`). A worker
/// that is lost (crashed, or killed after a timeout) takes no work until it is ready again.
/// The pool performs the returned actions; this type does no I/O and keeps no clock.
struct WorkerDispatch<Waiter: Hashable> {
    enum WorkerState: Equatable {
        case starting, idle, busy, lost
    }

    enum Arrival: Equatable {
        /// Run on this worker now.
        case run(worker: Int)
        /// Parked in the queue; a later `.run` or `expire` resolves it.
        case queued
        /// The queue is full (or the pool is shutting down): answer 503 at once.
        case rejected
    }

    enum Handoff: Equatable {
        /// Give the worker to this waiter.
        case run(Waiter, worker: Int)
        /// No one waits; the worker is idle.
        case none
    }

    private(set) var workers: [WorkerState]
    private(set) var queue: [Waiter] = []
    private(set) var shuttingDown = false
    let maxQueueLength: Int

    init(workerCount: Int, maxQueueLength: Int) {
        precondition(workerCount > 0, "a pool needs at least one worker")
        self.workers = Array(repeating: .starting, count: workerCount)
        self.maxQueueLength = max(0, maxQueueLength)
    }

    var busyCount: Int { workers.count { $0 == .busy } }
    var readyCount: Int { workers.count { $0 == .idle || $0 == .busy } }

    mutating func arrive(_ waiter: Waiter) -> Arrival {
        if shuttingDown { return .rejected }
        if queue.isEmpty, let worker = workers.firstIndex(of: .idle) {
            workers[worker] = .busy
            return .run(worker: worker)
        }
        guard queue.count < maxQueueLength else { return .rejected }
        queue.append(waiter)
        return .queued
    }

    /// The waiter's queue time ran out. True when it was still waiting (and is now removed).
    mutating func expire(_ waiter: Waiter) -> Bool {
        guard let index = queue.firstIndex(of: waiter) else { return false }
        queue.remove(at: index)
        return true
    }

    /// A worker finished a request, or (re)started and finished `init()`.
    mutating func workerAvailable(_ worker: Int) -> Handoff {
        guard !queue.isEmpty, !shuttingDown else {
            workers[worker] = .idle
            return .none
        }
        workers[worker] = .busy
        return .run(queue.removeFirst(), worker: worker)
    }

    /// A worker died or was killed; it takes no work until `workerAvailable`.
    mutating func workerLost(_ worker: Int) {
        workers[worker] = .lost
    }

    /// Stop admitting; returns the waiters to reject.
    mutating func shutDown() -> [Waiter] {
        shuttingDown = true
        defer { queue.removeAll() }
        return queue
    }
}
