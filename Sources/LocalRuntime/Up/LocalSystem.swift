import Controller
import Foundation
import LocalCluster
import Logging
import NIOCore
import NIOPosix
import Reconcilers
import ServiceLifecycle
import ServingAPI
import Traffic

/// How to run `swiftlet up`.
public struct LocalSystemConfiguration: Sendable {
    public var dataDirectory: String
    /// The router's port on 127.0.0.1 (0 picks a free one).
    public var routerPort = 8080
    /// The API server's port on 127.0.0.1 (0 picks a free one).
    public var apiPort = 6443
    public var installSamples = true
    /// How long the concurrency autoscaler keeps replicas that a burst's peak needed.
    public var scaleDownWindow: Duration = .seconds(30)
    /// The binary the replicas run (this one).
    public var executable: String
    /// The Prometheus text of this process's metrics (the router's `/metrics`).
    public var metricsText: @Sendable () -> String = { "" }
    /// Where the banner and progress lines go (stdout in the CLI).
    public var print: @Sendable (String) -> Void = { _ in }
    /// When the command started: the time to the first score is counted from it.
    public var startedAt = ContinuousClock.now

    public init(dataDirectory: String, executable: String) {
        self.dataDirectory = dataDirectory
        self.executable = executable
    }
}

/// The whole system on one machine, as one ServiceGroup: the embedded API server first; once it listens, the
/// controller, the local runtime (the kubelet), the concurrency autoscaler and the router, which stop in the reverse
/// order (the router, then the autoscaler, then the scorer processes, then the controller, then the API server).
public struct LocalSystem: Sendable {
    let configuration: LocalSystemConfiguration
    let logger: Logger

    public init(configuration: LocalSystemConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let lock = try DataDirectoryLock(dataDirectory: configuration.dataDirectory)
        defer { lock.release() }
        var apiConfiguration = APIServerConfiguration(dataDirectory: URL(fileURLWithPath: configuration.dataDirectory))
        apiConfiguration.port = configuration.apiPort
        // `kubectl logs` reads the local runtime's replica logs.
        apiConfiguration.podLogPath = { [dataDirectory = configuration.dataDirectory] pod in
            guard let deployment = pod.labels[ServingLabels.deployment], let name = pod.name else { return nil }
            return ReplicaFiles(dataDirectory: dataDirectory, namespace: pod.namespace ?? "default",
                deployment: deployment, pod: name).logPath
        }
        let (ready, readyContinuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(1))
        apiConfiguration.onReady = { address, _ in
            readyContinuation.yield(address)
            readyContinuation.finish()
        }
        let apiServer = APIServer(configuration: apiConfiguration, logger: logger)
        let system = Components(configuration: configuration, kubeconfigPath: apiConfiguration.kubeconfigPath,
            apiReady: ready, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: apiServer), .init(service: system)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch where apiServer.port == nil {
            throw RuntimeError("the API server did not start on 127.0.0.1:\(configuration.apiPort) (\(error)): "
                + "if the port is in use, stop what uses it or give --api-port another port (0 picks a free one)")
        }
    }
}

/// Everything after the API server, as one nested ServiceGroup.
struct Components: Service {
    let configuration: LocalSystemConfiguration
    let kubeconfigPath: String
    let apiReady: AsyncStream<String>
    let logger: Logger

    func run() async throws {
        var address: String?
        for await value in apiReady.cancelOnGracefulShutdown() { address = value }
        guard let address else { return }
        // The router binds first: a port in use ends `up` before anything else started.
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let routes = RouteTableStore()
        let router: RouterServer
        do {
            router = try await RouterServer(host: "127.0.0.1", port: configuration.routerPort, group: loops,
                routes: routes, configuration: RouterConfiguration(), metricsText: configuration.metricsText,
                logger: logger)
        } catch {
            try? await loops.shutdownGracefully()
            throw RuntimeError("the router cannot listen on 127.0.0.1:\(configuration.routerPort) (\(error)): "
                + "stop what uses it, or give --port another port (0 picks a free one)")
        }
        let client = try KubeClient(configuration: ClientConfiguration.fromKubeconfig(path: kubeconfigPath, context: nil),
            logger: logger)
        do {
            try await serve(address: address, router: router, routes: routes, client: client)
        } catch {
            try? await loops.shutdownGracefully()
            try? await client.shutdown()
            throw error
        }
        try await loops.shutdownGracefully()
        try await client.shutdown()
    }

    private func serve(address: String, router: RouterServer, routes: RouteTableStore, client: KubeClient) async throws {
        try await Installation.crds(client: client)
        if configuration.installSamples {
            try await Installation.samples(dataDirectory: configuration.dataDirectory, client: client)
        }
        let routerURL = "http://127.0.0.1:\(router.port ?? configuration.routerPort)"
        let events = EventRecorder(client: client, reportingController: "swiftlet.dev/controller",
            reportingInstance: "swiftlet-up", logger: logger)
        let controllers = ServingOperator.controllers(
            client: client, configuration: OperatorConfiguration(publicURL: routerURL, concurrencyAutoscaler: true),
            namespace: nil, concurrency: 4, leaderElector: nil, events: events, logger: logger)
        let observations = InProcessRouter(routes: routes, metricsText: configuration.metricsText)
        var services: [any Service] = [events]
        services += controllers.map { $0 as any Service }
        services += [
            LocalKubelet(client: client, executable: configuration.executable,
                dataDirectory: configuration.dataDirectory, logger: logger),
            ConcurrencyAutoscaler(client: client, demand: observations, scaleDownWindow: configuration.scaleDownWindow,
                logger: logger),
            MirrorStatusReporter(client: client, observations: observations, logger: logger),
            LocalHPA(client: client, dataDirectory: configuration.dataDirectory,
                stabilization: configuration.scaleDownWindow, logger: logger),
            RouteWatch(client: client, namespace: nil, store: routes, logger: logger),
            router,
        ]
        configuration.print(Banner.text(configuration, apiServer: address, kubeconfig: kubeconfigPath, router: routerURL))
        let inner = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) }, logger: logger))
        try await withThrowingDiscardingTaskGroup { group in
            if configuration.installSamples {
                group.addTask {
                    await cancelWhenGracefulShutdown {
                        await Banner.announceWhenServing(router: routerURL, since: configuration.startedAt,
                            print: configuration.print)
                    }
                }
            }
            group.addTask { try await inner.run() }
        }
    }
}
