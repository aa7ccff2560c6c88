/// A namespace and endpoint name.
struct EndpointKey: Hashable, Sendable, CustomStringConvertible {
    let namespace: String
    let name: String

    var description: String { "\(namespace)/\(name)" }
}

/// One deployment as the router sees it: its ready pods and its metrics.
struct DeploymentRoute: Sendable {
    let name: String
    let pods: PodPool
    let metrics: DeploymentMetrics
    /// It scales to zero: with no ready pod, a request waits for one (and asks for it) instead of a 503.
    var scalesToZero = false
}

/// Everything the router needs to serve one endpoint, immutable. A new one replaces it on every change.
struct EndpointRoute: Sendable {
    let key: EndpointKey
    /// `nil` while the endpoint has no applied split (the controller has not written `status.traffic`).
    let policy: EndpointPolicy?
    /// `nil`: no authentication. Otherwise the accepted keys (none while the Secret is missing: all refused).
    let keys: [[UInt8]]?
    /// Every deployment named by the split, the mirrors or the status, with its pods (possibly none).
    let deployments: [String: DeploymentRoute]
}

/// The router's view of the cluster at one moment. Request handling reads the current table without waiting;
/// the watchers build a new one beside it and swap it in.
struct RouteTable: Sendable {
    var endpoints: [EndpointKey: EndpointRoute]
    /// Whether the first lists of every watched kind arrived.
    var isSynced: Bool

    static let empty = RouteTable(endpoints: [:], isSynced: false)
}
