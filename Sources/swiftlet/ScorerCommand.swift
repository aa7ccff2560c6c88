import ArgumentParser
import Foundation
import Logging
import Scorer
import ServiceLifecycle

struct ScorerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorer",
        abstract: "Serve an Azure ML entry script (init()/run(raw_data)) unmodified, in Python worker processes."
    )

    @Option(help: "The entry script, e.g. ./score.py (imported once per worker).")
    var entryScript: String

    @Option(help: "The model directory, given to the script as AZUREML_MODEL_DIR.")
    var modelDir: String

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 5001
    @Option(help: "Python worker processes (default: one per core).") var workers: Int?
    @Option(help: "Python interpreter (a virtualenv's python gives the script its packages).") var python = "python3"
    @Option(name: .customLong("request-timeout-ms"), help: "run() time limit; beyond it 504 and the worker is replaced.")
    var requestTimeoutMs = 60_000
    @Option(name: .customLong("max-concurrent-requests"), help: "Requests admitted at once, running or queued; beyond it 503.")
    var maxConcurrentRequests = 64
    @Option(name: .customLong("max-queue-wait-ms"), help: "Longest wait for a free worker; beyond it 503 with Retry-After.")
    var maxQueueWaitMs = 500
    @Option(name: .customLong("max-body-bytes"), help: "Largest request body; beyond it 413.")
    var maxBodyBytes = 100 * 1024 * 1024
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func run() async throws {
        let logger = Observability.bootstrap(label: "swiftlet.scorer", level: logLevel)
        var configuration = ScorerConfiguration(
            entryScript: entryScript, modelDirectory: modelDir,
            workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        configuration.host = host
        configuration.port = port
        configuration.python = python
        configuration.requestTimeoutMilliseconds = requestTimeoutMs
        configuration.maxConcurrentRequests = maxConcurrentRequests
        configuration.maxQueueWaitMilliseconds = maxQueueWaitMs
        configuration.maxBodyBytes = maxBodyBytes
        let service = ScorerService(configuration: configuration, logger: logger, metricsText: Observability.prometheusText)
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as ScorerError {
            logger.critical("\(error)")
            if case .initFailed = error { throw ExitCode(3) }
            throw ExitCode.failure
        }
    }
}
