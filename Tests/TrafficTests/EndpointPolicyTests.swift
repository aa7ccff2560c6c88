import ServingAPI
import Testing

@testable import Traffic

@Suite struct EndpointPolicyTests {
    private func policy(_ traffic: [String: Int], mirror: [String: Int] = [:], listed: [String] = [], sticky: String? = nil)
        throws -> EndpointPolicy
    {
        EndpointPolicy(split: try TrafficSplit(traffic: traffic, mirror: mirror), deployments: listed, stickyBy: sticky)
    }

    @Test(arguments: [["blue": 90, "green": 10], ["a": 50, "b": 30, "c": 20]])
    func weightedChoicesFollowThePercents(traffic: [String: Int]) throws {
        let policy = try policy(traffic)
        var generator = FastRandom(seed: 7)
        var counts: [String: Int] = [:]
        for _ in 0..<20_000 {
            counts[try policy.choose(pinned: nil, stickyValue: nil, using: &generator), default: 0] += 1
        }
        for (deployment, percent) in traffic {
            #expect(abs(Double(counts[deployment] ?? 0) / 200 - Double(percent)) < 1.5, "\(deployment): \(counts)")
        }
    }

    @Test func aPinWinsOverStickinessAndWeightsEvenAtZeroPercent() throws {
        let policy = try policy(["blue": 100, "green": 0], listed: ["blue", "green", "staging"], sticky: "X-User-Id")
        var generator = FastRandom(seed: 1)
        #expect(try policy.choose(pinned: "green", stickyValue: "u1", using: &generator) == "green")
        #expect(try policy.choose(pinned: "staging", stickyValue: nil, using: &generator) == "staging")
        #expect(policy.stickyHeader == "x-user-id")
    }

    @Test func anUnknownPinNamesTheValidDeployments() throws {
        let policy = try policy(["blue": 100], listed: ["green"])
        var generator = FastRandom(seed: 1)
        #expect(throws: RouterError.unknownDeployment("red", valid: ["blue", "green"])) {
            try policy.choose(pinned: "red", stickyValue: nil, using: &generator)
        }
    }

    @Test func stickyCallersStayPut() throws {
        let policy = try policy(["blue": 50, "green": 50], sticky: "x-user-id")
        var generator = FastRandom(seed: 3)
        for caller in (0..<200).map({ "u\($0)" }) {
            let first = try policy.choose(pinned: nil, stickyValue: caller, using: &generator)
            for _ in 0..<5 { #expect(try policy.choose(pinned: nil, stickyValue: caller, using: &generator) == first) }
        }
    }

    @Test func noLiveTrafficIsRefusedUnlessPinned() throws {
        let policy = try policy(["blue": 0, "green": 0])
        var generator = FastRandom(seed: 1)
        #expect(throws: RouterError.noLiveTraffic) { try policy.choose(pinned: nil, stickyValue: nil, using: &generator) }
        #expect(try policy.choose(pinned: "blue", stickyValue: nil, using: &generator) == "blue")
    }

    @Test func mirrorsDrawTheirPercent() throws {
        let policy = try policy(["blue": 100, "green": 0], mirror: ["green": 20])
        var generator = FastRandom(seed: 11)
        let copies = (0..<10_000).filter { _ in policy.mirrors(using: &generator) == ["green"] }.count
        #expect(abs(copies - 2_000) < 200)
    }

    @Test func anUnchangedSplitReusesItsStickyTable() throws {
        let first = try policy(["blue": 60, "green": 40], sticky: "x-user")
        let split = try TrafficSplit(traffic: ["blue": 60, "green": 40])
        let again = EndpointPolicy(split: split, deployments: ["other"], stickyBy: "x-user", reusing: first)
        #expect(again.sticky?.deployments == first.sticky?.deployments)
        #expect(again.pinnable == ["blue", "green", "other"])
    }
}

@Suite struct PodPoolTests {
    @Test func twoChoicesPreferTheLessBusyPod() {
        let busy = Backend(host: "10.0.0.1", port: 5001), idle = Backend(host: "10.0.0.2", port: 5001)
        for _ in 0..<5 { busy.started() }
        let pool = PodPool(backends: [busy, idle])
        var generator = FastRandom(seed: 5)
        for _ in 0..<100 { #expect(pool.choose(using: &generator) === idle) }
    }

    @Test func everyPodGetsAShareWhenEquallyBusy() {
        let backends = (1...4).map { Backend(host: "10.0.0.\($0)", port: 5001) }
        var generator = FastRandom(seed: 9)
        var counts: [String: Int] = [:]
        for _ in 0..<4_000 { counts[PodPool(backends: backends).choose(using: &generator)!.address, default: 0] += 1 }
        #expect(counts.count == 4)
        #expect(counts.values.allSatisfy { $0 > 700 })
    }

    @Test func aRetryAvoidsThePodThatFailed() {
        let failed = Backend(host: "10.0.0.1", port: 5001), other = Backend(host: "10.0.0.2", port: 5001)
        var generator = FastRandom(seed: 2)
        #expect(PodPool(backends: [failed, other]).choose(excluding: failed, using: &generator) === other)
        #expect(PodPool(backends: [failed]).choose(excluding: failed, using: &generator) == nil)
        #expect(PodPool(backends: []).choose(using: &generator) == nil)
    }

    @Test func ipv6AddressesAreBracketed() {
        #expect(Backend(host: "fd00::1", port: 5001).address == "[fd00::1]:5001")
    }
}

@Suite struct PodEjectionTests {
    @Test func aPodThatRefusedIsPassedOverUntilItsEjectionEnds() {
        let dead = Backend(host: "10.0.0.1", port: 5001), alive = Backend(host: "10.0.0.2", port: 5001)
        let pool = PodPool(backends: [dead, alive])
        var generator = FastRandom(seed: 4)
        dead.ejected(now: 1_000)
        for _ in 0..<50 { #expect(pool.choose(now: 2_000, using: &generator) === alive) }
        // Both are candidates again once the ejection ran out.
        var chosen = Set<String>()
        for _ in 0..<50 { chosen.insert(pool.choose(now: 1_000 + Backend.ejection + 1, using: &generator)!.address) }
        #expect(chosen.count == 2)
    }

    @Test func whenEveryPodIsEjectedTheyAreStillTried() {
        let only = Backend(host: "10.0.0.1", port: 5001)
        only.ejected(now: 0)
        var generator = FastRandom(seed: 4)
        #expect(PodPool(backends: [only]).choose(now: 1, using: &generator) === only)
    }
}
