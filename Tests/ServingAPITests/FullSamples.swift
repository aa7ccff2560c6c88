@testable import ServingAPI

/// Objects with every field set, for the schema agreement tests.
enum FullSamples {
    static let condition = K8s.Condition(
        type: "Ready", status: .true, reason: "Verified", message: "checksum matches", observedGeneration: 2,
        lastTransitionTime: "2026-01-02T03:04:05Z")

    static let model = Model(
        metadata: K8s.ObjectMeta(name: "mnist-3", namespace: "default"),
        spec: .init(
            modelName: "mnist", version: 3, format: .python, uri: "s3://models/mnist/3/model.tar",
            framework: "scikit-learn", sha256: String(repeating: "ab", count: 32),
            secretRef: .init(name: "model-store-creds"), entryScript: "score.py",
            tags: ["area": "mnist"], description: "Logistic regression on MNIST"),
        status: .init(conditions: [condition], usedBy: ["mnist-blue"], observedGeneration: 2))

    static let deployment = ModelDeployment(
        metadata: K8s.ObjectMeta(name: "mnist-green"),
        spec: .init(
            endpoint: "mnist",
            model: .init(
                ref: "mnist-3", uri: "https://models.example.com/m.onnx", format: .onnx,
                sha256: String(repeating: "0", count: 64), entryScript: "score.py"),
            scorer: .init(
                image: "ghcr.io/swiftlet/swiftlet:0.1.0", workers: 2, maxBatchSize: 32, batchTimeoutMs: 2,
                requestTimeoutMs: 5000, maxConcurrentRequests: 64, maxQueueWaitMs: 500,
                env: [
                    .init(
                        name: "TOKEN", value: "x",
                        valueFrom: .init(
                            secretKeyRef: .init(name: "s", key: "k", optional: true),
                            configMapKeyRef: .init(name: "c", key: "k", optional: false)))
                ]),
            resources: .init(
                requests: ["cpu": "1", "memory": "1Gi"], limits: ["memory": "2Gi"],
                accelerator: .init(type: "nvidia.com/gpu", count: 1)),
            scale: .init(minReplicas: 1, maxReplicas: 10, targetConcurrency: 8, targetCPUUtilization: 70),
            probes: .init(readinessPath: "/ready", livenessPath: "/healthz", initialDelaySeconds: 0)),
        status: .init(
            conditions: [condition], replicas: 2, readyReplicas: 2,
            model: .init(name: "mnist", version: 3, sha256: String(repeating: "0", count: 64)),
            url: "http://mnist-green.default.svc:5001", observedGeneration: 1))

    static let endpoint = ModelEndpoint(
        metadata: K8s.ObjectMeta(name: "mnist"),
        spec: .init(
            auth: .init(mode: .key), traffic: ["mnist-blue": 90, "mnist-green": 10], mirrorTraffic: ["mnist-green": 10],
            stickyBy: "x-user-id", gateway: .gatewayAPI, gatewayRef: .init(name: "gw", namespace: "infra", sectionName: "https")),
        status: .init(
            conditions: [condition], scoringURI: "http://router/endpoints/default/mnist/score",
            openapiURI: "http://router/endpoints/default/mnist/swagger.json", traffic: ["mnist-blue": 90, "mnist-green": 10],
            mirrorTraffic: ["mnist-green": 10],
            deployments: [.init(name: "mnist-blue", ready: true, model: "mnist-2", scalesToZero: true)],
            mirrors: [.init(deployment: "mnist-green", compared: 200, agreed: 199, agreement: 0.995, failed: 1, dropped: 0,
                latencyDifferenceSeconds: 0.002)],
            observedGeneration: 4))
}
