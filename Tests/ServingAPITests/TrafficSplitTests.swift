import Testing

@testable import ServingAPI

@Suite struct TrafficSplitTests {
    @Test(arguments: [
        ["a": 100], ["a": 90, "b": 10], ["a": 0, "b": 100], ["a": 0, "b": 0], [:], ["a": 50, "b": 25, "c": 25],
    ])
    func acceptsSplitsThatSumTo100OrAreAllZero(traffic: [String: Int]) throws {
        let split = try TrafficSplit(traffic: traffic)
        #expect(split.traffic == traffic)
        #expect(split.weights.map(\.deployment) == traffic.keys.sorted())
        #expect(split.isLive == (traffic.values.reduce(0, +) == 100))
    }

    @Test(arguments: [
        (["a": 90], "spec.traffic", "percents sum to 90: expected 100 (or all 0 for no live traffic)"),
        (["a": 101, "b": -1], "spec.traffic.a", "101: expected a percent in 0...100"),
        (["a": 50, "b": 60], "spec.traffic", "percents sum to 110: expected 100 (or all 0 for no live traffic)"),
        (["A": 100], "spec.traffic", #""A" is not a DNS-1123 label"#),
    ])
    func refusesOtherSplits(traffic: [String: Int], field: String, message: String) {
        let error = #expect(throws: ServingAPIError.self) { try TrafficSplit(traffic: traffic) }
        #expect(error?.field == field)
        #expect(error?.message.hasPrefix(message) == true)
    }

    @Test func mirrorsOnlyKnownDeploymentsAtMost50() throws {
        let split = try TrafficSplit(traffic: ["a": 90, "b": 10], mirror: ["b": 50, "a": 0])
        #expect(split.mirrors == [.init(deployment: "b", percent: 50)])
        let tooMuch = #expect(throws: ServingAPIError.self) { try TrafficSplit(traffic: ["a": 100], mirror: ["a": 51]) }
        #expect(tooMuch?.description == "spec.mirrorTraffic.a: 51: expected a percent in 0...50")
        let unknown = #expect(throws: ServingAPIError.self) { try TrafficSplit(traffic: ["a": 100], mirror: ["b": 5]) }
        #expect(unknown?.description == "spec.mirrorTraffic.b: not a deployment of this endpoint: expected one of a")
    }

    @Test func boundsTheNumberOfDeployments() {
        let traffic = Dictionary(uniqueKeysWithValues: (0..<17).map { ("d\($0)", 0) })
        #expect(throws: ServingAPIError.self) { try TrafficSplit(traffic: traffic) }
    }

    @Test func percentOfAnUnknownDeploymentIsZero() throws {
        #expect(try TrafficSplit(traffic: ["a": 100]).percent(of: "b") == 0)
    }
}
