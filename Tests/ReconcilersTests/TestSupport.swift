import Foundation
import ServingAPI
@testable import Reconcilers

/// A fixed clock reading: tests never call `Date()`.
let fixedNow = Date(timeIntervalSince1970: 1_700_000_000)
let laterNow = Date(timeIntervalSince1970: 1_700_000_600)
let sampleSHA = String(repeating: "ab", count: 32)
let otherSHA = String(repeating: "cd", count: 32)

func makeDeployment(
    name: String = "mnist-green", namespace: String = "ml", uid: String = "uid-md", generation: Int64 = 3,
    endpoint: String = "mnist",
    model: ModelDeployment.ModelRef = .init(uri: "https://models.example.com/mnist.onnx", format: .onnx, sha256: sampleSHA),
    scorer: ModelDeployment.Scorer? = nil, resources: ModelDeployment.Resources? = nil,
    scale: ModelDeployment.Scale? = nil, probes: ModelDeployment.Probes? = nil,
    status: ModelDeployment.Status = .init()
) -> ModelDeployment {
    ModelDeployment(
        metadata: K8s.ObjectMeta(name: name, namespace: namespace, uid: uid, generation: generation),
        // A CPU target is a share of the CPU request: such a deployment is valid only with one.
        spec: .init(endpoint: endpoint, model: model, scorer: scorer,
            resources: resources ?? (scale?.targetCPUUtilization == nil ? nil : .init(requests: ["cpu": "500m"])),
            scale: scale, probes: probes),
        status: status)
}

func makeModel(
    name: String = "mnist-2", modelName: String = "mnist", version: Int64 = 2, format: ModelFormat = .onnx,
    uri: String = "s3://bucket/mnist/2/model.onnx", sha256: String? = sampleSHA, secret: String? = nil,
    entryScript: String? = nil, finalizers: [String] = [], deletionTimestamp: String? = nil,
    status: Model.Status = .init()
) -> Model {
    Model(
        metadata: K8s.ObjectMeta(name: name, namespace: "ml", uid: "uid-model", generation: 1,
            deletionTimestamp: deletionTimestamp, finalizers: finalizers),
        spec: .init(modelName: modelName, version: version, format: format, uri: uri, sha256: sha256,
            secretRef: secret.map(K8s.LocalObjectReference.init(name:)), entryScript: entryScript),
        status: status)
}

func makeEndpoint(
    name: String = "mnist", traffic: [String: Int]? = nil, mirror: [String: Int]? = nil,
    gateway: ModelEndpoint.Gateway? = nil, gatewayRef: ModelEndpoint.GatewayRef? = nil,
    status: ModelEndpoint.Status = .init()
) -> ModelEndpoint {
    ModelEndpoint(
        metadata: K8s.ObjectMeta(name: name, namespace: "ml", uid: "uid-ep", generation: 5),
        spec: .init(traffic: traffic, mirrorTraffic: mirror, gateway: gateway, gatewayRef: gatewayRef),
        status: status)
}

/// The model a deployment resolves to, with `models` as the namespace's Models.
func resolved(_ deployment: ModelDeployment, models: [Model] = []) throws -> ResolvedModel {
    try deployment.resolveModel { name in models.first { $0.metadata.name == name } }.get()
}

func source(
    _ uri: String, format: ModelFormat = .onnx, sha256: String? = nil, entryScript: String? = nil
) throws -> ModelSource {
    try ModelSource(uri: uri, format: format, sha256: sha256, entryScript: entryScript)
}

extension JSONValue {
    /// Element `index` of an array (`nil` when out of range or not an array).
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The strings of an array of strings.
    var strings: [String] { (arrayValue ?? []).compactMap(\.stringValue) }
}

/// A deterministic generator for tests (SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
