import ArgumentParser
import Foundation
import LocalCluster
import Logging
import ServiceLifecycle

struct APIServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apiserver",
        abstract: "Run the embedded Kubernetes-compatible API server alone (state in SQLite under --data-dir; writes DIR/kubeconfig)."
    )

    @Option(name: .customLong("data-dir"), help: "Directory for the database, the certificates, the token and the kubeconfig.")
    var dataDir: String
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 6443
    @Option(name: .customLong("watch-window"), help: "Changes kept for resuming watches; older resourceVersions get 410 Expired.")
    var watchWindow = 1000
    @Option(name: .customLong("bookmark-interval-seconds"), help: "How often watches that allow bookmarks get one.")
    var bookmarkIntervalSeconds = 60
    @Option(
        name: .customLong("audit-log"),
        help: "Append one audit.k8s.io/v1 Event JSON line (level Metadata, stage ResponseComplete) per request to this file.")
    var auditLog: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard watchWindow > 0 else { throw ValidationError("--watch-window must be at least 1") }
        guard bookmarkIntervalSeconds > 0 else { throw ValidationError("--bookmark-interval-seconds must be at least 1") }
    }

    func run() async throws {
        let logger = Observability.bootstrap(label: "swiftlet.apiserver", level: logLevel)
        var configuration = APIServerConfiguration(dataDirectory: URL(fileURLWithPath: dataDir))
        configuration.host = host
        configuration.port = port
        configuration.watchWindow = watchWindow
        configuration.bookmarkInterval = .seconds(bookmarkIntervalSeconds)
        configuration.auditLogPath = auditLog
        configuration.onReady = { address, kubeconfig in
            let line = "swiftlet apiserver listening on \(address) (kubeconfig: \(kubeconfig))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        let server = APIServer(configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("\(error)")
            throw ExitCode.failure
        }
    }
}
