import Foundation
import Logging
import ServiceLifecycle
import ServingAPI
import Synchronization

/// A kind whose objects concern primary objects without being owned by them (a ModelDeployment names its Model):
/// `keys` maps one of its objects to the keys of the primary objects to reconcile, given the primary cache
/// (controller-runtime's `Watches` with `EnqueueRequestsFromMapFunc`). A change queues the keys of the object's
/// previous and new versions, so a reference that moved triggers both ends.
public struct RelatedWatch: Sendable {
    public var type: K8s.ResourceType
    /// Whether only creations, deletions and changes of `metadata.generation` (the spec) trigger: a change of
    /// status, labels or annotations alone does not (controller-runtime's `GenerationChangedPredicate`).
    public var generationChangesOnly: Bool
    /// What of the kind is watched (e.g. a label selector: only our pods).
    public var options: ListOptions
    public var keys: @Sendable (_ object: JSONValue, _ primary: Store) -> [ObjectKey]

    public init(type: K8s.ResourceType, generationChangesOnly: Bool = false, options: ListOptions = ListOptions(),
        keys: @escaping @Sendable (_ object: JSONValue, _ primary: Store) -> [ObjectKey])
    {
        self.type = type
        self.generationChangesOnly = generationChangesOnly
        self.options = options
        self.keys = keys
    }

    /// The primary keys a change of a related object queues: those of its new and previous versions, or none for
    /// a change that leaves the generation as it was when only generation changes count.
    func keysToQueue(_ change: WatcherChange, previous: JSONValue?, primary: Store) -> Set<ObjectKey> {
        switch change {
        case .applied(let object), .deleted(let object):
            if case .applied = change, generationChangesOnly, let previous, previous.generation == object.generation {
                return []
            }
            return Set(keys(object, primary)).union(previous.map { keys($0, primary) } ?? [])
        case .synced:
            return []
        }
    }
}

/// How a controller runs.
public struct ControllerConfiguration: Sendable {
    public var name: String
    public var primary: K8s.ResourceType
    /// Kinds whose objects carry a controller ownerReference to a primary object; their changes trigger the owner.
    public var owned: [K8s.ResourceType]
    /// Kinds whose changes trigger primary objects they do not belong to; cached like owned kinds.
    public var related: [RelatedWatch]
    /// Named indexes of the caches, per kind (`Store.byIndex`).
    public var indexers: [K8s.ResourceType: [String: Store.IndexFunction]]
    /// `nil`: every namespace.
    public var namespace: String?
    public var maximumConcurrentReconciles: Int
    /// Every key is queued again this often (a backstop for anything missed); `nil`: never.
    public var resyncPeriod: Duration?
    public var backoff: Backoff
    /// The global limit on retries of failed keys per second, and its burst (new and changed keys are never limited).
    public var rateLimit: (perSecond: Double, burst: Int)
    public var watcherBackoff: Backoff
    public var watchTimeoutSeconds: Int

    public init(name: String, primary: K8s.ResourceType, owned: [K8s.ResourceType] = [], related: [RelatedWatch] = [],
        indexers: [K8s.ResourceType: [String: Store.IndexFunction]] = [:], namespace: String? = nil,
        maximumConcurrentReconciles: Int = 2, resyncPeriod: Duration? = .seconds(600), backoff: Backoff = .perKey,
        rateLimit: (perSecond: Double, burst: Int) = (10, 100), watcherBackoff: Backoff = .watcher,
        watchTimeoutSeconds: Int = 290)
    {
        self.name = name
        self.primary = primary
        self.owned = owned
        self.related = related
        self.indexers = indexers
        self.namespace = namespace
        self.maximumConcurrentReconciles = maximumConcurrentReconciles
        self.resyncPeriod = resyncPeriod
        self.backoff = backoff
        self.rateLimit = rateLimit
        self.watcherBackoff = watcherBackoff
        self.watchTimeoutSeconds = watchTimeoutSeconds
    }
}

/// A controller: watches its primary and owned kinds into caches, turns changes into keys on a work queue, and
/// runs the reconciler for due keys (a bounded number at once, only while caches are synced and, with leader
/// election, only while leader). A ServiceLifecycle `Service`: graceful shutdown stops handing out keys and
/// lets running reconciles finish.
public final class Controller: Service, Sendable {
    public let configuration: ControllerConfiguration
    public let client: KubeClient
    let reconciler: any Reconciler
    let primaryWatcher: Watcher
    let ownedWatchers: [Watcher]
    let relatedWatchers: [(watch: RelatedWatch, watcher: Watcher)]
    let queue: WorkQueue
    let leaderElector: LeaderElector?
    let events: EventRecorder?
    let metrics: ControllerMetrics
    let clock: any KubeClock
    let logger: Logger
    /// Set on graceful shutdown: no new reconciles start; running ones finish.
    private let stopping = Atomic(false)

    public init(
        configuration: ControllerConfiguration, client: KubeClient, reconciler: any Reconciler,
        leaderElector: LeaderElector? = nil, events: EventRecorder? = nil, clock: any KubeClock = SystemKubeClock(),
        generator: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        logger: Logger = Logger(label: "swiftlet.controller")
    ) {
        self.configuration = configuration
        self.client = client
        self.reconciler = reconciler
        self.leaderElector = leaderElector
        self.events = events
        self.clock = clock
        self.logger = logger
        metrics = ControllerMetrics(controller: configuration.name)
        func watcher(_ type: K8s.ResourceType, options: ListOptions = ListOptions()) -> Watcher {
            Watcher(client: client, resourceType: type, namespace: configuration.namespace, options: options, clock: clock,
                backoff: configuration.watcherBackoff, watchTimeoutSeconds: configuration.watchTimeoutSeconds,
                indexers: configuration.indexers[type] ?? [:], logger: logger)
        }
        primaryWatcher = watcher(configuration.primary)
        ownedWatchers = configuration.owned.map { watcher($0) }
        relatedWatchers = configuration.related.map { ($0, watcher($0.type, options: $0.options)) }
        let machine = WorkQueueStateMachine(maximumConcurrent: configuration.maximumConcurrentReconciles,
            backoff: configuration.backoff,
            rateLimit: TokenBucket(rate: configuration.rateLimit.perSecond, burst: configuration.rateLimit.burst))
        queue = WorkQueue(machine: machine, clock: clock, generator: generator, metrics: metrics)
    }

    public var store: Store { primaryWatcher.store }
    public func store(for type: K8s.ResourceType) -> Store? { secondaryWatchers.first { $0.resourceType == type }?.store }

    /// The watchers of owned and related kinds.
    private var secondaryWatchers: [Watcher] { ownedWatchers + relatedWatchers.map(\.watcher) }

    /// Whether every cache has finished its first list.
    public var hasSynced: Bool { primaryWatcher.store.hasSynced && secondaryWatchers.allSatisfy { $0.store.hasSynced } }

    /// Runs until graceful shutdown (then stops starting reconciles, lets running ones finish, and stops watching)
    /// or cancellation.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await self.runUntilCancelled()
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Stops handing out keys; `runUntilCancelled` returns once the running reconciles are done.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
        queue.wake()
    }

    /// Runs until the task is cancelled or `stop()` is called.
    public func runUntilCancelled() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.primaryWatcher.run { change in self.primaryChanged(change) } }
            for watcher in ownedWatchers {
                group.addTask { await watcher.run { change in self.ownedChanged(change, watcher.resourceType) } }
            }
            for (watch, watcher) in relatedWatchers {
                group.addTask {
                    await watcher.run(onChangeWithPrevious: { change, previous in
                        self.relatedChanged(change, previous: previous, watch)
                    })
                }
            }
            if let period = configuration.resyncPeriod {
                group.addTask { await self.resync(every: period) }
            }
            if let leaderElector { group.addTask { await leaderElector.waitForChanges { self.queue.wake() } } }
            await dispatch()
            group.cancelAll()
        }
    }

    private func dispatch() async {
        await withDiscardingTaskGroup { reconciles in
            while let key = await queue.nextKey(mayRun: mayReconcile, stopping: { self.stopping.load(ordering: .relaxed) }) {
                reconciles.addTask { await self.process(key) }
            }
        }
    }

    private func mayReconcile() -> Bool {
        hasSynced && (leaderElector?.isLeader ?? true)
    }

    private func process(_ key: ObjectKey) async {
        let context = ReconcileContext(client: client, store: store,
            ownedStores: Dictionary(uniqueKeysWithValues: secondaryWatchers.map { ($0.resourceType, $0.store) }),
            events: events)
        let started = clock.now()
        metrics.reconcileTotal.increment()
        let outcome: WorkQueueStateMachine.Outcome
        do {
            switch try await whileLeading({ try await self.reconciler.reconcile(key, context: context) }) {
            case .requeue(let after): outcome = .success(requeueAfter: after)
            case .awaitChange: outcome = .success(requeueAfter: nil)
            }
        } catch {
            metrics.reconcileErrors.increment()
            let terminal = if case KubeError.terminal = error { true } else { false }
            logger.info("reconcile failed", metadata: [
                LogKey.controller: "\(configuration.name)", LogKey.key: "\(key)", LogKey.error: "\(error)",
            ])
            outcome = terminal ? .terminalFailure : .failure
        }
        metrics.reconcileDuration.recordNanoseconds(Int64(clock.now().timeIntervalSince(started) * 1e9))
        queue.done(key, outcome)
    }

    /// Runs `body`, cancelling it if leadership lapses meanwhile (checked every 100 ms): a replica that no longer
    /// leads must stop writing, since another may soon reconcile the same key.
    private func whileLeading(_ body: @escaping @Sendable () async throws -> ReconcileAction) async throws
        -> ReconcileAction
    {
        guard let leaderElector else { return try await body() }
        return try await withThrowingTaskGroup(of: ReconcileAction?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                while leaderElector.isLeader { try await self.clock.sleep(for: .milliseconds(100)) }
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let action = first else {
                throw KubeError.runtime("leadership lapsed during the reconcile, which was cancelled")
            }
            return action
        }
    }

    private func primaryChanged(_ change: WatcherChange) {
        switch change {
        case .applied(let object), .deleted(let object):
            if let key = ObjectKey(object) { queue.add(key) }
        case .synced:
            queue.wake()
        }
    }

    private func ownedChanged(_ change: WatcherChange, _ type: K8s.ResourceType) {
        switch change {
        case .applied(let object), .deleted(let object):
            if let key = controllerOwnerKey(of: object, ownerType: configuration.primary) { queue.add(key) }
        case .synced:
            queue.wake()
        }
    }

    private func relatedChanged(_ change: WatcherChange, previous: JSONValue?, _ watch: RelatedWatch) {
        switch change {
        case .applied, .deleted:
            for key in watch.keysToQueue(change, previous: previous, primary: store) { queue.add(key) }
        case .synced:
            queue.wake()
        }
    }

    private func resync(every period: Duration) async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: period) } catch { return }
            for key in store.keys { queue.add(key) }
        }
    }
}
