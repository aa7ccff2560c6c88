/// Where the concurrency autoscaler reads the load: the requests in flight per deployment, as the routers count them
/// (including requests they hold for a deployment scaled to zero). `swiftlet up` reads its in-process router; in a
/// cluster, `RouterMetricsScrape` reads every router pod's `/metrics`.
public protocol RequestsInFlight: Sendable {
    /// Requests in flight now per deployment (`namespace/name`), over every router; `nil` when they could not all be
    /// read (then no sample is taken, rather than a low one).
    func sample() async -> [String: Int]?

    /// Deployments (`namespace/name`) a request began to wait for, if the source learns that at once; the
    /// autoscaler then starts one replica without waiting for its next sample.
    var podsWanted: AsyncStream<String>? { get }

    /// What the source keeps running (its caches), for as long as the autoscaler runs.
    func run() async
}
