import Testing

@testable import ServingAPI

@Suite struct ModelDeploymentTests {
    typealias MD = ModelDeployment

    static func deployment(
        name: String = "mnist-green", endpoint: String = "mnist", model: MD.ModelRef = .init(ref: "mnist-3"),
        scorer: MD.Scorer? = nil, resources: MD.Resources? = nil, scale: MD.Scale? = nil, probes: MD.Probes? = nil
    ) -> MD {
        MD(
            metadata: .init(name: name),
            spec: .init(endpoint: endpoint, model: model, scorer: scorer, resources: resources, scale: scale, probes: probes))
    }

    @Test func decodesTheAPIExample() throws {
        let yaml = """
            apiVersion: serving.swiftlet.dev/v1alpha1
            kind: ModelDeployment
            metadata:
              name: mnist-green
            spec:
              endpoint: mnist
              model: {ref: mnist-3}
              scorer:
                image: ghcr.io/swiftlet/swiftlet:0.1.0
                workers: 2
                maxBatchSize: 32
                batchTimeoutMs: 2
                requestTimeoutMs: 5000
                maxConcurrentRequests: 64
                maxQueueWaitMs: 500
                env: [{name: LOG_LEVEL, value: info}]
              resources:
                requests: {cpu: "1", memory: 1Gi}
                limits: {memory: 2Gi, cpu: 2}
                accelerator: {type: nvidia.com/gpu, count: 1}
              scale:
                minReplicas: 1
                maxReplicas: 10
                targetConcurrency: 8
              probes: {readinessPath: /ready, livenessPath: /healthz, initialDelaySeconds: 0}
            status:
              replicas: 2
              readyReplicas: 2
              model: {name: mnist, version: 3}
              url: http://mnist-green.default.svc:5001
            """
        let json = try #require(try JSONValue.parsingYAML(yaml).first)
        let deployment = try MD(json: json)
        #expect(deployment.spec.scorer?.env == [.init(name: "LOG_LEVEL", value: "info")])
        #expect(deployment.spec.resources?.limits?["cpu"] == "2")
        #expect(deployment.spec.resources?.accelerator == .init(type: "nvidia.com/gpu", count: 1))
        #expect(deployment.status.model?.version == 3)
        #expect(try deployment.validated() == .ref("mnist-3"))
        // Quantities written as numbers come back as strings; everything else as it was.
        var expected = json
        expected[path: ["spec", "resources", "limits", "cpu"]] = "2"
        #expect(deployment.json == expected)
    }

    @Test func inlineModelIsValidatedAsAModelSource() throws {
        let choice = try Self.deployment(
            model: .init(uri: "configmap://tiny/model.onnx", format: .onnx, sha256: String(repeating: "a", count: 64))
        ).validated()
        guard case .inline(let source) = choice else {
            Issue.record("expected an inline model, got \(choice)")
            return
        }
        #expect(source.uri.scheme == .configmap)
        #expect(source.format == .onnx)
    }

    @Test(arguments: [
        (deployment(name: "mnist.green"), "metadata.name"),
        (deployment(endpoint: "Mnist"), "spec.endpoint"),
        (deployment(model: .init()), "spec.model"),
        (deployment(model: .init(ref: "m-1", uri: "file:///m")), "spec.model"),
        (deployment(model: .init(ref: "m-1", format: .onnx)), "spec.model"),
        (deployment(model: .init(uri: "file:///m")), "spec.model.format"),
        (deployment(model: .init(uri: "file:///m", format: .python)), "spec.model.entryScript"),
        (deployment(model: .init(uri: "gs://b/m", format: .onnx)), "spec.model.uri"),
        (deployment(scorer: .init(workers: 0)), "spec.scorer.workers"),
        (deployment(scorer: .init(maxBatchSize: 0)), "spec.scorer.maxBatchSize"),
        (deployment(scorer: .init(requestTimeoutMs: 0)), "spec.scorer.requestTimeoutMs"),
        (deployment(scorer: .init(maxQueueWaitMs: -1)), "spec.scorer.maxQueueWaitMs"),
        (deployment(scorer: .init(env: [.init(name: "")])), "spec.scorer.env[0].name"),
        (deployment(scorer: .init(env: [.init(name: "A", value: "x", valueFrom: .init())])), "spec.scorer.env[0]"),
        (deployment(scorer: .init(env: [.init(name: "A", valueFrom: .init())])), "spec.scorer.env[0].valueFrom"),
        (deployment(resources: .init(accelerator: .init(type: "nvidia.com/gpu", count: 0))), "spec.resources.accelerator.count"),
        (deployment(scale: .init(minReplicas: -1)), "spec.scale.minReplicas"),
        (deployment(scale: .init(minReplicas: 3, maxReplicas: 2)), "spec.scale.maxReplicas"),
        (deployment(scale: .init(maxReplicas: 0)), "spec.scale.maxReplicas"),
        (deployment(scale: .init(targetConcurrency: 8, targetCPUUtilization: 70)), "spec.scale"),
        (deployment(scale: .init(minReplicas: 0, targetCPUUtilization: 70)), "spec.scale.minReplicas"),
        (deployment(scale: .init(targetCPUUtilization: 101)), "spec.scale.targetCPUUtilization"),
        (deployment(scale: .init(targetCPUUtilization: 70)), "spec.resources.requests.cpu"),
        (deployment(probes: .init(readinessPath: "ready")), "spec.probes.readinessPath"),
        (deployment(probes: .init(initialDelaySeconds: -1)), "spec.probes.initialDelaySeconds"),
    ])
    func invalidSpecsNameTheField(deployment: MD, field: String) {
        let error = #expect(throws: ServingAPIError.self) { try deployment.validated() }
        #expect(error?.field == field)
    }

    @Test func scaleToZeroWithConcurrencyIsValid() throws {
        let deployment = Self.deployment(scale: .init(minReplicas: 0, maxReplicas: 4, targetConcurrency: 8))
        #expect(try deployment.validated() == .ref("mnist-3"))
    }

    @Test func schemaDefaultsAreTheCodeDefaults() {
        let scorer = MD.crd.spec.properties["scorer"]!.properties
        #expect(scorer["workers"]?.defaultValue == .int(Int64(MD.Scorer.Defaults.workers)))
        #expect(scorer["maxQueueWaitMs"]?.defaultValue == .int(Int64(MD.Scorer.Defaults.maxQueueWaitMs)))
        #expect(MD.crd.spec.properties["probes"]!.properties["readinessPath"]?.defaultValue == "/ready")
        #expect(MD.crd.spec.properties["scale"]!.properties["minReplicas"]?.defaultValue == 1)
    }
}
