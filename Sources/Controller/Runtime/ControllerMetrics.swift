import Metrics

/// The controller's metrics through swift-metrics (the executable picks the backend, e.g. Prometheus), with
/// controller-runtime's names: reconcile total/errors/duration, queue depth and wait, retries.
struct ControllerMetrics: Sendable {
    let reconcileTotal: Counter
    let reconcileErrors: Counter
    let reconcileDuration: Metrics.Timer
    let queueDepth: Gauge
    let queueWait: Metrics.Timer
    let retries: Counter

    init(controller: String) {
        let dimensions = [("controller", controller)]
        reconcileTotal = Counter(label: "controller_runtime_reconcile_total", dimensions: dimensions)
        reconcileErrors = Counter(label: "controller_runtime_reconcile_errors_total", dimensions: dimensions)
        reconcileDuration = Metrics.Timer(label: "controller_runtime_reconcile_time_seconds", dimensions: dimensions,
            preferredDisplayUnit: .seconds)
        queueDepth = Gauge(label: "workqueue_depth", dimensions: [("name", controller)])
        queueWait = Metrics.Timer(label: "workqueue_queue_duration_seconds", dimensions: [("name", controller)],
            preferredDisplayUnit: .seconds)
        retries = Counter(label: "workqueue_retries_total", dimensions: [("name", controller)])
    }
}
