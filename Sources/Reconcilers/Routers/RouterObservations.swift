/// What the controller learns from the routers: the requests in flight per deployment (including requests held for
/// a deployment scaled to zero), which the concurrency autoscaler scales on, and how mirrored copies compared, which
/// `MirrorStatusReporter` writes into the endpoints' status. `swiftlet up` reads its in-process router; in a
/// cluster, `RouterMetricsScrape` reads every router pod's `/metrics`.
public protocol RouterObservations: Sendable {
    /// The load per deployment (`namespace/name`) now, over every router; `nil` when it could not all be read (then
    /// no sample is taken, rather than a low one).
    func load() async -> [String: DeploymentLoad]?

    /// The mirrored copies per endpoint and deployment, summed over every router; `nil` when not all could be read.
    func mirrors() async -> [MirrorKey: MirrorTally]?

    /// Deployments (`namespace/name`) a request began to wait for, if the source learns that at once; the
    /// autoscaler then starts one replica without waiting for its next sample.
    var podsWanted: AsyncStream<String>? { get }
}

/// One deployment's load as the routers see it.
public struct DeploymentLoad: Equatable, Sendable {
    /// Requests in flight now (at the scorers, or held while the deployment scales from zero).
    public var inFlight: Int
    /// Requests counted since the routers started (a running total): one that came and went between two samples
    /// of `inFlight` still shows here.
    public var requests: Int

    public init(inFlight: Int, requests: Int) {
        self.inFlight = inFlight
        self.requests = requests
    }

    public static let idle = DeploymentLoad(inFlight: 0, requests: 0)

    public static func + (a: DeploymentLoad, b: DeploymentLoad) -> DeploymentLoad {
        DeploymentLoad(inFlight: a.inFlight + b.inFlight, requests: a.requests + b.requests)
    }
}

/// A mirrored deployment of an endpoint.
public struct MirrorKey: Hashable, Sendable {
    public var namespace: String
    public var endpoint: String
    public var deployment: String

    public init(namespace: String, endpoint: String, deployment: String) {
        self.namespace = namespace
        self.endpoint = endpoint
        self.deployment = deployment
    }
}

/// A router's (or several routers') counts of one deployment's mirrored copies. Sums add up across routers: the
/// latency difference is kept as a total over the compared copies, not as a mean.
public struct MirrorTally: Equatable, Sendable {
    public var agreed = 0
    public var disagreed = 0
    public var failed = 0
    public var dropped = 0
    /// Mirror latency minus primary latency, summed over the compared copies, in seconds.
    public var latencyDifferenceTotal = 0.0

    public init() {}

    public static func + (a: MirrorTally, b: MirrorTally) -> MirrorTally {
        var sum = a
        sum.agreed += b.agreed
        sum.disagreed += b.disagreed
        sum.failed += b.failed
        sum.dropped += b.dropped
        sum.latencyDifferenceTotal += b.latencyDifferenceTotal
        return sum
    }
}
