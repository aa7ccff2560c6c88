import Foundation

/// Time as the controller runtime sees it: wall-clock now (leases and events carry wall-clock times) and sleeping.
/// Logic takes `now` as an argument; shells take a `KubeClock` so tests can drive them.
public protocol KubeClock: Sendable {
    func now() -> Date
    func sleep(for duration: Duration) async throws
}

public struct SystemKubeClock: KubeClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension Date {
    func adding(_ duration: Duration) -> Date { addingTimeInterval(duration.seconds) }
    func duration(since earlier: Date) -> Duration { .seconds(timeIntervalSince(earlier)) }
}

/// A small, seedable generator (SplitMix64) for deterministic jitter in tests; production uses the system one.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
