/// How many replicas a deployment with `scale.targetConcurrency` wants, from the requests in flight the router
/// counted (sampled once a second), as a pure function: scale up on the last few seconds' average, scale down only
/// as far as the peak of the scale-down window allows (so a dip does not drop replicas a burst needs again).
struct ConcurrencyScaling: Equatable, Sendable {
    /// Requests in flight per replica to aim for.
    var target: Int
    var minReplicas: Int
    var maxReplicas: Int

    /// Samples averaged for scaling up.
    static let recentSamples = 3

    /// - Parameters:
    ///   - current: the replicas wanted now.
    ///   - samples: in-flight counts, oldest first, covering the scale-down window.
    func desired(current: Int, samples: [Int]) -> Int {
        let floor = max(minReplicas, 1)
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
