/// The HorizontalPodAutoscaler's replica rule for a CPU utilization target, as Kubernetes' HPA controller applies it
/// (a pure function): the ratio of the pods' mean utilization to the target, times the pods measured, rounded up;
/// no change within the 10 % tolerance; scaling down only as far as the highest recommendation of the
/// stabilization window; within minReplicas..maxReplicas.
struct CPUScaling: Equatable, Sendable {
    /// Target mean utilization, percent of the pods' CPU request.
    var targetUtilization: Int
    var minReplicas: Int
    var maxReplicas: Int

    /// Kubernetes' `--horizontal-pod-autoscaler-tolerance` default.
    static let tolerance = 0.1

    /// The recommendation for this sample, before stabilization: `nil` without a measured pod.
    func recommendation(current: Int, utilizations: [Double]) -> Int? {
        guard !utilizations.isEmpty, targetUtilization > 0 else { return nil }
        let mean = utilizations.reduce(0, +) / Double(utilizations.count)
        let ratio = mean / Double(targetUtilization)
        if abs(ratio - 1) <= Self.tolerance { return current }
        return Int((ratio * Double(utilizations.count)).rounded(.up))
    }

    /// The replicas to set: the highest of the window's recommendations (the newest last) when that is below the
    /// current count, the newest when above; bounded.
    func desired(current: Int, recommendations: [Int]) -> Int {
        guard let newest = recommendations.last else { return min(max(current, minReplicas), maxReplicas) }
        let stabilized = newest >= current ? newest : min(current, recommendations.max() ?? newest)
        return min(max(stabilized, max(minReplicas, 1)), max(maxReplicas, 1))
    }

    /// A CPU quantity in cores: `500m`, `1`, `0.25`; `nil` when it is not one.
    static func cores(_ quantity: String) -> Double? {
        if quantity.hasSuffix("m") { return Double(quantity.dropLast()).map { $0 / 1000 } }
        return Double(quantity)
    }
}
