import ServingAPI

/// How one endpoint chooses a deployment for a request, built once from the endpoint's applied split: pinned by
/// header > sticky by the hash of the `stickyBy` header > weighted random. Also which mirrors get a copy.
struct EndpointPolicy: Sendable {
    let split: TrafficSplit
    /// The names a request may pin: the split's deployments and those the status lists.
    let pinnable: Set<String>
    /// Lower-cased header name, when the endpoint is sticky.
    let stickyHeader: String?
    let sticky: StickyTable?
    private let cumulative: [(deployment: String, upTo: Int)]

    init(split: TrafficSplit, deployments: [String], stickyBy: String?, reusing previous: EndpointPolicy? = nil) {
        self.split = split
        self.pinnable = Set(split.weights.map(\.deployment)).union(deployments)
        self.stickyHeader = stickyBy?.lowercased()
        if stickyBy == nil {
            sticky = nil
        } else if let previous, previous.split.weights == split.weights, previous.sticky != nil {
            sticky = previous.sticky
        } else {
            sticky = StickyTable(weights: split.weights)
        }
        var total = 0
        cumulative = split.weights.filter { $0.percent > 0 }.map { weight in
            total += weight.percent
            return (weight.deployment, total)
        }
    }

    /// The deployment for a request with the given pin header and sticky header value.
    func choose(pinned: String?, stickyValue: String?, using generator: inout some RandomNumberGenerator)
        throws(RouterError) -> String
    {
        if let pinned {
            guard pinnable.contains(pinned) else { throw .unknownDeployment(pinned, valid: pinnable.sorted()) }
            return pinned
        }
        if let sticky, let stickyValue { return sticky.deployment(for: stickyValue) }
        guard let last = cumulative.last else { throw .noLiveTraffic }
        let draw = Int.random(in: 0..<last.upTo, using: &generator)
        return cumulative.first { draw < $0.upTo }?.deployment ?? last.deployment
    }

    /// The mirror deployments that get a copy of this request (each draws its own percent).
    func mirrors(using generator: inout some RandomNumberGenerator) -> [String] {
        guard !split.mirrors.isEmpty else { return [] }
        return split.mirrors.filter { Int.random(in: 0..<100, using: &generator) < $0.percent }.map(\.deployment)
    }
}
