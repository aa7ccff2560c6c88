import ArgumentParser
import Controller
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Traffic

struct RouterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "router",
        abstract: "Serve every ModelEndpoint: apply its traffic split, sticky and pinned requests, mirrors and keys."
    )

    @OptionGroup var kube: KubeClientOptions
    @Option(help: "Serve only this namespace's endpoints (default: every namespace).") var namespace: String?
    @Option(help: "Address to listen on.") var host = "0.0.0.0"
    @Option(help: "Port to listen on (0 picks one).") var port = 8080
    @Option(help: "Also route Host '{endpoint}.{namespace}.{domain}' (path as is).") var domain: String?
    @Option(name: .customLong("request-timeout-seconds"), help: "Longest wait for a scorer's answer; then 504.")
    var requestTimeoutSeconds = 60.0
    @Option(name: .customLong("connect-timeout-ms"), help: "Longest wait to connect to a scorer pod.")
    var connectTimeoutMs = 2000
    @Option(name: .customLong("max-body-bytes"), help: "Largest request body; beyond it 413.")
    var maxBodyBytes = 100 * 1024 * 1024
    @Option(name: .customLong("mirror-max-in-flight"), help: "Mirrored copies in flight at once; more are dropped.")
    var mirrorMaxInFlight = 64
    @Option(help: "Event loop threads (default: one per core).") var threads = System.coreCount
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard requestTimeoutSeconds > 0 else { throw ValidationError("--request-timeout-seconds must be above 0") }
        guard connectTimeoutMs > 0 else { throw ValidationError("--connect-timeout-ms must be above 0") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be above 0") }
        guard mirrorMaxInFlight >= 0 else { throw ValidationError("--mirror-max-in-flight must be 0 or more") }
        guard threads > 0 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        let logger = Observability.bootstrap(label: "swiftlet.router", level: logLevel)
        var clientConfiguration = try kube.configuration()
        clientConfiguration.userAgent = "swiftlet-router"
        let client = try KubeClient(configuration: clientConfiguration)
        let routes = RouteTableStore()
        let watch = RouteWatch(client: client, namespace: namespace, store: routes, logger: logger)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let server = try await RouterServer(
            host: host, port: port, group: group, routes: routes,
            configuration: RouterConfiguration(
                domain: domain, requestTimeout: .nanoseconds(Int64(requestTimeoutSeconds * 1e9)),
                connectTimeout: .milliseconds(Int64(connectTimeoutMs)), maxBodyBytes: maxBodyBytes,
                mirrorMaxInFlight: mirrorMaxInFlight),
            metricsText: Observability.prometheusText, logger: logger)
        logger.info("swiftlet router started", metadata: [
            "server": "\(clientConfiguration.server)", "namespace": "\(namespace ?? "(all)")",
            "port": "\(server.port ?? port)", "domain": "\(domain ?? "(none)")",
        ])
        let services = ServiceGroup(configuration: .init(
            services: [.init(service: watch), .init(service: server)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await services.run()
        try await group.shutdownGracefully()
        try await client.shutdown()
    }
}
