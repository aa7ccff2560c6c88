/// How many replicas a deployment with `scale.targetConcurrency` wants, from the requests in flight the router
/// counted (sampled once a second), as a pure function: scale up on the last few seconds' average, scale down only
/// as far as the peak of the scale-down window allows (so a dip does not drop replicas a burst needs again).
/// With `minReplicas: 0` it goes to zero after a whole window without a request, and any request brings one back.
struct ConcurrencyScaling: Equatable, Sendable {
    /// Requests in flight per replica to aim for.
    var target: Int
    var minReplicas: Int
    var maxReplicas: Int
    /// Samples that cover the scale-down window.
    var windowSamples: Int

    /// Samples averaged for scaling up.
    static let recentSamples = 3

    /// One second's sample: the requests in flight, but at least 1 when any request came (and maybe went) since the
    /// last sample, so that a deployment used only by short requests never looks idle (and never goes to zero).
    /// `requestsBefore` is the routers' running total at the last sample; a total that moved either way counts.
    static func sample(_ load: DeploymentLoad?, requestsBefore: Int?) -> Int {
        guard let load else { return 0 }
        let used = requestsBefore.map { $0 != load.requests } ?? false
        return max(load.inFlight, used ? 1 : 0)
    }

    /// - Parameters:
    ///   - current: the replicas wanted now.
    ///   - ready: the replicas ready now.
    ///   - samples: in-flight counts, oldest first, covering at most the scale-down window.
    func desired(current: Int, ready: Int, samples: [Int]) -> Int {
        // Zero only after a whole quiet window, and only from a deployment with a ready replica: one whose model
        // never loaded keeps its replica, so its failure stays in view.
        let quiet = samples.count >= windowSamples && samples.allSatisfy { $0 == 0 }
        let floor = minReplicas == 0 && (current == 0 || (ready > 0 && quiet)) ? 0 : max(minReplicas, 1)
        let ceiling = max(maxReplicas, floor)
        guard !samples.isEmpty, target > 0 else { return min(max(current, floor), ceiling) }
        let recent = samples.suffix(Self.recentSamples)
        let average = Double(recent.reduce(0, +)) / Double(recent.count)
        let forRecent = Int((average / Double(target)).rounded(.up))
        let forPeak = Int((Double(samples.max() ?? 0) / Double(target)).rounded(.up))
        let wanted = max(forRecent, min(current, forPeak))
        return min(max(wanted, floor), ceiling)
    }
}
