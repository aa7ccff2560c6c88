import Synchronization

/// One scorer pod the router sends to: its address and the requests in flight on it. Kept across route table
/// rebuilds while the pod stays, so in-flight counts survive updates and running requests finish where they started.
final class Backend: Sendable {
    let host: String
    let port: Int
    private let active = Atomic<Int>(0)

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
}

/// The ready pods of one deployment. Chooses by the power of two choices: two distinct random pods, the one with
/// fewer requests in flight.
struct PodPool: Sendable {
    let backends: [Backend]

    func choose(excluding excluded: Backend? = nil, using generator: inout some RandomNumberGenerator) -> Backend? {
        let candidates = excluded.map { skip in backends.filter { $0 !== skip } } ?? backends
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
