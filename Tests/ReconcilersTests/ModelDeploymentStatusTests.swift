import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct ModelDeploymentStatusTests {
    typealias Expected = (status: K8s.Condition.Status, reason: String)

    struct WorkloadCase: Sendable, CustomStringConvertible {
        var name: String
        var workload: JSONValue?
        var modelLoaded: Expected
        var available: Expected
        var progressing: Expected
        var replicas: Int?
        var readyReplicas: Int?
        var description: String { name }
    }

    static func workload(
        generation: Int64 = 1, observedGeneration: Int64 = 1, wanted: Int64 = 1, replicas: Int64, updated: Int64,
        ready: Int64?, conditions: [JSONValue] = []
    ) -> JSONValue {
        var status: JSONValue = [
            "observedGeneration": .int(observedGeneration), "replicas": .int(replicas), "updatedReplicas": .int(updated),
            "conditions": .array(conditions),
        ]
        if let ready { status["readyReplicas"] = .int(ready) }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "mnist-green", "namespace": "ml", "generation": .int(generation)],
            "spec": ["replicas": .int(wanted)], "status": status,
        ]
    }

    static let cases: [WorkloadCase] = [
        WorkloadCase(name: "no workload yet", workload: nil, modelLoaded: (.unknown, "Pending"),
            available: (.false, "Pending"), progressing: (.true, "Creating"), replicas: nil, readyReplicas: nil),
        WorkloadCase(name: "none ready", workload: workload(replicas: 1, updated: 1, ready: nil),
            modelLoaded: (.false, "Loading"), available: (.false, "NoReadyReplicas"), progressing: (.true, "RollingOut"),
            replicas: 1, readyReplicas: 0),
        WorkloadCase(name: "one ready and Available",
            workload: workload(replicas: 1, updated: 1, ready: 1, conditions: [
                ["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "ok"],
                ["type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"],
            ]),
            modelLoaded: (.true, "Loaded"), available: (.true, "MinimumReplicasAvailable"),
            progressing: (.true, "NewReplicaSetAvailable"), replicas: 1, readyReplicas: 1),
        WorkloadCase(name: "progress deadline exceeded",
            workload: workload(replicas: 1, updated: 1, ready: 0, conditions: [
                ["type": "Available", "status": "False", "reason": "MinimumReplicasUnavailable"],
                ["type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded", "message": "timed out"],
            ]),
            modelLoaded: (.false, "Loading"), available: (.false, "MinimumReplicasUnavailable"),
            progressing: (.false, "ProgressDeadlineExceeded"), replicas: 1, readyReplicas: 0),
        WorkloadCase(name: "observedGeneration behind",
            workload: workload(generation: 2, observedGeneration: 1, replicas: 1, updated: 1, ready: 1),
            modelLoaded: (.true, "Loaded"), available: (.true, "MinimumReplicasAvailable"),
            progressing: (.true, "RollingOut"), replicas: 1, readyReplicas: 1),
        WorkloadCase(name: "surge pod of a new model",
            workload: workload(wanted: 2, replicas: 3, updated: 1, ready: 2),
            modelLoaded: (.true, "Loaded"), available: (.true, "MinimumReplicasAvailable"),
            progressing: (.true, "RollingOut"), replicas: 3, readyReplicas: 2),
        WorkloadCase(name: "scaled to zero",
            workload: workload(wanted: 0, replicas: 0, updated: 0, ready: 0, conditions: [
                ["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"],
            ]),
            modelLoaded: (.true, "ScaledToZero"), available: (.true, "ScaledToZero"),
            progressing: (.true, "NewReplicaSetAvailable"), replicas: 0, readyReplicas: 0),
        WorkloadCase(name: "scaling to zero, a replica still stopping",
            workload: workload(wanted: 0, replicas: 1, updated: 1, ready: 1),
            modelLoaded: (.true, "Loaded"), available: (.true, "MinimumReplicasAvailable"),
            progressing: (.true, "NewReplicaSetAvailable"), replicas: 1, readyReplicas: 1),
    ]

    @Test(arguments: cases)
    func conditionsFromTheWorkload(_ row: WorkloadCase) throws {
        let deployment = makeDeployment()
        let status = ModelDeploymentStatus.compute(
            deployment, model: deployment.resolveModel { _ in nil }, workload: row.workload, now: fixedNow)
        let conditions = try #require(status.conditions)
        for (type, expected) in [("ModelLoaded", row.modelLoaded), ("Available", row.available), ("Progressing", row.progressing)] {
            let condition = try #require(conditions[type], "\(type)")
            #expect(condition.status == expected.status, "\(type)")
            #expect(condition.reason == expected.reason, "\(type)")
            #expect(condition.observedGeneration == 3, "\(type)")
            #expect(condition.lastTransitionTime == K8s.timestamp(fixedNow), "\(type)")
        }
        #expect(conditions.count == 3)
        #expect(status.replicas == row.replicas)
        #expect(status.readyReplicas == row.readyReplicas)
        #expect(status.observedGeneration == 3)
        #expect(status.model == ModelDeployment.ServedModel(name: "mnist-green", version: nil, sha256: sampleSHA))
        #expect(status.url == "http://mnist-green.ml.svc:5001")
    }

    @Test func modelProblemLeavesModelAndURLUnset() throws {
        let deployment = makeDeployment(model: .init(ref: "missing-1"))
        let ready = Self.workload(replicas: 1, updated: 1, ready: 1)
        let status = ModelDeploymentStatus.compute(
            deployment, model: deployment.resolveModel { _ in nil }, workload: ready, now: fixedNow)
        let loaded = try #require(status.conditions?["ModelLoaded"])
        #expect(loaded.status == .false)
        #expect(loaded.reason == "ModelNotFound")
        #expect(loaded.message.contains("missing-1"))
        #expect(status.model == nil)
        #expect(status.url == nil)
        // The workload still reports what runs.
        #expect(status.readyReplicas == 1)
        #expect(status.conditions?["Available"]?.status == .true)
    }

    @Test func referencedModelIsReported() throws {
        let deployment = makeDeployment(model: .init(ref: "mnist-2"))
        let model = deployment.resolveModel { _ in makeModel() }
        let status = ModelDeploymentStatus.compute(deployment, model: model,
            workload: Self.workload(replicas: 1, updated: 1, ready: 1), now: fixedNow)
        #expect(status.model == ModelDeployment.ServedModel(name: "mnist", version: 2, sha256: sampleSHA))
        #expect(status.conditions?["ModelLoaded"]?.message.contains("Model \"mnist-2\"") == true)
    }

    @Test func transitionTimesMoveOnlyWhenStatusChanges() throws {
        var deployment = makeDeployment()
        let model = deployment.resolveModel { _ in nil }
        let loading = Self.workload(replicas: 1, updated: 1, ready: 0)
        deployment.status = ModelDeploymentStatus.compute(deployment, model: model, workload: loading, now: fixedNow)

        // Same observation later: nothing moves.
        let same = ModelDeploymentStatus.compute(deployment, model: model, workload: loading, now: laterNow)
        #expect(same == deployment.status)

        // Now a replica is ready: ModelLoaded and Available flip, Progressing stays True (reason changes only).
        let ready = Self.workload(replicas: 1, updated: 1, ready: 1)
        let next = ModelDeploymentStatus.compute(deployment, model: model, workload: ready, now: laterNow)
        let conditions = try #require(next.conditions)
        #expect(conditions["ModelLoaded"]?.lastTransitionTime == K8s.timestamp(laterNow))
        #expect(conditions["Available"]?.lastTransitionTime == K8s.timestamp(laterNow))
        #expect(conditions["Progressing"]?.lastTransitionTime == K8s.timestamp(fixedNow))
        #expect(conditions["Progressing"]?.reason == "NewReplicaSetAvailable")
    }
}
