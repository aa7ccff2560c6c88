import Logging
import NIOCore
import Synchronization

/// N Python worker processes running one entry script, with a bounded queue in front of them.
///
/// `start` launches every worker and returns when all finished `init()`. `run` admits a request
/// (see `WorkerDispatch`), runs it on a free worker under the request timeout, and hands the worker
/// on. A worker that crashes or is killed for a timeout is restarted by `supervise`, with backoff.
final class WorkerPool: Sendable {
    private struct State {
        var dispatch: WorkerDispatch<UInt64>
        var waiters: [UInt64: Waiter] = [:]
        var workers: [WorkerProcess?]
        var nextWaiter: UInt64 = 0
    }

    private struct Waiter {
        var continuation: CheckedContinuation<WorkerProcess, any Error>
        var expiry: Scheduled<Void>?
    }

    private let state: Mutex<State>
    private let launch: WorkerProcess.Launch
    private let group: EventLoopGroup
    private let limits: ScorerConfiguration
    private let logger: Logger
    private let metrics: ScorerMetrics
    private let exits: (stream: AsyncStream<Int>, continuation: AsyncStream<Int>.Continuation)

    init(
        configuration: ScorerConfiguration, launch: WorkerProcess.Launch, group: EventLoopGroup,
        metrics: ScorerMetrics, logger: Logger
    ) {
        let count = configuration.workers
        let queueLength = max(0, configuration.maxConcurrentRequests - count)
        self.state = Mutex(State(
            dispatch: WorkerDispatch(workerCount: count, maxQueueLength: queueLength),
            workers: Array(repeating: nil, count: count)))
        self.launch = launch
        self.group = group
        self.limits = configuration
        self.metrics = metrics
        self.logger = logger
        self.exits = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(count))
    }

    var readyWorkers: Int { state.withLock { $0.dispatch.readyCount } }

    /// Starts every worker; returns the swagger payload once all finished `init()`.
    /// Throws the first failure (the caller exits, as azmlinfsrv does).
    func start() async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer.self) { tasks in
            for index in 0..<limits.workers {
                tasks.addTask { try await self.launchWorker(index) }
            }
            let swagger = try await tasks.next()!
            try await tasks.waitForAll()
            return swagger
        }
    }

    /// Restarts workers that ended, until `shutdown`. Run it next to the server.
    func supervise() async {
        await withDiscardingTaskGroup { tasks in
            for await index in exits.stream {
                tasks.addTask { await self.restart(index) }
            }
        }
    }

    /// Runs one request on a free worker, waiting in the queue if all are busy.
    func run(_ request: WorkerRequest) async throws -> WorkerAnswer {
        let worker = try await admit()
        let timedOut = Atomic<Bool>(false)
        let timeout = limits.requestTimeoutMilliseconds
        let timer = group.any().scheduleTask(in: .milliseconds(Int64(timeout))) {
            timedOut.store(true, ordering: .relaxed)
            worker.kill()
        }
        do {
            let answer = try await worker.run(request)
            timer.cancel()
            // Past the deadline the worker is being killed: its exit, not us, makes it available again.
            if !timedOut.load(ordering: .relaxed) { handOn(worker.index) }
            return answer
        } catch {
            timer.cancel()
            // The worker is gone; `workerExited` restarts it.
            if timedOut.load(ordering: .relaxed) { throw ScorerError.timeout(milliseconds: timeout) }
            throw error
        }
    }

    /// Stops admitting, answers waiters with 503, and stops the workers (killing those that linger).
    func shutdown() async {
        let (rejected, workers) = state.withLock { state in
            let ids = state.dispatch.shutDown()
            let rejected = ids.compactMap { state.waiters.removeValue(forKey: $0) }
            return (rejected, state.workers.compactMap { $0 })
        }
        for waiter in rejected {
            waiter.expiry?.cancel()
            waiter.continuation.resume(throwing: ScorerError.notReady("the scorer is shutting down"))
        }
        exits.continuation.finish()
        for worker in workers { worker.stop() }
        let deadline = group.any().scheduleTask(in: .seconds(5)) { workers.forEach { $0.kill() } }
        for worker in workers { _ = try? await worker.exited.get() }
        deadline.cancel()
    }

    // MARK: - Admission

    private func admit() async throws -> WorkerProcess {
        try await withCheckedThrowingContinuation { continuation in
            let ready: WorkerProcess? = state.withLock { state in
                let id = state.nextWaiter
                state.nextWaiter += 1
                switch state.dispatch.arrive(id) {
                case .run(let index):
                    return state.workers[index]!
                case .rejected:
                    let waiting = state.dispatch.queue.count
                    continuation.resume(throwing: ScorerError.overloaded(
                        "all \(limits.workers) workers are busy and \(waiting) requests are queued "
                            + "(--max-concurrent-requests \(limits.maxConcurrentRequests)); retry later"))
                    return nil
                case .queued:
                    let wait = limits.maxQueueWaitMilliseconds
                    let expiry = group.any().scheduleTask(in: .milliseconds(Int64(wait))) { [self] in
                        expire(id, after: wait)
                    }
                    state.waiters[id] = Waiter(continuation: continuation, expiry: expiry)
                    metrics.queueDepth.record(state.dispatch.queue.count)
                    return nil
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func expire(_ id: UInt64, after milliseconds: Int) {
        let waiter = state.withLock { state -> Waiter? in
            guard state.dispatch.expire(id) else { return nil }
            metrics.queueDepth.record(state.dispatch.queue.count)
            return state.waiters.removeValue(forKey: id)
        }
        waiter?.continuation.resume(throwing: ScorerError.overloaded(
            "no worker became free within --max-queue-wait-ms \(milliseconds) ms; retry later"))
    }

    /// A worker is free (finished a request or `init()`): give it to the next waiter, if any.
    private func handOn(_ index: Int) {
        let next = state.withLock { state -> (Waiter, WorkerProcess)? in
            guard case .run(let id, let worker) = state.dispatch.workerAvailable(index) else { return nil }
            metrics.queueDepth.record(state.dispatch.queue.count)
            return (state.waiters.removeValue(forKey: id)!, state.workers[worker]!)
        }
        guard let (waiter, worker) = next else { return }
        waiter.expiry?.cancel()
        waiter.continuation.resume(returning: worker)
    }

    // MARK: - Worker lifecycle

    private func launchWorker(_ index: Int) async throws -> ByteBuffer {
        let (worker, swagger) = try await WorkerProcess.start(index: index, launch: launch, group: group)
        let shuttingDown = state.withLock { state in
            if !state.dispatch.shuttingDown { state.workers[index] = worker }
            return state.dispatch.shuttingDown
        }
        guard !shuttingDown else {
            worker.kill()
            throw ScorerError.notReady("the scorer is shutting down")
        }
        logger.info("worker started", metadata: [LogKey.worker: "\(index)", LogKey.pid: "\(worker.pid)"])
        worker.exited.whenSuccess { [self] how in workerExited(index, pid: worker.pid, how: how) }
        handOn(index)
        return swagger
    }

    private func workerExited(_ index: Int, pid: Int32, how: String) {
        let shuttingDown = state.withLock { state in
            state.dispatch.workerLost(index)
            state.workers[index] = nil
            return state.dispatch.shuttingDown
        }
        guard !shuttingDown else { return }
        logger.warning("worker ended; restarting it", metadata: [
            LogKey.worker: "\(index)", LogKey.pid: "\(pid)", LogKey.reason: "\(how)",
        ])
        metrics.workerRestarts.increment()
        exits.continuation.yield(index)
    }

    private func restart(_ index: Int) async {
        var delay = Duration.milliseconds(100)
        while !state.withLock({ $0.dispatch.shuttingDown }) {
            do {
                _ = try await launchWorker(index)
                return
            } catch {
                logger.error("worker restart failed; retrying in \(delay)", metadata: [
                    LogKey.worker: "\(index)", LogKey.reason: "\(error)",
                ])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(30))
            }
        }
    }
}
