import Reconcilers
import Traffic

/// What `up`'s controller reads from its in-process router: the requests in flight from the route table (with the
/// requests waiting for a deployment at zero, signalled as they begin), and the mirror counters from the
/// process's own Prometheus text, which the router's metrics go to.
struct InProcessRouter: RouterObservations {
    let routes: RouteTableStore
    let metricsText: @Sendable () -> String

    func load() async -> [String: DeploymentLoad]? {
        routes.load().mapValues { DeploymentLoad(inFlight: $0.inFlight, requests: $0.routed) }
    }
    func mirrors() async -> [MirrorKey: MirrorTally]? { RouterMetricsText.mirrors(metricsText()[...]) }
    var podsWanted: AsyncStream<String>? { routes.podsWanted }
}
