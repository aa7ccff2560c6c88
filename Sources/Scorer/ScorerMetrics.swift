import Metrics

/// The scorer's metrics, through swift-metrics (the executable wires Prometheus).
struct ScorerMetrics: Sendable {
    let inFlight = Meter(label: "scorer_requests_in_flight")
    let queueDepth = Gauge(label: "scorer_queue_depth")
    let workerRestarts = Counter(label: "scorer_worker_restarts_total")

    func requestFinished(route: String, status: Int, nanoseconds: Int64) {
        let dimensions = [("route", route), ("status", String(status))]
        Counter(label: "scorer_requests_total", dimensions: dimensions).increment()
        Timer(label: "scorer_request_duration_seconds", dimensions: dimensions).recordNanoseconds(nanoseconds)
    }
}

/// Metadata keys of the scorer's log lines.
enum LogKey {
    static let worker = "worker"
    static let pid = "pid"
    static let reason = "reason"
    static let address = "address"
}
