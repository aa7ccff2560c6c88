import Metrics
import Synchronization

/// The router's metrics per endpoint and deployment, through swift-metrics (the executable wires Prometheus).
/// Handles are made once per deployment and kept across route table rebuilds.
final class RouterMetrics: Sendable {
    private let deployments = Mutex<[String: DeploymentMetrics]>([:])

    init() {}

    func deployment(endpoint: EndpointKey, deployment: String) -> DeploymentMetrics {
        deployments.withLock { cache in
            let key = "\(endpoint.namespace)/\(endpoint.name)/\(deployment)"
            if let existing = cache[key] { return existing }
            let made = DeploymentMetrics(dimensions: [
                ("namespace", endpoint.namespace), ("endpoint", endpoint.name), ("deployment", deployment),
            ])
            cache[key] = made
            return made
        }
    }
}

/// One deployment's figures: requests by status code, latency, in flight (what concurrency-based autoscaling reads),
/// retries, and how its mirrored copies compared with the primary answers.
final class DeploymentMetrics: Sendable {
    enum MirrorResult: String, CaseIterable, Sendable {
        case agreed, disagreed, failed, dropped
    }

    let dimensions: [(String, String)]
    let duration: Timer
    let inFlight: Meter
    let retries: Counter
    /// Requests waiting for a pod of a deployment scaled to zero (counted in flight too).
    let waiting = Atomic<Int>(0)
    /// Requests routed to the deployment since the router started: what tells an autoscaler that a deployment
    /// was used between two of its samples of the requests in flight.
    let routed = Atomic<Int>(0)
    private let mirrorResults: [MirrorResult: Counter]
    private let mirrorAgreement: Gauge
    private let mirrorLatencyDifference: Gauge
    private let compared = Mutex<(agreed: Int, total: Int, latencyDifference: Double)>((0, 0, 0))
    private let codes = Mutex<[Int: Counter]>([:])

    init(dimensions: [(String, String)]) {
        self.dimensions = dimensions
        duration = Timer(label: "swiftlet_router_request_duration_seconds", dimensions: dimensions)
        inFlight = Meter(label: "swiftlet_router_in_flight", dimensions: dimensions)
        retries = Counter(label: "swiftlet_router_retries_total", dimensions: dimensions)
        mirrorResults = Dictionary(uniqueKeysWithValues: MirrorResult.allCases.map {
            ($0, Counter(label: "swiftlet_router_mirror_requests_total", dimensions: dimensions + [("result", $0.rawValue)]))
        })
        mirrorAgreement = Gauge(label: "swiftlet_router_mirror_agreement_ratio", dimensions: dimensions)
        mirrorLatencyDifference = Gauge(label: "swiftlet_router_mirror_latency_difference_seconds", dimensions: dimensions)
    }

    func finished(status: Int, nanoseconds: Int64) {
        let counter = codes.withLock { cache in
            if let counter = cache[status] { return counter }
            let counter = Counter(label: "swiftlet_router_requests_total", dimensions: dimensions + [("code", String(status))])
            cache[status] = counter
            return counter
        }
        counter.increment()
        duration.recordNanoseconds(nanoseconds)
    }

    /// A mirrored copy's outcome. Compared pairs update the running agreement ratio and the mean of the mirror's
    /// latency minus the primary's (positive: the mirror is slower).
    func mirrored(_ result: MirrorResult, latencyDifferenceSeconds: Double = 0) {
        mirrorResults[result]?.increment()
        guard result == .agreed || result == .disagreed else { return }
        let (ratio, meanDifference) = compared.withLock { tally in
            tally.total += 1
            if result == .agreed { tally.agreed += 1 }
            tally.latencyDifference += latencyDifferenceSeconds
            return (Double(tally.agreed) / Double(tally.total), tally.latencyDifference / Double(tally.total))
        }
        mirrorAgreement.record(ratio)
        mirrorLatencyDifference.record(meanDifference)
    }
}
