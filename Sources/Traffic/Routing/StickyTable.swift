import Foundation
import ServingAPI

/// Where sticky callers go: the hash of a caller's header value picks one of 10,000 buckets, and each bucket belongs
/// to one deployment by weighted rendezvous hashing. A bucket's score for a deployment is `percent / -ln(u)`, with
/// `u` a stable hash of (bucket, deployment name); the highest score owns it. A bucket changes owner only to a
/// deployment whose percent grew by a larger factor than its owner's. So a caller never leaves a deployment whose share
/// grew, and never joins one whose share shrank; with two deployments (a canary beside the stable one) raising the
/// canary moves callers only onto it. With three or more, a shrinking deployment's callers spread over the others in
/// proportion to their shares, as any table computed from the split alone must. Every replica computes the same table.
struct StickyTable: Sendable {
    static let bucketCount = 10_000

    /// The live deployments, and each bucket's owner as an index into them.
    let deployments: [String]
    private let owners: [UInt8]

    /// `nil` when no deployment has live traffic.
    init?(weights: [TrafficSplit.Weight]) {
        let live = weights.filter { $0.percent > 0 }
        guard !live.isEmpty, live.count <= Int(UInt8.max) else { return nil }
        let seeds = live.map { StableHash.fnv1a($0.deployment) }
        var owners = [UInt8](repeating: 0, count: Self.bucketCount)
        for bucket in 0..<Self.bucketCount {
            var best = -Double.infinity
            for (index, weight) in live.enumerated() {
                let u = StableHash.unit(StableHash.mix(seeds[index] ^ StableHash.mix(UInt64(bucket))))
                let score = Double(weight.percent) / -Foundation.log(u)
                if score > best {
                    best = score
                    owners[bucket] = UInt8(index)
                }
            }
        }
        self.deployments = live.map(\.deployment)
        self.owners = owners
    }

    static func bucket(of value: String) -> Int { Int(StableHash.fnv1a(value) % UInt64(bucketCount)) }

    func deployment(for value: String) -> String { deployments[Int(owners[Self.bucket(of: value)])] }

    /// How many buckets each deployment owns (its sticky share in ten-thousandths).
    var bucketCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for owner in owners { counts[deployments[Int(owner)], default: 0] += 1 }
        return counts
    }
}
