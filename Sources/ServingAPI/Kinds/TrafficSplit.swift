/// A validated traffic split: deployment → percent, each 0...100, summing to 100 or all 0 (no live traffic);
/// mirror percents at most 50 each and only for deployments in the split. Built once from an endpoint's spec.
public struct TrafficSplit: Sendable, Hashable {
    public struct Weight: Sendable, Hashable {
        public let deployment: String
        public let percent: Int
    }

    /// Sorted by deployment name.
    public let weights: [Weight]
    /// Sorted by deployment name; zero percents left out.
    public let mirrors: [Weight]

    public static let maxMirrorPercent = 50
    /// The most deployments an endpoint splits between (keeps the CRD's CEL rules cheap).
    public static let maxDeployments = 16

    public init(traffic: [String: Int], mirror: [String: Int] = [:]) throws(ServingAPIError) {
        guard traffic.count <= Self.maxDeployments else {
            throw .invalid("spec.traffic", "\(traffic.count) deployments: expected at most \(Self.maxDeployments)")
        }
        for (deployment, percent) in traffic.sorted(by: { $0.key < $1.key }) {
            try DNS1123.checkLabel(deployment, field: "spec.traffic")
            guard (0...100).contains(percent) else {
                throw .invalid("spec.traffic.\(deployment)", "\(percent): expected a percent in 0...100")
            }
        }
        let sum = traffic.values.reduce(0, +)
        guard sum == 100 || sum == 0 else {
            throw .invalid("spec.traffic", "percents sum to \(sum): expected 100 (or all 0 for no live traffic)")
        }
        for (deployment, percent) in mirror.sorted(by: { $0.key < $1.key }) {
            guard traffic[deployment] != nil else {
                throw .invalid(
                    "spec.mirrorTraffic.\(deployment)", "not a deployment of this endpoint: expected one of "
                        + (traffic.isEmpty ? "(none: spec.traffic is empty)" : traffic.keys.sorted().joined(separator: ", ")))
            }
            guard (0...Self.maxMirrorPercent).contains(percent) else {
                throw .invalid(
                    "spec.mirrorTraffic.\(deployment)", "\(percent): expected a percent in 0...\(Self.maxMirrorPercent)")
            }
        }
        weights = traffic.map { Weight(deployment: $0.key, percent: $0.value) }.sorted { $0.deployment < $1.deployment }
        mirrors = mirror.filter { $0.value > 0 }.map { Weight(deployment: $0.key, percent: $0.value) }
            .sorted { $0.deployment < $1.deployment }
    }

    /// Whether any deployment gets live traffic (false when every percent is 0).
    public var isLive: Bool { weights.contains { $0.percent > 0 } }

    /// The percent of `deployment` (0 when it is not in the split).
    public func percent(of deployment: String) -> Int {
        weights.first { $0.deployment == deployment }?.percent ?? 0
    }

    /// Deployment → percent, as the spec and status write it.
    public var traffic: [String: Int] {
        Dictionary(uniqueKeysWithValues: weights.map { ($0.deployment, $0.percent) })
    }
}
