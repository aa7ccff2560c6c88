/// Exponential backoff with jitter: attempt n waits `initial * factor^n`, capped at `maximum`, then scaled by a
/// random factor in [1 - jitter, 1] (so the cap is never exceeded and retries of many clients spread out).
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var factor: Double
    public var jitter: Double

    public init(initial: Duration = .milliseconds(5), maximum: Duration = .seconds(1000), factor: Double = 2,
        jitter: Double = 0.5)
    {
        precondition(initial > .zero && maximum >= initial && factor >= 1 && (0...1).contains(jitter))
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.jitter = jitter
    }

    /// The watcher's: 800ms doubling to 30s (kube-rs's default watcher backoff range).
    public static let watcher = Backoff(initial: .milliseconds(800), maximum: .seconds(30))
    /// A failing key's: 5ms doubling to 1000s (controller-runtime's per-item default).
    public static let perKey = Backoff()

    /// The wait before retry number `attempt` (0-based).
    public func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let base = initial.seconds * pow(factor, Double(min(attempt, 64)))
        let capped = min(base, maximum.seconds)
        let scale = 1 - jitter * Double.random(in: 0...1, using: &generator)
        return .seconds(capped * scale)
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) {
            result *= base
            if result > 1e12 { break }
        }
        return result
    }
}
