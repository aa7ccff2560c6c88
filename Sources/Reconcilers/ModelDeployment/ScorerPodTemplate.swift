import Foundation
import ServingAPI

/// The scorer pod of a ModelDeployment: an init container (`swiftlet fetch-model`) that puts the model into an
/// emptyDir and verifies it, then the scorer reading it from there. Hardened: non-root, read-only root
/// filesystem, no privilege escalation, no capabilities, seccomp RuntimeDefault, no service account token.
struct ScorerPodTemplate {
    let deployment: ModelDeployment
    let model: ResolvedModel
    let image: String

    static let modelDirectory = "/var/lib/swiftlet/model"
    static let sourceRoot = "/var/run/swiftlet/source"
    static let credentialsDirectory = "/var/run/swiftlet/credentials"
    static let user: Int64 = 65532

    var json: JSONValue {
        var pod: [String: JSONValue] = [
            "automountServiceAccountToken": false,
            "enableServiceLinks": false,
            "securityContext": [
                "runAsNonRoot": true, "runAsUser": .int(Self.user), "runAsGroup": .int(Self.user),
                "fsGroup": .int(Self.user), "seccompProfile": ["type": "RuntimeDefault"],
            ],
            "initContainers": [fetchContainer],
            "containers": [scorerContainer],
            "volumes": .array(volumes),
        ]
        if let accelerator = deployment.spec.resources?.accelerator {
            pod["tolerations"] = [["key": .string(accelerator.type), "operator": "Exists", "effect": "NoSchedule"]]
            pod["nodeSelector"] = [accelerator.type + ".present": "true"]
        }
        return [
            "metadata": [
                "labels": .object(ScorerWorkload.labels(deployment).mapValues(JSONValue.string)),
                "annotations": [ServingLabels.modelDigest: .string(model.digest)],
            ],
            "spec": .object(pod),
        ]
    }

    // MARK: Containers

    private var fetchContainer: JSONValue {
        var arguments = ["--uri", model.source.uri.description, "--dest", Self.modelDirectory,
            "--format", model.source.format.rawValue]
        if let sha256 = model.source.sha256 { arguments += ["--sha256", sha256] }
        if hasSourceVolume { arguments += ["--source-root", Self.sourceRoot] }
        if model.secretName != nil { arguments += ["--credentials-dir", Self.credentialsDirectory] }
        var mounts: [JSONValue] = [["name": "model", "mountPath": .string(Self.modelDirectory)], tmpMount]
        if hasSourceVolume { mounts.append(["name": "model-source", "mountPath": .string(Self.sourceRoot), "readOnly": true]) }
        if model.secretName != nil {
            mounts.append(["name": "model-credentials", "mountPath": .string(Self.credentialsDirectory), "readOnly": true])
        }
        return [
            "name": "fetch-model", "image": .string(image), "command": ["swiftlet", "fetch-model"],
            "args": .array(arguments.map(JSONValue.string)), "volumeMounts": .array(mounts),
            "resources": ["requests": ["cpu": "100m", "memory": "64Mi"], "limits": ["memory": "256Mi"]],
            "securityContext": Self.containerSecurity, "terminationMessagePolicy": "FallbackToLogsOnError",
        ]
    }

    private var scorerContainer: JSONValue {
        let probes = deployment.spec.probes
        let delay = Int64(probes?.initialDelaySeconds ?? ModelDeployment.Probes.Defaults.initialDelaySeconds)
        func probe(_ path: String, period: Int64) -> JSONValue {
            ["httpGet": ["path": .string(path), "port": "http"], "initialDelaySeconds": .int(delay),
             "periodSeconds": .int(period), "failureThreshold": 3]
        }
        var container: [String: JSONValue] = [
            "name": "scorer", "image": .string(image), "command": ["swiftlet", "scorer"],
            "args": .array(scorerArguments.map(JSONValue.string)),
            "ports": [["name": "http", "containerPort": .int(ServingLabels.scorerPort), "protocol": "TCP"]],
            "readinessProbe": probe(probes?.readinessPath ?? ModelDeployment.Probes.Defaults.readinessPath, period: 5),
            "livenessProbe": probe(probes?.livenessPath ?? ModelDeployment.Probes.Defaults.livenessPath, period: 10),
            "volumeMounts": [["name": "model", "mountPath": .string(Self.modelDirectory), "readOnly": true], tmpMount],
            "securityContext": Self.containerSecurity,
            // A scorer that exits (a model that does not load) leaves its last log lines as the reason.
            "terminationMessagePolicy": "FallbackToLogsOnError",
        ]
        if let env = deployment.spec.scorer?.env, !env.isEmpty { container["env"] = .array(env.map(Self.json)) }
        if let resources { container["resources"] = resources }
        return .object(container)
    }

    /// The scorer's flags: the model (ONNX) or entry script (Python), and the ModelDeployment's scorer settings.
    var scorerArguments: [String] {
        let scorer = deployment.spec.scorer
        typealias Defaults = ModelDeployment.Scorer.Defaults
        var arguments: [String]
        switch model.source.format {
        case .onnx:
            arguments = ["--model", Self.modelDirectory + "/model.onnx", "--model-name", model.modelName,
                "--max-batch-size", "\(scorer?.maxBatchSize ?? Defaults.maxBatchSize)",
                "--batch-timeout-ms", "\(scorer?.batchTimeoutMs ?? Defaults.batchTimeoutMs)"]
        case .python:
            arguments = ["--entry-script", Self.modelDirectory + "/" + (model.source.entryScript ?? "score.py"),
                "--model-dir", Self.modelDirectory, "--workers", "\(scorer?.workers ?? Defaults.workers)"]
        }
        return arguments + [
            "--host", "0.0.0.0", "--port", "\(ServingLabels.scorerPort)",
            "--request-timeout-ms", "\(scorer?.requestTimeoutMs ?? Defaults.requestTimeoutMs)",
            "--max-concurrent-requests", "\(scorer?.maxConcurrentRequests ?? Defaults.maxConcurrentRequests)",
            "--max-queue-wait-ms", "\(scorer?.maxQueueWaitMs ?? Defaults.maxQueueWaitMs)",
        ]
    }

    /// Requests and limits, with the accelerator's count as the limit of its extended resource.
    private var resources: JSONValue? {
        let spec = deployment.spec.resources
        var requests = (spec?.requests ?? [:]).mapValues { JSONValue.string($0.text) }
        var limits = (spec?.limits ?? [:]).mapValues { JSONValue.string($0.text) }
        if let accelerator = spec?.accelerator {
            limits[accelerator.type] = .string("\(accelerator.count ?? 1)")
            requests[accelerator.type] = nil
        }
        var result: [String: JSONValue] = [:]
        if !requests.isEmpty { result["requests"] = .object(requests) }
        if !limits.isEmpty { result["limits"] = .object(limits) }
        if result.isEmpty { return .none }  // (not `nil` in a ternary: JSONValue would take it as `.null`)
        return .object(result)
    }

    static let containerSecurity: JSONValue = [
        "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "runAsNonRoot": true,
        "capabilities": ["drop": ["ALL"]],
    ]

    private var tmpMount: JSONValue { ["name": "tmp", "mountPath": "/tmp"] }

    // MARK: Volumes

    private var hasSourceVolume: Bool { [.pvc, .configmap].contains(model.source.uri.scheme) }

    private var volumes: [JSONValue] {
        var volumes: [JSONValue] = [["name": "model", "emptyDir": [:]], ["name": "tmp", "emptyDir": [:]]]
        let uri = model.source.uri
        switch uri.scheme {
        case .pvc:
            volumes.append(["name": "model-source",
                "persistentVolumeClaim": ["claimName": .string(uri.authority), "readOnly": true]])
        case .configmap:
            volumes.append(["name": "model-source", "configMap": ["name": .string(uri.authority)]])
        case .http, .https, .s3, .file:
            break
        }
        if let secret = model.secretName {
            volumes.append(["name": "model-credentials", "secret": ["secretName": .string(secret)]])
        }
        return volumes
    }

    static func json(_ variable: K8s.EnvVar) -> JSONValue {
        var result: [String: JSONValue] = ["name": .string(variable.name)]
        if let value = variable.value { result["value"] = .string(value) }
        if let source = variable.valueFrom {
            func selector(_ key: K8s.EnvVar.KeySelector) -> JSONValue {
                var value: JSONValue = ["name": .string(key.name), "key": .string(key.key)]
                if let optional = key.optional { value[path: ["optional"]] = .bool(optional) }
                return value
            }
            if let key = source.secretKeyRef { result["valueFrom"] = ["secretKeyRef": selector(key)] }
            if let key = source.configMapKeyRef { result["valueFrom"] = ["configMapKeyRef": selector(key)] }
        }
        return .object(result)
    }
}
