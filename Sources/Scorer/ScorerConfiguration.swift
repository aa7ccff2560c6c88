/// How `swiftlet scorer` runs an entry script. Built once from flags; validated by `validate()`.
public struct ScorerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 5001
    /// Absolute path of the Azure ML entry script (`score.py`).
    public var entryScript: String
    /// `AZUREML_MODEL_DIR` for the script.
    public var modelDirectory: String
    /// Python interpreter, looked up on PATH when not a path.
    public var python = "python3"
    public var workers: Int
    public var requestTimeoutMilliseconds = 60_000
    /// Requests admitted at once (running or queued); beyond it, 503.
    public var maxConcurrentRequests = 64
    /// How long a request may wait for a free worker before a 503 with Retry-After.
    public var maxQueueWaitMilliseconds = 500
    public var maxBodyBytes = 100 * 1024 * 1024
    /// How long SIGTERM waits for in-flight requests before stopping the workers.
    public var drainTimeoutMilliseconds = 30_000

    public init(entryScript: String, modelDirectory: String, workers: Int) {
        self.entryScript = entryScript
        self.modelDirectory = modelDirectory
        self.workers = workers
    }

    public func validate() throws(ScorerError) {
        func positive(_ value: Int, _ flag: String) throws(ScorerError) {
            guard value > 0 else { throw .configuration("\(flag) must be positive, got \(value)") }
        }
        try positive(workers, "--workers")
        try positive(requestTimeoutMilliseconds, "--request-timeout-ms")
        try positive(maxConcurrentRequests, "--max-concurrent-requests")
        try positive(maxBodyBytes, "--max-body-bytes")
        guard maxQueueWaitMilliseconds >= 0 else {
            throw .configuration("--max-queue-wait-ms must be 0 or more, got \(maxQueueWaitMilliseconds)")
        }
        guard (1...65535).contains(port) || port == 0 else {
            throw .configuration("--port must be in 1...65535, got \(port)")
        }
    }
}
