import ServingAPI
import Testing

@testable import LocalRuntime

@Suite struct CPUScalingTests {
    let scaling = CPUScaling(targetUtilization: 50, minReplicas: 1, maxReplicas: 5)

    @Test func theRatioToTheTargetTimesThePodsRoundedUp() {
        #expect(scaling.recommendation(current: 1, utilizations: [120]) == 3)
        #expect(scaling.recommendation(current: 2, utilizations: [80, 60]) == 3)
        #expect(scaling.recommendation(current: 3, utilizations: [10, 10, 10]) == 1)
        // Within the 10 % tolerance: no change.
        #expect(scaling.recommendation(current: 2, utilizations: [54, 54]) == 2)
        // Nothing measured yet: no recommendation.
        #expect(scaling.recommendation(current: 2, utilizations: []) == nil)
    }

    @Test func scaleDownWaitsForTheWindowsHighestRecommendation() {
        #expect(scaling.desired(current: 1, recommendations: [3]) == 3)
        #expect(scaling.desired(current: 3, recommendations: [3, 2, 1]) == 3)
        #expect(scaling.desired(current: 3, recommendations: [2, 1, 1]) == 2)
        #expect(scaling.desired(current: 3, recommendations: [1, 1]) == 1)
        #expect(scaling.desired(current: 2, recommendations: [9]) == 5)  // the maximum
        #expect(scaling.desired(current: 2, recommendations: []) == 2)
    }

    @Test func cpuQuantities() {
        #expect(CPUScaling.cores("100m") == 0.1)
        #expect(CPUScaling.cores("2") == 2)
        #expect(CPUScaling.cores("0.5") == 0.5)
        #expect(CPUScaling.cores("lots") == nil)
    }

    @Test func theHPAsTargetAndTheScorersRequestAreRead() {
        let hpa: JSONValue = ["spec": [
            "minReplicas": 2, "maxReplicas": 4,
            "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 70]]]],
        ]]
        #expect(LocalHPA.scaling(hpa) == CPUScaling(targetUtilization: 70, minReplicas: 2, maxReplicas: 4))
        #expect(LocalHPA.scaling(["spec": ["maxReplicas": 4, "metrics": []]]) == nil)
        let workload: JSONValue = ["spec": ["template": ["spec": ["containers": [
            ["name": "scorer", "resources": ["requests": ["cpu": "250m", "memory": "64Mi"]]],
        ]]]]]
        #expect(LocalHPA.requestedCores(workload) == 0.25)
    }
}

@Suite struct ProcessCPUTests {
    @Test func aPodIsItsProcessesAndTheirProcessGroups() throws {
        let stat = { (pid: Int, group: Int, user: Int, system: Int) in
            "\(pid) (swift let) S 1 \(group) \(group) 0 -1 4194560 100 0 0 0 \(user) \(system) 0 0 20 0 1 0 100 0 0"
        }
        let scorer = try #require(ProcessCPU.parse(stat: stat(10, 10, 150, 50),
            commandLine: "swiftlet scorer --model /data/pods/default/iris-abc/volumes/model/model.onnx"))
        #expect(scorer.processGroup == 10 && scorer.ticks == 200)
        let worker = try #require(ProcessCPU.parse(stat: stat(11, 10, 100, 0), commandLine: "python3 -u -c ..."))
        let other = try #require(ProcessCPU.parse(stat: stat(20, 20, 999, 0),
            commandLine: "swiftlet scorer --model /data/pods/default/iris-abcd/volumes/model/model.onnx"))
        let snapshot = ProcessCPU(processes: [scorer, worker, other])
        #expect(snapshot.seconds(podDirectory: "/data/pods/default/iris-abc") == 300 / ProcessCPU.ticksPerSecond)
        #expect(snapshot.seconds(podDirectory: "/data/pods/default/gone") == nil)
    }
}
