import ArgumentParser
import Foundation
import LocalRuntime
import Logging

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run the whole system on this machine: API server, controller, scorers as local processes, router.",
        discussion: """
            State (the API server's database, certificates, kubeconfig, the replicas' logs) lives in --data-dir; \
            running up again resumes it. Ctrl-C or SIGTERM stops every process.
            """
    )

    @Option(name: .customLong("data-dir"), help: "Where the state lives (default: ~/.swiftlet).")
    var dataDir: String?
    @Option(help: "The router's port on 127.0.0.1 (0 picks a free one).") var port = 8080
    @Option(name: .customLong("api-port"), help: "The API server's port on 127.0.0.1 (0 picks a free one).")
    var apiPort = 6443
    @Flag(name: .customLong("no-samples"), help: "Do not create the quickstart samples in a new data directory.")
    var noSamples = false
    @Option(name: .customLong("scale-down-window-seconds"),
        help: "Deployments scaling on targetConcurrency keep the replicas their peak in this window needed.")
    var scaleDownWindowSeconds = 30
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "notice"

    func validate() throws {
        for (flag, value) in [("--port", port), ("--api-port", apiPort)] where !(0...65535).contains(value) {
            throw ValidationError("\(flag) must be between 0 and 65535")
        }
        guard scaleDownWindowSeconds >= 1 else { throw ValidationError("--scale-down-window-seconds must be at least 1") }
    }

    func run() async throws {
        let logger = Observability.bootstrap(label: "swiftlet.up", level: logLevel)
        let directory = dataDir ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".swiftlet").path
        var configuration = LocalSystemConfiguration(
            dataDirectory: URL(fileURLWithPath: directory).standardizedFileURL.path, executable: try Self.executable())
        configuration.routerPort = port
        configuration.apiPort = apiPort
        configuration.installSamples = !noSamples
        configuration.scaleDownWindow = .seconds(scaleDownWindowSeconds)
        configuration.metricsText = Observability.prometheusText
        configuration.print = { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        do {
            try await LocalSystem(configuration: configuration, logger: logger).run()
        } catch {
            logger.critical("swiftlet up failed: \(error)")
            throw ExitCode.failure
        }
    }

    /// This binary, by absolute path: the replicas run it.
    static func executable() throws -> String {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        return path
    }
}
