import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct PodFailureTests {
    static func pod(init initStatus: JSONValue? = nil, scorer: JSONValue? = nil) -> JSONValue {
        var status: [String: JSONValue] = [:]
        if let initStatus { status["initContainerStatuses"] = [initStatus] }
        if let scorer { status["containerStatuses"] = [scorer] }
        return ["metadata": ["name": "p-1", "namespace": "ns"], "status": .object(status)]
    }

    static func container(_ name: String, _ state: String, exitCode: Int64, message: String? = nil) -> JSONValue {
        var terminated: JSONValue = ["exitCode": .int(exitCode), "reason": "Error"]
        if let message { terminated = JSONMergePatch.apply(["message": .string(message)], to: terminated) }
        return ["name": .string(name), state: ["terminated": terminated]]
    }

    static let cases: [(JSONValue, String?, String?)] = [
        (pod(), nil, nil),
        (pod(init: container("fetch-model", "state", exitCode: 0)), nil, nil),
        (pod(init: container("fetch-model", "lastState", exitCode: 1, message: "checksum mismatch: expected a, got b\n")),
         "FetchFailed", "p-1: fetch-model exited with 1: checksum mismatch: expected a, got b"),
        (pod(scorer: container("scorer", "lastState", exitCode: 3, message: "model.onnx: not an ONNX model")),
         "LoadFailed", "p-1: the scorer exited with 3: model.onnx: not an ONNX model"),
        (pod(scorer: container("scorer", "state", exitCode: 137)), "ScorerFailed", "p-1: the scorer exited with 137: Error"),
        (pod(scorer: container("sidecar", "state", exitCode: 1)), nil, nil),
    ]

    @Test(arguments: cases)
    func readsTheFailureFromContainerStatuses(pod: JSONValue, reason: String?, message: String?) {
        let failure = PodFailure(pod)
        #expect(failure?.reason == reason)
        #expect(failure?.message == message)
    }

    @Test func modelLoadedReportsTheFailureOnlyWhileNothingIsReady() {
        let failed = Self.pod(init: Self.container("fetch-model", "lastState", exitCode: 1, message: "model not found"))
        let source = try! ModelSource(uri: "https://example.com/m.onnx", format: .onnx, sha256: nil, entryScript: nil)
        let model = Result<ResolvedModel, ModelProblem>.success(ResolvedModel(source: source, modelName: "m"))
        let unready: JSONValue = ["status": ["replicas": 1, "readyReplicas": 0]]
        let ready: JSONValue = ["status": ["replicas": 2, "readyReplicas": 1]]
        #expect(ModelDeploymentStatus.modelLoaded(model, unready, pods: [failed]).reason == "FetchFailed")
        #expect(ModelDeploymentStatus.modelLoaded(model, unready, pods: []).reason == "Loading")
        #expect(ModelDeploymentStatus.modelLoaded(model, ready, pods: [failed]).reason == "Loaded")
    }
}
