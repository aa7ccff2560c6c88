import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct ScorerWorkloadTests {
    let configuration = OperatorConfiguration(scorerImage: "registry.example/scorer:1")

    func workload(_ deployment: ModelDeployment) throws -> ScorerWorkload {
        ScorerWorkload(deployment, model: try resolved(deployment), configuration: configuration)
    }

    @Test func deploymentMetadataLabelsSelectorAndOwner() throws {
        let object = try workload(makeDeployment()).deployment
        #expect(object["apiVersion"] == "apps/v1")
        #expect(object["kind"] == "Deployment")
        #expect(object.name == "mnist-green")
        #expect(object.namespace == "ml")
        #expect(object.labels == [
            "app.kubernetes.io/managed-by": "swiftlet", "app.kubernetes.io/component": "scorer",
            "serving.swiftlet.dev/endpoint": "mnist", "serving.swiftlet.dev/deployment": "mnist-green",
        ])
        #expect(object[path: ["spec", "selector"]] == ["matchLabels": ["serving.swiftlet.dev/deployment": "mnist-green"]])
        #expect(object[path: ["spec", "template", "metadata", "labels"]] == object[path: ["metadata", "labels"]])
        let owners = object.ownerReferences
        #expect(owners == [K8s.OwnerReference(
            apiVersion: "serving.swiftlet.dev/v1alpha1", kind: "ModelDeployment", name: "mnist-green", uid: "uid-md",
            controller: true, blockOwnerDeletion: true)])
    }

    struct ReplicaCase: Sendable, CustomStringConvertible {
        var scale: ModelDeployment.Scale?
        var replicas: Int64?
        var description: String { "\(String(describing: scale)) → \(String(describing: replicas))" }
    }

    @Test(arguments: [
        ReplicaCase(scale: nil, replicas: 1),
        ReplicaCase(scale: .init(minReplicas: 0, targetConcurrency: 4), replicas: 1),
        ReplicaCase(scale: .init(minReplicas: 3), replicas: 3),
        ReplicaCase(scale: .init(minReplicas: 2, targetCPUUtilization: 70), replicas: nil),
    ])
    func replicas(_ row: ReplicaCase) throws {
        let object = try workload(makeDeployment(scale: row.scale)).deployment
        #expect(object[path: ["spec", "replicas"]]?.intValue == row.replicas)
    }

    /// With a concurrency autoscaler beside the controller (swiftlet up), it owns targetConcurrency deployments'
    /// replica count; the others keep theirs.
    @Test(arguments: [
        ReplicaCase(scale: .init(minReplicas: 2, targetConcurrency: 4), replicas: nil),
        ReplicaCase(scale: .init(minReplicas: 3), replicas: 3),
        ReplicaCase(scale: nil, replicas: 1),
    ])
    func replicasWithAConcurrencyAutoscaler(_ row: ReplicaCase) throws {
        let deployment = makeDeployment(scale: row.scale)
        let object = ScorerWorkload(deployment, model: try resolved(deployment),
            configuration: OperatorConfiguration(concurrencyAutoscaler: true)).deployment
        #expect(object[path: ["spec", "replicas"]]?.intValue == row.replicas)
    }

    @Test func rollingUpdateStrategy() throws {
        let spec = try workload(makeDeployment()).deployment["spec"]
        #expect(spec?["strategy"] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 0, "maxSurge": 1]])
        #expect(spec?["revisionHistoryLimit"] == 3)
    }

    @Test func serviceSelectsTheScorersOnTheScorerPort() throws {
        let service = try workload(makeDeployment()).service
        #expect(service["kind"] == "Service")
        #expect(service["apiVersion"] == "v1")
        #expect(service.name == "mnist-green")
        #expect(service[path: ["spec", "type"]] == "ClusterIP")
        #expect(service[path: ["spec", "selector"]] == ["serving.swiftlet.dev/deployment": "mnist-green"])
        #expect(service[path: ["spec", "ports"]] == [["name": "http", "port": 5001, "targetPort": "http", "protocol": "TCP"]])
        #expect(service.ownerReferences.first?.controller == true)
        #expect(ScorerWorkload.serviceURL(makeDeployment()) == "http://mnist-green.ml.svc:5001")
    }

    @Test(arguments: [(0, false), (1, false), (2, true), (5, true)])
    func podDisruptionBudgetOnlyAboveOneReplica(minReplicas: Int, expected: Bool) throws {
        let scale = ModelDeployment.Scale(minReplicas: minReplicas, targetConcurrency: minReplicas == 0 ? 2 : nil)
        let budget = try workload(makeDeployment(scale: scale)).podDisruptionBudget
        #expect((budget != nil) == expected)
        if let budget {
            #expect(budget["apiVersion"] == "policy/v1")
            #expect(budget[path: ["spec", "maxUnavailable"]] == 1)
            #expect(budget[path: ["spec", "selector", "matchLabels", "serving.swiftlet.dev/deployment"]] == "mnist-green")
        }
    }

    struct AutoscalerCase: Sendable, CustomStringConvertible {
        var scale: ModelDeployment.Scale?
        var minimum: Int64?
        var maximum: Int64?
        var target: Int64?
        var description: String { "\(String(describing: scale))" }
    }

    @Test(arguments: [
        AutoscalerCase(scale: nil, minimum: nil, maximum: nil, target: nil),
        AutoscalerCase(scale: .init(minReplicas: 2), minimum: nil, maximum: nil, target: nil),
        AutoscalerCase(scale: .init(targetCPUUtilization: 70), minimum: 1, maximum: 10, target: 70),
        AutoscalerCase(scale: .init(minReplicas: 12, targetCPUUtilization: 50), minimum: 12, maximum: 12, target: 50),
        AutoscalerCase(scale: .init(minReplicas: 2, maxReplicas: 4, targetCPUUtilization: 80), minimum: 2, maximum: 4, target: 80),
    ])
    func autoscalerOnlyWithCPUTarget(_ row: AutoscalerCase) throws {
        let hpa = try workload(makeDeployment(scale: row.scale)).autoscaler
        guard let target = row.target else {
            #expect(hpa == nil)
            return
        }
        let spec = try #require(hpa?["spec"])
        #expect(hpa?["apiVersion"] == "autoscaling/v2")
        #expect(hpa?["kind"] == "HorizontalPodAutoscaler")
        #expect(spec["scaleTargetRef"] == ["apiVersion": "apps/v1", "kind": "Deployment", "name": "mnist-green"])
        #expect(spec["minReplicas"]?.intValue == row.minimum)
        #expect(spec["maxReplicas"]?.intValue == row.maximum)
        #expect(spec["metrics"] == [["type": "Resource", "resource": [
            "name": "cpu", "target": ["type": "Utilization", "averageUtilization": .int(target)],
        ]]])
    }

    @Test func objectsInApplyOrder() throws {
        let full = try workload(makeDeployment(scale: .init(minReplicas: 2, targetCPUUtilization: 60)))
        #expect(full.objects.compactMap(\.kind) == ["Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler"])
        let minimal = try workload(makeDeployment())
        #expect(minimal.objects.compactMap(\.kind) == ["Deployment", "Service"])
    }

    @Test(arguments: [(nil, "registry.example/scorer:1"), ("mine/scorer:2", "mine/scorer:2")] as [(String?, String)])
    func scorerImage(specImage: String?, expected: String) throws {
        let deployment = makeDeployment(scorer: .init(image: specImage))
        let containers = try workload(deployment).deployment[path: ["spec", "template", "spec", "containers"]]
        let initContainers = try workload(deployment).deployment[path: ["spec", "template", "spec", "initContainers"]]
        #expect(containers?[0]?["image"]?.stringValue == expected)
        #expect(initContainers?[0]?["image"]?.stringValue == expected)
    }

    @Test func defaultConfigurationImage() throws {
        let deployment = makeDeployment()
        let object = ScorerWorkload(deployment, model: try resolved(deployment), configuration: OperatorConfiguration())
        #expect(object.deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["image"]?.stringValue
            == OperatorConfiguration.defaultScorerImage)
    }
}
