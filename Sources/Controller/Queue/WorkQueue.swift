import Foundation
import Synchronization

/// The async shell of `WorkQueueStateMachine`: thread-safe adds from watchers and resync, and `nextKey()` for the
/// dispatcher, which waits until a key is due (or the queue is told to wake).
final class WorkQueue: Sendable {
    private let machine: Mutex<WorkQueueStateMachine>
    private let generator: Mutex<any RandomNumberGenerator & Sendable>
    private let signal = Signal()
    let clock: any KubeClock
    let metrics: ControllerMetrics?

    init(machine: WorkQueueStateMachine, clock: any KubeClock, generator: any RandomNumberGenerator & Sendable,
        metrics: ControllerMetrics? = nil)
    {
        self.machine = Mutex(machine)
        self.generator = Mutex(generator)
        self.clock = clock
        self.metrics = metrics
    }

    var depth: Int { machine.withLock { $0.depth } }

    func add(_ key: ObjectKey, after delay: Duration = .zero) {
        let depth = machine.withLock { machine in
            machine.add(key, now: clock.now(), after: delay)
            return machine.depth
        }
        metrics?.queueDepth.record(depth)
        signal.notify()
    }

    /// The next key to process; waits while nothing is due. `nil` when the task is cancelled or `stopping()`.
    /// `mayRun` gates handing out keys (leadership, synced caches); `wake()` re-checks both.
    func nextKey(mayRun: () -> Bool, stopping: () -> Bool = { false }) async -> ObjectKey? {
        while !Task.isCancelled && !stopping() {
            guard mayRun() else {
                await signal.wait(timeout: .seconds(1), clock: clock)
                continue
            }
            let now = clock.now()
            let (next, depth) = machine.withLock { ($0.next(now: now), $0.depth) }
            switch next {
            case .run(let key, let waited):
                metrics?.queueDepth.record(depth)
                metrics?.queueWait.recordNanoseconds(Int64(waited.seconds * 1e9))
                return key
            case .wait(let until):
                await signal.wait(timeout: until.duration(since: now), clock: clock)
            case .idle, .busy:
                await signal.wait()
            }
        }
        return nil
    }

    func done(_ key: ObjectKey, _ outcome: WorkQueueStateMachine.Outcome) {
        let retry = generator.withLock { generator in
            machine.withLock { $0.done(key, outcome, now: clock.now(), using: &generator) }
        }
        if retry != nil { metrics?.retries.increment() }
        signal.notify()
    }

    func wake() { signal.notify() }
}
