import ArgumentParser
import Foundation
import Logging
import Scorer
import ServiceLifecycle

struct ScorerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorer",
        abstract: "Serve an ONNX model (--model), or an Azure ML entry script (--entry-script) unmodified in Python workers."
    )

    @Option(help: "An ONNX model to serve with the built-in inference core (no code needed).")
    var model: String?
    @Option(name: .customLong("model-name"), help: "The model's name in /v2/models/{name} (default: the file name without .onnx).")
    var modelName: String?
    @Option(name: .customLong("max-batch-size"), help: "ONNX: rows merged into one run at most; 1 turns dynamic batching off.")
    var maxBatchSize = 32
    @Option(name: .customLong("batch-timeout-ms"), help: "ONNX: how long a batch may wait to fill while the model is busy.")
    var batchTimeoutMs = 2
    @Option(help: "ONNX: inference threads, runs at once (default: the device probe's thread count).")
    var threads: Int?

    @Option(help: "An entry script, e.g. ./score.py (imported once per worker).")
    var entryScript: String?
    @Option(help: "The model directory, given to the entry script as AZUREML_MODEL_DIR.")
    var modelDir: String?
    @Option(help: "Entry script: Python worker processes (default: one per core).") var workers: Int?
    @Option(help: "Entry script: Python interpreter (a virtualenv's python gives the script its packages).")
    var python = "python3"

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 5001
    @Option(name: .customLong("request-timeout-ms"), help: "Time limit of one request; beyond it 504.")
    var requestTimeoutMs = 60_000
    @Option(name: .customLong("max-concurrent-requests"), help: "Requests admitted at once, running or queued; beyond it 503.")
    var maxConcurrentRequests = 64
    @Option(name: .customLong("max-queue-wait-ms"), help: "Longest wait in the queue; beyond it 503 with Retry-After.")
    var maxQueueWaitMs = 500
    @Option(name: .customLong("max-body-bytes"), help: "Largest request body; beyond it 413.")
    var maxBodyBytes = 100 * 1024 * 1024
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        switch (model, entryScript) {
        case (nil, nil): throw ValidationError("give --model model.onnx (ONNX) or --entry-script score.py (Python)")
        case (.some, .some): throw ValidationError("give either --model or --entry-script, not both")
        case (nil, .some) where modelDir == nil: throw ValidationError("--entry-script needs --model-dir")
        case (.some, nil) where modelDir != nil || workers != nil:
            throw ValidationError("--model-dir and --workers are for --entry-script; --model takes --threads instead")
        case (nil, .some) where threads != nil || modelName != nil:
            throw ValidationError("--threads and --model-name are for --model (ONNX), not --entry-script")
        default: break
        }
    }

    func run() async throws {
        let logger = Observability.bootstrap(label: "swiftlet.scorer", level: logLevel)
        let service: any Service = model.map { onnxService($0, logger: logger) } ?? pythonService(logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: service)]
        if let parent = ParentWatch() {
            services.append(.init(service: parent, successTerminationBehavior: .gracefullyShutdownGroup))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as ScorerError {
            logger.critical("\(error)")
            switch error {
            case .initFailed, .modelLoad: throw ExitCode(3)
            default: throw ExitCode.failure
            }
        }
    }

    private func onnxService(_ path: String, logger: Logger) -> ModelScorerService {
        var configuration = ModelScorerConfiguration(modelPath: path, modelName: modelName)
        configuration.host = host
        configuration.port = port
        configuration.maxBatchSize = maxBatchSize
        configuration.batchTimeoutMilliseconds = batchTimeoutMs
        configuration.threads = threads
        configuration.requestTimeoutMilliseconds = requestTimeoutMs
        configuration.maxConcurrentRequests = maxConcurrentRequests
        configuration.maxQueueWaitMilliseconds = maxQueueWaitMs
        configuration.maxBodyBytes = maxBodyBytes
        return ModelScorerService(configuration: configuration, logger: logger, metricsText: Observability.prometheusText)
    }

    private func pythonService(logger: Logger) -> ScorerService {
        var configuration = ScorerConfiguration(
            entryScript: entryScript ?? "", modelDirectory: modelDir ?? "",
            workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        configuration.host = host
        configuration.port = port
        configuration.python = python
        configuration.requestTimeoutMilliseconds = requestTimeoutMs
        configuration.maxConcurrentRequests = maxConcurrentRequests
        configuration.maxQueueWaitMilliseconds = maxQueueWaitMs
        configuration.maxBodyBytes = maxBodyBytes
        return ScorerService(configuration: configuration, logger: logger, metricsText: Observability.prometheusText)
    }
}
