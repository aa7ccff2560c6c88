import Controller
import Logging
import ServiceLifecycle
import ServingAPI
import Synchronization

/// The current route table, read by every request without waiting, replaced whole by `RouteWatch`.
public final class RouteTableStore: Sendable {
    private let table = Mutex(RouteTable.empty)
    private let waits: AsyncStream<String>.Continuation
    /// The deployments (`namespace/name`) a request began to wait for, having no ready pod while it scales to
    /// zero: what an autoscaler scales from zero on, without waiting for its next sample. One reader.
    public let podsWanted: AsyncStream<String>

    public init() {
        (podsWanted, waits) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(64))
    }

    var current: RouteTable { table.withLock { $0 } }
    public var isSynced: Bool { table.withLock { $0.isSynced } }

    func replace(_ new: RouteTable) { table.withLock { $0 = new } }

    /// Per deployment (`namespace/name`): the requests in flight now (on its ready pods, and waiting for one while
    /// it scales from zero), and the requests routed to it since the router started. What concurrency autoscaling
    /// reads.
    public func load() -> [String: (inFlight: Int, routed: Int)] {
        var result: [String: (inFlight: Int, routed: Int)] = [:]
        for route in current.endpoints.values {
            for deployment in route.deployments.values {
                let metrics = deployment.metrics
                let inFlight = deployment.pods.backends.reduce(0) { $0 + $1.inFlight } + metrics.waiting.load(ordering: .relaxed)
                let key = "\(route.key.namespace)/\(deployment.name)"
                let sum = result[key] ?? (0, 0)
                result[key] = (sum.inFlight + inFlight, sum.routed + metrics.routed.load(ordering: .relaxed))
            }
        }
        return result
    }

    /// A request began to wait for a pod of `deployment`.
    func wantsPod(namespace: String, deployment: String) { waits.yield("\(namespace)/\(deployment)") }
}

/// Watches ModelEndpoints, the scorers' EndpointSlices and the endpoints' key Secrets through the Kubernetes API, and
/// rebuilds the route table after every change (bursts coalesce into one rebuild). Request handling never waits on
/// it: a slow or absent API server leaves the last table serving.
public struct RouteWatch: Service {
    static let endpointSliceType = EndpointSliceAddresses.resourceType
    static let secretType = K8s.ResourceType(group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true)
    static let managedBy = "app.kubernetes.io/managed-by"
    // The scorers' slices are selected by their Service's labels: Kubernetes' EndpointSlice controller copies a
    // Service's labels onto its slices (all but its own reserved ones).

    let store: RouteTableStore
    let metrics: RouterMetrics
    let watchers: (endpoints: Watcher, slices: Watcher, secrets: Watcher)
    let logger: Logger

    public init(client: KubeClient, namespace: String?, store: RouteTableStore, logger: Logger) {
        self.store = store
        self.metrics = RouterMetrics()
        self.logger = logger
        let scorers = LabelSelector(matchLabels: [Self.managedBy: "swiftlet", "app.kubernetes.io/component": "scorer"])
        let keys = LabelSelector(requirements: [
            .equals(Self.managedBy, "swiftlet"), .exists(RouteTableBuilder.endpointLabel),
        ])
        watchers = (
            Watcher(client: client, resourceType: ModelEndpoint.resourceType, namespace: namespace, logger: logger),
            Watcher(client: client, resourceType: Self.endpointSliceType, namespace: namespace,
                options: ListOptions(labelSelector: scorers), logger: logger),
            Watcher(client: client, resourceType: Self.secretType, namespace: namespace,
                options: ListOptions(labelSelector: keys), logger: logger)
        )
    }

    public func run() async throws {
        let (changes, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for watcher in [watchers.endpoints, watchers.slices, watchers.secrets] {
                    group.addTask { await watcher.run { _ in signal.yield() } }
                }
                group.addTask {
                    for await _ in changes { rebuild() }
                }
            }
        }
    }

    /// Builds a new table from the watchers' caches and swaps it in.
    func rebuild() {
        let builder = RouteTableBuilder(
            endpoints: watchers.endpoints.store.list(), slices: watchers.slices.store.list(),
            secrets: watchers.secrets.store.list(),
            isSynced: watchers.endpoints.store.hasSynced && watchers.slices.store.hasSynced
                && watchers.secrets.store.hasSynced)
        let table = builder.build(previous: store.current, metrics: metrics)
        store.replace(table)
        logger.debug("routes rebuilt", metadata: ["endpoints": "\(table.endpoints.count)"])
    }
}
