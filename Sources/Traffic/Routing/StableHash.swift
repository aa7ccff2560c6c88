/// Hashes that every router replica computes alike (Swift's `Hasher` is seeded per process, so it cannot serve).
enum StableHash {
    /// FNV-1a, 64 bits, over the UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// splitmix64's finaliser: spreads nearby inputs over the whole range.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in the open interval (0, 1) from 53 bits of `value`.
    static func unit(_ value: UInt64) -> Double {
        (Double(value >> 11) + 0.5) / Double(UInt64(1) << 53)
    }
}

/// A small, fast generator for per-request choices (weighted picks, two random pods), seeded once from the system
/// generator. Not for secrets.
struct FastRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return StableHash.mix(state &- 0x9e37_79b9_7f4a_7c15)
    }
}
