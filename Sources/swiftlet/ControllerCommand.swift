import ArgumentParser
import AsyncHTTPClient
import Controller
import Foundation
import Logging
import Reconcilers
import ServiceLifecycle

struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Reconcile Models, ModelDeployments and ModelEndpoints into scorer workloads, against any cluster."
    )

    @OptionGroup var kube: KubeClientOptions
    @Option(help: "Watch only this namespace (default: every namespace).") var namespace: String?
    @Flag(inversion: .prefixedNo, help: "Elect one active replica through a Lease.") var leaderElect = true
    @Option(name: .customLong("leader-election-namespace"), help: "The Lease's namespace (default: the client's namespace).")
    var leaderElectionNamespace: String?
    @Option(name: .customLong("leader-election-id"), help: "The Lease's name.") var leaderElectionID = "swiftlet-controller"
    @Option(name: .customLong("health-port"), help: "Port of /healthz, /readyz and /metrics (on 0.0.0.0; 0 picks one).")
    var healthPort = 8081
    @Option(name: .customLong("scorer-image"), help: "The scorer image of ModelDeployments that name none.")
    var scorerImage = OperatorConfiguration.defaultScorerImage
    @Option(name: .customLong("public-url"), help: "Where clients reach the router or gateway (endpoints' scoringURI).")
    var publicURL = OperatorConfiguration.defaultPublicURL
    @Flag(name: .customLong("gateway-api"), help: "Manage Gateway API HTTPRoutes for endpoints with gateway: gatewayAPI.")
    var gatewayAPI = false
    @Option(name: .customLong("router-service"), help: ArgumentHelp(
        "Read the routers behind this Service (in the controller's namespace) on /metrics: autoscale ModelDeployments "
            + "with scale.targetConcurrency (to zero with minReplicas 0) on their requests in flight, and write how "
            + "mirrored copies compare into ModelEndpoint status.",
        valueName: "name"))
    var routerService: String?
    @Option(name: .customLong("scale-down-window-seconds"), help: "With --router-service: how long a burst's peak keeps its replicas.")
    var scaleDownWindowSeconds = 30
    @Option(help: "Reconciles at once, per kind.") var concurrency = 4
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        guard scaleDownWindowSeconds > 0 else { throw ValidationError("--scale-down-window-seconds must be at least 1") }
        guard publicURL.hasPrefix("http://") || publicURL.hasPrefix("https://") else {
            throw ValidationError("--public-url \(publicURL): expected an http:// or https:// URL")
        }
    }

    func run() async throws {
        let logger = Observability.bootstrap(label: "swiftlet.controller", level: logLevel)
        let clientConfiguration = try kube.configuration()
        let client = try KubeClient(configuration: clientConfiguration)
        let identity = "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.prefix(8).lowercased())"
        let elector = leaderElect
            ? LeaderElector(client: client, namespace: leaderElectionNamespace ?? clientConfiguration.namespace,
                name: leaderElectionID, identity: identity, logger: logger)
            : nil
        let events = EventRecorder(client: client, reportingController: "swiftlet.dev/controller",
            reportingInstance: identity, logger: logger)
        let controllers = ServingOperator.controllers(
            client: client,
            configuration: OperatorConfiguration(scorerImage: scorerImage, publicURL: publicURL, gatewayAPI: gatewayAPI,
                concurrencyAutoscaler: routerService != nil),
            namespace: namespace, concurrency: concurrency, leaderElector: elector, events: events, logger: logger)
        let health = try await HealthServer(host: "0.0.0.0", port: healthPort,
            isReady: HealthServer.readiness(controllers: controllers, elector: elector),
            metricsText: Observability.prometheusText)
        logger.info("swiftlet controller started", metadata: [
            "server": "\(clientConfiguration.server)", "namespace": "\(namespace ?? "(all)")",
            "health_port": "\(health.port ?? healthPort)", "leader_election": "\(leaderElect)",
        ])
        var services: [any Service] = [health, events]
        if let elector { services.append(elector) }
        services += controllers.map { $0 as any Service }
        let scrapeClient = routerService.map { _ in HTTPClient(eventLoopGroupProvider: .singleton) }
        if let routerService, let scrapeClient {
            let routers = RouterMetricsScrape(client: client,
                namespace: leaderElectionNamespace ?? clientConfiguration.namespace, service: routerService,
                http: scrapeClient, logger: logger)
            services += [
                routers,
                ConcurrencyAutoscaler(client: client, demand: routers, scaleDownWindow: .seconds(scaleDownWindowSeconds),
                    leaderElector: elector, logger: logger),
                MirrorStatusReporter(client: client, observations: routers, namespace: namespace,
                    leaderElector: elector, logger: logger),
            ]
        }
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        try await scrapeClient?.shutdown()
        try await client.shutdown()
    }
}
