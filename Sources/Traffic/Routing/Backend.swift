import Synchronization

/// One scorer pod the router sends to: its address and the requests in flight on it. Kept across route table
/// rebuilds while the pod stays, so in-flight counts survive updates and running requests finish where they started.
final class Backend: Sendable {
    let host: String
    let port: Int
    private let active = Atomic<Int>(0)
    /// Until when (uptime nanoseconds) the pod is passed over after refusing a connection; 0 when it is not.
    private let ejectedUntil = Atomic<UInt64>(0)

    /// How long a pod that refused a connection is passed over: long enough for its EndpointSlice to catch up
    /// with a dead pod, short enough that a restarted one is back soon.
    static let ejection: UInt64 = 2_000_000_000

    /// `host:port`, IPv6 hosts in brackets: the pool's key.
    let address: String

    init(host: String, port: Int) {
        self.host = host
        self.port = port
        self.address = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
    var inFlight: Int { active.load(ordering: .relaxed) }
    func started() { active.add(1, ordering: .relaxed) }
    func finished() { active.subtract(1, ordering: .relaxed) }

    /// The pod refused a connection: pass it over for a while (outlier ejection), unless no other pod is left.
    func ejected(now: UInt64) { ejectedUntil.store(now + Self.ejection, ordering: .relaxed) }
    func isEjected(now: UInt64) -> Bool { ejectedUntil.load(ordering: .relaxed) > now }
}

/// The ready pods of one deployment. Chooses by the power of two choices: two distinct random pods, the one with
/// fewer requests in flight. Pods that recently refused a connection are passed over while others remain.
struct PodPool: Sendable {
    let backends: [Backend]

    func choose(
        excluding excluded: Backend? = nil, now: UInt64 = 0, using generator: inout some RandomNumberGenerator
    ) -> Backend? {
        var candidates = backends
        if excluded != nil || backends.contains(where: { $0.isEjected(now: now) }) {
            candidates = backends.filter { $0 !== excluded && !$0.isEjected(now: now) }
            if candidates.isEmpty { candidates = backends.filter { $0 !== excluded } }
        }
        switch candidates.count {
        case 0: return nil
        case 1: return candidates[0]
        default:
            let first = Int.random(in: 0..<candidates.count, using: &generator)
            var second = Int.random(in: 0..<(candidates.count - 1), using: &generator)
            if second >= first { second += 1 }
            let a = candidates[first], b = candidates[second]
            return b.inFlight < a.inFlight ? b : a
        }
    }
}
