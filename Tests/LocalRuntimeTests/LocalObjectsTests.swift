import Foundation
import ServingAPI
import Testing
@testable import LocalRuntime

@Suite struct LocalObjectsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    let deployment: JSONValue = [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": [
            "name": "quickstart-blue", "namespace": "default", "uid": "uid-d", "generation": 4,
            "labels": ["app.kubernetes.io/managed-by": "swiftlet", "app.kubernetes.io/component": "scorer",
                "serving.swiftlet.dev/deployment": "quickstart-blue"],
        ],
        "spec": [
            "replicas": 2,
            "template": [
                "metadata": ["labels": ["serving.swiftlet.dev/deployment": "quickstart-blue"]],
                "spec": [
                    "initContainers": [["name": "fetch-model", "image": "swiftlet"]],
                    "containers": [["name": "scorer", "image": "swiftlet"]],
                ],
            ],
        ],
    ]

    func replica(_ name: String, hash: String = "h1", port: Int? = 41000, ready: Bool = true,
        change: (inout ReplicaStatus) -> Void = { _ in }) -> ReplicaSnapshot
    {
        var status = ReplicaStatus(port: port, ready: ready, waitingReason: ready ? nil : "PodInitializing",
            runningSince: ready ? Self.now : nil)
        change(&status)
        return ReplicaSnapshot(name: name, templateHash: hash, created: Self.now, status: status)
    }

    @Test func eachReplicaGetsASliceLabelledAsItsServicesSlicesWithItsOwnPort() throws {
        let slice = try #require(LocalObjects.slice(replica("quickstart-blue-h1-abcde", ready: false), of: deployment))
        #expect(slice.labels == [
            "app.kubernetes.io/managed-by": "swiftlet", "app.kubernetes.io/component": "scorer",
            "serving.swiftlet.dev/deployment": "quickstart-blue", "kubernetes.io/service-name": "quickstart-blue",
            "endpointslice.kubernetes.io/managed-by": "local-runtime.swiftlet.dev",
        ])
        #expect(slice[path: ["ports"]] == [["name": "http", "port": 41000, "protocol": "TCP"]])
        #expect(slice[path: ["endpoints"]]?.arrayValue?.first?["addresses"] == ["127.0.0.1"])
        #expect(slice[path: ["endpoints"]]?.arrayValue?.first?[path: ["conditions", "ready"]] == false)
        #expect(slice.ownerReferences.first?.uid == "uid-d")
        #expect(LocalObjects.slice(replica("no-port", port: nil), of: deployment) == nil)
    }

    @Test func theDeploymentIsAvailableOnceTheWantedCountIsReady() {
        let one = LocalObjects.deploymentStatus(deployment, replicas: [replica("a")], currentHash: "h1", now: Self.now)
        #expect(one["replicas"] == 1 && one["readyReplicas"] == 1 && one["unavailableReplicas"] == 1)
        #expect(one["observedGeneration"] == 4)
        #expect(condition(one, "Available") == "False")
        let two = LocalObjects.deploymentStatus(deployment, replicas: [replica("a"), replica("b")], currentHash: "h1",
            now: Self.now)
        #expect(condition(two, "Available") == "True")
        #expect(two[path: ["conditions"]]?.arrayValue?.last?["reason"] == "NewReplicaSetAvailable")
    }

    @Test func replicasOfAnOlderTemplateAreNotCountedAsUpdated() {
        let status = LocalObjects.deploymentStatus(deployment, replicas: [replica("a", hash: "old"), replica("b")],
            currentHash: "h1", now: Self.now)
        #expect(status["updatedReplicas"] == 1 && status["replicas"] == 2)
        #expect(status[path: ["conditions"]]?.arrayValue?.last?["reason"] == "ReplicaSetUpdated")
    }

    @Test func conditionsKeepTheirTransitionTimeWhileTheirStatusHolds() {
        var observed = deployment
        observed["status"] = LocalObjects.deploymentStatus(deployment, replicas: [replica("a"), replica("b")],
            currentHash: "h1", now: Self.now)
        let later = LocalObjects.deploymentStatus(observed, replicas: [replica("a"), replica("b")], currentHash: "h1",
            now: Self.now.addingTimeInterval(60))
        #expect(later == observed["status"])
    }

    @Test func aFailedFetchStepShowsAsTheInitContainersTerminationWithItsMessage() {
        let failing = replica("a", ready: false) { status in
            status.restarts = 2
            status.waitingReason = "CrashLoopBackOff"
            status.initFailure = .init(container: "fetch-model", exitCode: 1,
                message: "error: model not found: /m.onnx does not exist", finishedAt: Self.now)
        }
        let status = LocalObjects.podStatus(failing, template: deployment[path: ["spec", "template"]]!)
        #expect(status["phase"] == "Pending")
        let fetch = status["initContainerStatuses"]?.arrayValue?.first
        #expect(fetch?[path: ["state", "waiting", "reason"]] == "CrashLoopBackOff")
        #expect(fetch?[path: ["lastState", "terminated", "exitCode"]] == 1)
        #expect(fetch?[path: ["lastState", "terminated", "message"]] == "error: model not found: /m.onnx does not exist")
        #expect(fetch?["restartCount"] == 2)
        #expect(status["conditions"]?.arrayValue?.first { $0["type"] == "Ready" }?["status"] == "False")
    }

    @Test func aRunningReplicasPodIsReadyOnTheLocalNode() {
        let running = replica("quickstart-blue-h1-abcde")
        let status = LocalObjects.podStatus(running, template: deployment[path: ["spec", "template"]]!)
        #expect(status["phase"] == "Running" && status["podIP"] == "127.0.0.1")
        #expect(status["containerStatuses"]?.arrayValue?.first?["ready"] == true)
        #expect(status["initContainerStatuses"]?.arrayValue?.first?[path: ["state", "terminated", "reason"]] == "Completed")
        let pod = LocalObjects.pod(running, of: deployment)
        #expect(pod[path: ["spec", "nodeName"]] == "swiftlet-local")
        #expect(pod.labels["pod-template-hash"] == "h1")
        #expect(pod.labels["serving.swiftlet.dev/deployment"] == "quickstart-blue")
    }

    private func condition(_ status: JSONValue, _ type: String) -> String? {
        status["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }?["status"]?.stringValue
    }
}
