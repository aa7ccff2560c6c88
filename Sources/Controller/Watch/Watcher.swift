import Logging
import ServingAPI

/// The async shell around `WatcherStateMachine`: performs its lists, watches and sleeps against the API, keeps a
/// `Store` up to date, and hands every change to `onChange`. Runs until cancelled.
public struct Watcher: Sendable {
    public let client: KubeClient
    public let resourceType: K8s.ResourceType
    /// `nil`: all namespaces.
    public let namespace: String?
    public let options: ListOptions
    public let store: Store
    let clock: any KubeClock
    let backoff: Backoff
    let pageSize: Int
    let watchTimeoutSeconds: Int
    let logger: Logger

    public init(
        client: KubeClient, resourceType: K8s.ResourceType, namespace: String? = nil,
        options: ListOptions = ListOptions(), clock: any KubeClock = SystemKubeClock(), backoff: Backoff = .watcher,
        pageSize: Int = 500, watchTimeoutSeconds: Int = 290, indexers: [String: Store.IndexFunction] = [:],
        logger: Logger = Logger(label: "swiftlet.watcher")
    ) {
        self.client = client
        self.resourceType = resourceType
        self.namespace = namespace
        self.options = options
        self.store = Store(resourceType: resourceType, indexers: indexers)
        self.clock = clock
        self.backoff = backoff
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.logger = logger
    }

    /// Lists and watches until the task is cancelled. `onChange` runs after the store has the change.
    public func run(onChange: @escaping @Sendable (WatcherChange) async -> Void = { _ in }) async {
        await run(onChangeWithPrevious: { change, _ in await onChange(change) })
    }

    /// As `run(onChange:)`, also passing the object the change replaced or removed (what the store held before).
    public func run(onChangeWithPrevious onChange: @Sendable (WatcherChange, JSONValue?) async -> Void) async {
        var machine = WatcherStateMachine(backoff: backoff)
        var generator = SystemRandomNumberGenerator()
        var action = machine.start()
        while !Task.isCancelled {
            switch action {
            case .list(let token):
                var pageOptions = options
                pageOptions.limit = pageSize
                pageOptions.continueToken = token
                do throws(KubeError) {
                    let page = try await client.list(resourceType, namespace: namespace, options: pageOptions)
                    let (changes, next) = machine.listed(page)
                    await deliver(changes, onChange)
                    action = next
                } catch {
                    logger.info("list failed", metadata: [LogKey.resource: "\(resourceType)", LogKey.error: "\(error)"])
                    action = machine.listFailed(error, using: &generator)
                }
            case .watch(let version):
                action = await watch(from: version, &machine, &generator, onChange)
            case .sleep(let delay):
                do { try await clock.sleep(for: delay) } catch { return }
                action = machine.backoffElapsed()
            }
        }
    }

    private func watch(
        from version: String, _ machine: inout WatcherStateMachine, _ generator: inout SystemRandomNumberGenerator,
        _ onChange: @Sendable (WatcherChange, JSONValue?) async -> Void
    ) async -> WatcherStateMachine.Action {
        let started = clock.now()
        var withEvents = false
        do {
            let stream = try await client.watch(resourceType, namespace: namespace, resourceVersion: version,
                options: options, timeoutSeconds: watchTimeoutSeconds)
            for try await event in stream {
                withEvents = true
                let (changes, next) = machine.received(event, using: &generator)
                await deliver(changes, onChange)
                if let next { return next }
            }
            return machine.watchEnded(withEvents: withEvents, lasted: clock.now().duration(since: started),
                using: &generator)
        } catch let error as KubeError {
            if case .api = error { return machine.watchFailed(error, using: &generator) }
            if Task.isCancelled { return .sleep(.zero) }
            logger.info("watch broke", metadata: [LogKey.resource: "\(resourceType)", LogKey.error: "\(error)"])
            return machine.watchBroke(error, using: &generator)
        } catch {
            return machine.watchBroke(.transport("\(error)"), using: &generator)
        }
    }

    private func deliver(_ changes: [WatcherChange], _ onChange: @Sendable (WatcherChange, JSONValue?) async -> Void)
        async
    {
        for change in changes {
            let previous = store.apply(change)
            await onChange(change, previous)
        }
    }
}

/// Metadata keys of the runtime's log lines.
enum LogKey {
    static let resource = "resource"
    static let error = "error"
    static let key = "key"
    static let controller = "controller"
    static let identity = "identity"
}
