import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct EndpointTrafficTests {
    struct TrafficCase: Sendable, CustomStringConvertible {
        var name: String
        var traffic: [String: Int]
        var mirror: [String: Int]? = nil
        var previous: [String: Int]? = nil
        var previousMirror: [String: Int]? = nil
        var members: [EndpointMember]
        var applied: [String: Int]?
        var appliedMirror: [String: Int]? = nil
        var trafficApplied: (K8s.Condition.Status, String)
        var ready: (K8s.Condition.Status, String)
        var messageContains: [String] = []
        var description: String { name }
    }

    static let blue = EndpointMember(name: "blue", ready: true, model: "mnist-1")
    static let green = EndpointMember(name: "green", ready: true)
    static let greenUnready = EndpointMember(name: "green", ready: false)

    static let cases: [TrafficCase] = [
        TrafficCase(name: "all ready", traffic: ["blue": 90, "green": 10], members: [blue, green],
            applied: ["blue": 90, "green": 10], trafficApplied: (.true, "Applied"), ready: (.true, "Serving"),
            messageContains: ["the router applies blue 90, green 10"]),
        TrafficCase(name: "unknown deployment keeps the last split", traffic: ["blue": 50, "red": 50],
            previous: ["blue": 100], members: [blue, green], applied: ["blue": 100],
            trafficApplied: (.false, "UnknownDeployment"), ready: (.true, "Serving"),
            messageContains: ["traffic names red", "expected one of: blue, green", "keeps the last good split, blue 100"]),
        TrafficCase(name: "unknown deployment, none yet", traffic: ["red": 100], members: [],
            applied: nil, trafficApplied: (.false, "UnknownDeployment"), ready: (.false, "NoLiveTraffic"),
            messageContains: ["(none yet)", "no split is applied yet"]),
        TrafficCase(name: "unready deployment", traffic: ["blue": 50, "green": 50], members: [blue, greenUnready],
            applied: nil, trafficApplied: (.false, "DeploymentNotReady"), ready: (.false, "NoLiveTraffic"),
            messageContains: ["traffic goes to green"]),
        TrafficCase(name: "zero-percent unknown does not block", traffic: ["blue": 100, "red": 0], members: [blue],
            applied: ["blue": 100, "red": 0], trafficApplied: (.true, "Applied"), ready: (.true, "Serving")),
        TrafficCase(name: "zero-percent unready does not block", traffic: ["blue": 100, "green": 0],
            members: [blue, greenUnready], applied: ["blue": 100, "green": 0], trafficApplied: (.true, "Applied"),
            ready: (.true, "Serving")),
        TrafficCase(name: "unready mirror target blocks", traffic: ["blue": 100, "green": 0], mirror: ["green": 10],
            previous: ["blue": 100], members: [blue, greenUnready], applied: ["blue": 100],
            trafficApplied: (.false, "DeploymentNotReady"), ready: (.true, "Serving"),
            messageContains: ["traffic goes to green"]),
        TrafficCase(name: "ready mirror applies", traffic: ["blue": 100, "green": 0], mirror: ["green": 10],
            members: [blue, green], applied: ["blue": 100, "green": 0], appliedMirror: ["green": 10],
            trafficApplied: (.true, "Applied"), ready: (.true, "Serving")),
        TrafficCase(name: "mirror removed", traffic: ["blue": 100], previous: ["blue": 90, "green": 10],
            previousMirror: ["green": 5], members: [blue, green], applied: ["blue": 100], appliedMirror: nil,
            trafficApplied: (.true, "Applied"), ready: (.true, "Serving")),
        TrafficCase(name: "invalid split", traffic: ["blue": 60, "green": 30], previous: ["blue": 100],
            previousMirror: ["green": 5], members: [blue, green], applied: ["blue": 100], appliedMirror: ["green": 5],
            trafficApplied: (.false, "InvalidTraffic"), ready: (.true, "Serving"),
            messageContains: ["percents sum to 90", "blue 100"]),
        TrafficCase(name: "all zero", traffic: ["blue": 0, "green": 0], previous: ["blue": 100],
            members: [blue, green], applied: ["blue": 0, "green": 0], trafficApplied: (.true, "Applied"),
            ready: (.false, "NoLiveTraffic")),
        TrafficCase(name: "applied deployment became unready", traffic: ["green": 100], previous: ["green": 100],
            members: [blue, greenUnready], applied: ["green": 100], trafficApplied: (.false, "DeploymentNotReady"),
            ready: (.false, "DeploymentNotReady"), messageContains: ["traffic goes to green"]),
    ]

    @Test(arguments: cases)
    func decision(_ row: TrafficCase) {
        let endpoint = makeEndpoint(traffic: row.traffic, mirror: row.mirror,
            status: .init(traffic: row.previous, mirrorTraffic: row.previousMirror))
        let decision = EndpointTraffic(endpoint, members: row.members)
        #expect(decision.traffic == row.applied)
        #expect(decision.mirrorTraffic == row.appliedMirror)
        #expect(decision.trafficApplied.type == "TrafficApplied")
        #expect(decision.trafficApplied.status == row.trafficApplied.0)
        #expect(decision.trafficApplied.reason == row.trafficApplied.1)
        #expect(decision.ready.type == "Ready")
        #expect(decision.ready.status == row.ready.0)
        #expect(decision.ready.reason == row.ready.1)
        #expect(decision.trafficApplied.observedGeneration == 5)
        #expect(decision.ready.observedGeneration == 5)
        for text in row.messageContains {
            #expect(decision.trafficApplied.message.contains(text), "\(decision.trafficApplied.message)")
        }
    }

    @Test func readyNamesUnreadyDeploymentsReceivingTraffic() {
        let endpoint = makeEndpoint(traffic: ["blue": 50, "green": 50], status: .init(traffic: ["blue": 50, "green": 50]))
        let decision = EndpointTraffic(endpoint, members: [Self.blue, Self.greenUnready])
        #expect(decision.ready.message == "receiving traffic but not Available: green")
    }

    @Test func memberFromDeployment() {
        var deployment = makeDeployment(name: "blue", model: .init(ref: "mnist-1"))
        #expect(EndpointMember(deployment.json) == EndpointMember(name: "blue", ready: false, model: "mnist-1"))
        deployment.status.conditions = [K8s.Condition(type: "Available", status: .true, reason: "MinimumReplicasAvailable")]
        #expect(EndpointMember(deployment.json).ready)
        #expect(EndpointMember(deployment.json).scalesToZero == nil)
        deployment.spec.scale = .init(minReplicas: 0, maxReplicas: 2, targetConcurrency: 4)
        #expect(EndpointMember(deployment.json).scalesToZero == true)
    }

    @Test(arguments: [
        (nil, "no traffic"), ([:], "no traffic"), (["b": 10, "a": 90], "a 90, b 10"), (["only": 100], "only 100"),
    ] as [([String: Int]?, String)])
    func describe(traffic: [String: Int]?, expected: String) {
        #expect(EndpointTraffic.describe(traffic) == expected)
    }
}
