import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct ScorerPodTemplateTests {
    static let image = "registry.example/scorer:1"

    func template(_ deployment: ModelDeployment = makeDeployment(), model: ResolvedModel) -> JSONValue {
        ScorerPodTemplate(deployment: deployment, model: model, image: Self.image).json
    }

    func onnx(_ uri: String = "https://models.example.com/mnist.onnx", sha256: String? = sampleSHA,
        secret: String? = nil) throws -> ResolvedModel
    {
        ResolvedModel(source: try source(uri, sha256: sha256), modelName: "mnist", secretName: secret)
    }

    func container(_ pod: JSONValue, _ list: String = "containers") -> JSONValue? {
        pod[path: ["spec", list]]?[0]
    }

    // MARK: Scorer arguments

    @Test func onnxArguments() throws {
        let template = ScorerPodTemplate(deployment: makeDeployment(), model: try onnx(), image: Self.image)
        #expect(template.scorerArguments == [
            "--model", "/var/lib/swiftlet/model/model.onnx", "--model-name", "mnist",
            "--max-batch-size", "32", "--batch-timeout-ms", "2",
            "--host", "0.0.0.0", "--port", "5001", "--request-timeout-ms", "5000",
            "--max-concurrent-requests", "64", "--max-queue-wait-ms", "500",
        ])
    }

    @Test func pythonArgumentsWithOverrides() throws {
        let model = ResolvedModel(
            source: try source("https://models.example.com/m.tar.gz", format: .python, entryScript: "src/score.py"),
            modelName: "digits")
        let deployment = makeDeployment(scorer: .init(
            workers: 4, maxBatchSize: 8, requestTimeoutMs: 1000, maxConcurrentRequests: 10, maxQueueWaitMs: 50))
        let arguments = ScorerPodTemplate(deployment: deployment, model: model, image: Self.image).scorerArguments
        #expect(arguments == [
            "--entry-script", "/var/lib/swiftlet/model/src/score.py", "--model-dir", "/var/lib/swiftlet/model",
            "--workers", "4",
            "--host", "0.0.0.0", "--port", "5001", "--request-timeout-ms", "1000",
            "--max-concurrent-requests", "10", "--max-queue-wait-ms", "50",
        ])
        #expect(!arguments.contains("--max-batch-size"))
    }

    @Test func onnxOverridesBatchSettings() throws {
        let deployment = makeDeployment(scorer: .init(maxBatchSize: 128, batchTimeoutMs: 0))
        let arguments = ScorerPodTemplate(deployment: deployment, model: try onnx(), image: Self.image).scorerArguments
        #expect(arguments.firstIndex(of: "--max-batch-size").map { arguments[$0 + 1] } == "128")
        #expect(arguments.firstIndex(of: "--batch-timeout-ms").map { arguments[$0 + 1] } == "0")
        #expect(!arguments.contains("--workers"))
    }

    // MARK: fetch-model

    struct FetchCase: Sendable, CustomStringConvertible {
        var uri: String
        var sha256: String?
        var secret: String?
        var extraArguments: [String]
        var sourceVolume: JSONValue?
        var description: String { uri }
    }

    @Test(arguments: [
        FetchCase(uri: "https://models.example.com/mnist.onnx", sha256: sampleSHA, secret: nil,
            extraArguments: ["--sha256", sampleSHA], sourceVolume: nil),
        FetchCase(uri: "http://models.example.com/mnist.onnx", sha256: nil, secret: nil,
            extraArguments: [], sourceVolume: nil),
        FetchCase(uri: "pvc://model-store/mnist/model.onnx", sha256: nil, secret: nil,
            extraArguments: ["--source-root", "/var/run/swiftlet/source"],
            sourceVolume: ["name": "model-source", "persistentVolumeClaim": ["claimName": "model-store", "readOnly": true]]),
        FetchCase(uri: "configmap://tiny-model/model.onnx", sha256: sampleSHA, secret: nil,
            extraArguments: ["--sha256", sampleSHA, "--source-root", "/var/run/swiftlet/source"],
            sourceVolume: ["name": "model-source", "configMap": ["name": "tiny-model"]]),
        FetchCase(uri: "s3://bucket/mnist/model.onnx", sha256: nil, secret: "s3-creds",
            extraArguments: ["--credentials-dir", "/var/run/swiftlet/credentials"], sourceVolume: nil),
    ])
    func fetchModelPerScheme(_ row: FetchCase) throws {
        let pod = template(model: try onnx(row.uri, sha256: row.sha256, secret: row.secret))
        let fetch = try #require(container(pod, "initContainers"))
        #expect(fetch["name"] == "fetch-model")
        #expect(fetch["image"]?.stringValue == Self.image)
        #expect(fetch["command"] == ["swiftlet", "fetch-model"])
        #expect(fetch["args"]?.strings == ["--uri", row.uri, "--dest", "/var/lib/swiftlet/model", "--format", "onnx"]
            + row.extraArguments)
        let volumes = pod[path: ["spec", "volumes"]]?.arrayValue ?? []
        let mounts = fetch["volumeMounts"]?.arrayValue ?? []
        #expect(volumes.first { $0["name"] == "model-source" } == row.sourceVolume)
        #expect(mounts.contains { $0["name"] == "model-source" } == (row.sourceVolume != nil))
        if let secret = row.secret {
            #expect(volumes.contains(["name": "model-credentials", "secret": ["secretName": .string(secret)]]))
            #expect(mounts.contains(
                ["name": "model-credentials", "mountPath": "/var/run/swiftlet/credentials", "readOnly": true]))
        } else {
            #expect(!volumes.contains { $0["name"] == "model-credentials" })
            #expect(!mounts.contains { $0["name"] == "model-credentials" })
        }
        #expect(volumes.prefix(2) == [["name": "model", "emptyDir": [:]], ["name": "tmp", "emptyDir": [:]]])
    }

    // MARK: Scorer container

    @Test func environment() throws {
        let deployment = makeDeployment(scorer: .init(env: [
            K8s.EnvVar(name: "LOG_LEVEL", value: "debug"),
            K8s.EnvVar(name: "API_TOKEN", valueFrom: .init(secretKeyRef: .init(name: "tokens", key: "api", optional: true))),
            K8s.EnvVar(name: "MODE", valueFrom: .init(configMapKeyRef: .init(name: "settings", key: "mode"))),
        ]))
        let scorer = container(template(deployment, model: try onnx()))
        #expect(scorer?["env"] == [
            ["name": "LOG_LEVEL", "value": "debug"],
            ["name": "API_TOKEN", "valueFrom": ["secretKeyRef": ["name": "tokens", "key": "api", "optional": true]]],
            ["name": "MODE", "valueFrom": ["configMapKeyRef": ["name": "settings", "key": "mode"]]],
        ])
        let plain = container(template(model: try onnx()))
        #expect(plain?["env"] == nil)
    }

    @Test func resourcesWithoutAccelerator() throws {
        let deployment = makeDeployment(resources: .init(requests: ["cpu": "500m", "memory": "1Gi"], limits: ["memory": "2Gi"]))
        let pod = template(deployment, model: try onnx())
        #expect(container(pod)?["resources"] == ["requests": ["cpu": "500m", "memory": "1Gi"], "limits": ["memory": "2Gi"]])
        #expect(pod[path: ["spec", "tolerations"]] == nil)
        #expect(pod[path: ["spec", "nodeSelector"]] == nil)
        #expect(container(template(model: try onnx()))?["resources"] == nil)
    }

    @Test(arguments: [(nil, "1"), (2, "2")] as [(Int?, String)])
    func accelerator(count: Int?, limit: String) throws {
        let deployment = makeDeployment(resources: .init(
            requests: ["cpu": "1", "nvidia.com/gpu": "1"], accelerator: .init(type: "nvidia.com/gpu", count: count)))
        let pod = template(deployment, model: try onnx())
        #expect(container(pod)?["resources"] == ["requests": ["cpu": "1"], "limits": ["nvidia.com/gpu": .string(limit)]])
        #expect(pod[path: ["spec", "tolerations"]] == [["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"]])
        #expect(pod[path: ["spec", "nodeSelector"]] == ["nvidia.com/gpu.present": "true"])
    }

    @Test func probesDefaultAndOverridden() throws {
        let defaults = try #require(container(template(model: try onnx())))
        #expect(defaults[path: ["readinessProbe", "httpGet"]] == ["path": "/ready", "port": "http"])
        #expect(defaults[path: ["livenessProbe", "httpGet"]] == ["path": "/healthz", "port": "http"])
        #expect(defaults[path: ["readinessProbe", "initialDelaySeconds"]] == 0)
        #expect(defaults[path: ["readinessProbe", "periodSeconds"]] == 5)
        #expect(defaults[path: ["livenessProbe", "periodSeconds"]] == 10)

        let deployment = makeDeployment(probes: .init(readinessPath: "/r", livenessPath: "/l", initialDelaySeconds: 15))
        let custom = try #require(container(template(deployment, model: try onnx())))
        #expect(custom[path: ["readinessProbe", "httpGet", "path"]] == "/r")
        #expect(custom[path: ["livenessProbe", "httpGet", "path"]] == "/l")
        #expect(custom[path: ["readinessProbe", "initialDelaySeconds"]] == 15)
        #expect(custom[path: ["livenessProbe", "initialDelaySeconds"]] == 15)
        #expect(custom["ports"] == [["name": "http", "containerPort": 5001, "protocol": "TCP"]])
    }

    @Test func hardenedSecurity() throws {
        let pod = template(model: try onnx())
        #expect(pod[path: ["spec", "automountServiceAccountToken"]] == false)
        #expect(pod[path: ["spec", "enableServiceLinks"]] == false)
        #expect(pod[path: ["spec", "securityContext"]] == [
            "runAsNonRoot": true, "runAsUser": 65532, "runAsGroup": 65532, "fsGroup": 65532,
            "seccompProfile": ["type": "RuntimeDefault"],
        ])
        let expected: JSONValue = [
            "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "runAsNonRoot": true,
            "capabilities": ["drop": ["ALL"]],
        ]
        #expect(container(pod)?["securityContext"] == expected)
        #expect(container(pod, "initContainers")?["securityContext"] == expected)
    }

    // MARK: Model digest

    func digestAnnotation(_ model: ResolvedModel) -> String? {
        template(model: model)[path: ["metadata", "annotations", "serving.swiftlet.dev/model-digest"]]?.stringValue
    }

    @Test func digestFollowsTheModel() throws {
        let base = try #require(digestAnnotation(try onnx()))
        #expect(base.count == 16)
        #expect(base.allSatisfy { $0.isHexDigit })
        #expect(digestAnnotation(try onnx()) == base)
        #expect(digestAnnotation(try onnx(secret: "creds")) == base)
        #expect(digestAnnotation(try onnx("https://models.example.com/mnist-v2.onnx")) != base)
        #expect(digestAnnotation(try onnx(sha256: otherSHA)) != base)
        #expect(digestAnnotation(try onnx(sha256: nil)) != base)
        // Scorer settings roll pods through the template itself, not the digest.
        let tuned = ScorerPodTemplate(deployment: makeDeployment(scorer: .init(maxBatchSize: 4)), model: try onnx(),
            image: Self.image).json
        #expect(tuned[path: ["metadata", "annotations", "serving.swiftlet.dev/model-digest"]]?.stringValue == base)
    }
}
