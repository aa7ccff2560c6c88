import Reconcilers
import Traffic

/// The load `up`'s concurrency autoscaler reads: the in-process router's counts, and its requests waiting for a
/// deployment at zero as they begin.
struct InProcessRouter: RequestsInFlight {
    let routes: RouteTableStore

    func sample() async -> [String: Int]? { routes.inFlight() }
    var podsWanted: AsyncStream<String>? { routes.podsWanted }
    func run() async {}
}
