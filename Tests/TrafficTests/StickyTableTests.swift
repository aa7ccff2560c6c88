import ServingAPI
import Testing

@testable import Traffic

@Suite struct StickyTableTests {
    private func table(_ traffic: [String: Int]) throws -> StickyTable {
        try #require(StickyTable(weights: TrafficSplit(traffic: traffic).weights))
    }

    @Test(arguments: [["blue": 90, "green": 10], ["a": 50, "b": 30, "c": 20], ["only": 100]])
    func bucketSharesFollowTheWeights(traffic: [String: Int]) throws {
        let counts = try table(traffic).bucketCounts
        for (deployment, percent) in traffic {
            // Each bucket's owner is a weighted draw, so shares are binomial: σ is half a point at 50 %.
            #expect(abs(Double(counts[deployment] ?? 0) / 100 - Double(percent)) < 1.5, "\(deployment)")
        }
    }

    @Test func growingACanaryOnlyMovesCallersOntoIt() throws {
        let callers = (0..<5_000).map { "user-\($0)" }
        var previous = try table(["blue": 95, "green": 5])
        for canary in [10, 25, 50, 75, 100] {
            let next = try table(["blue": 100 - canary, "green": canary])
            for caller in callers where previous.deployment(for: caller) == "green" {
                #expect(next.deployment(for: caller) == "green", "\(caller) left green at \(canary) %")
            }
            previous = next
        }
    }

    @Test func withThreeDeploymentsNobodyLeavesTheOneThatGrewOrJoinsTheOneThatShrank() throws {
        let before = try table(["a": 50, "b": 30, "c": 20])
        let after = try table(["a": 60, "b": 30, "c": 10])
        var moved = 0
        for caller in (0..<5_000).map({ "caller-\($0)" }) where after.deployment(for: caller) != before.deployment(for: caller) {
            #expect(before.deployment(for: caller) != "a", "\(caller) left a, which grew")
            #expect(after.deployment(for: caller) != "c", "\(caller) joined c, which shrank")
            moved += 1
        }
        #expect(moved > 0)
    }

    @Test func theSameSplitGivesTheSameTableEverywhere() throws {
        let first = try table(["blue": 70, "green": 30]), second = try table(["green": 30, "blue": 70])
        for caller in (0..<1_000).map({ "id-\($0)" }) {
            #expect(first.deployment(for: caller) == second.deployment(for: caller))
        }
        // FNV-1a's published test vectors: a change to the hash would move every sticky caller on upgrade.
        #expect(StableHash.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.fnv1a("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func noLiveTrafficHasNoTable() throws {
        #expect(StickyTable(weights: try TrafficSplit(traffic: ["a": 0, "b": 0]).weights) == nil)
    }
}
