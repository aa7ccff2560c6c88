import Foundation
import Reconcilers
import ServingAPI
import Testing
@testable import LocalRuntime

/// The pod templates the controller really makes (`ScorerWorkload`), made local.
@Suite struct LocalPodPlanTests {
    static let directory = "/data/pods/default/blue-1"

    func template(_ model: ModelDeployment.ModelRef, scorer: ModelDeployment.Scorer? = nil) throws -> JSONValue {
        let deployment = ModelDeployment(
            metadata: K8s.ObjectMeta(name: "blue", namespace: "default", uid: "uid-1", generation: 1),
            spec: .init(endpoint: "quickstart", model: model, scorer: scorer))
        let resolved = try deployment.resolveModel { _ in nil }.get()
        let workload = ScorerWorkload(deployment, model: resolved, configuration: OperatorConfiguration())
        return try #require(workload.deployment[path: ["spec", "template"]])
    }

    @Test func anONNXScorerRunsTheFetchStepThenTheScorerOnItsOwnPortWithVolumesAsDirectories() throws {
        let plan = try LocalPodPlan(
            template: template(.init(uri: "file:///models/iris.onnx", format: .onnx),
                scorer: .init(env: [K8s.EnvVar(name: "LOG_LEVEL", value: "debug")])),
            directory: Self.directory, port: 41000, executable: "/opt/swiftlet")
        let model = Self.directory + "/volumes/model"
        #expect(plan.volumes == [.emptyDir(path: model), .emptyDir(path: Self.directory + "/volumes/tmp")])
        #expect(plan.initSteps.count == 1)
        let fetch = try #require(plan.initSteps.first)
        #expect(fetch.container == "fetch-model" && fetch.executable == "/opt/swiftlet")
        #expect(fetch.arguments == ["fetch-model", "--uri", "file:///models/iris.onnx", "--dest", model, "--format", "onnx"])
        #expect(plan.main.container == "scorer")
        let arguments = plan.main.arguments
        #expect(arguments.first == "scorer")
        #expect(value(after: "--model", in: arguments) == model + "/model.onnx")
        #expect(value(after: "--host", in: arguments) == "127.0.0.1")
        #expect(value(after: "--port", in: arguments) == "41000")
        #expect(plan.main.environment == ["LOG_LEVEL": "debug", "TMPDIR": Self.directory + "/volumes/tmp"])
        #expect(plan.readinessPath == "/ready")
    }

    @Test func aPythonScorerGetsItsEntryScriptAndModelDirectoryUnderTheReplica() throws {
        let plan = try LocalPodPlan(
            template: template(.init(uri: "file:///models/linear/", format: .python, entryScript: "score.py")),
            directory: Self.directory, port: 41001, executable: "/opt/swiftlet")
        let model = Self.directory + "/volumes/model"
        #expect(value(after: "--entry-script", in: plan.main.arguments) == model + "/score.py")
        #expect(value(after: "--model-dir", in: plan.main.arguments) == model)
    }

    @Test func aModelCredentialsSecretBecomesADirectoryOfItsKeys() throws {
        var template = try template(.init(uri: "https://models.example/iris.onnx", format: .onnx))
        template[path: ["spec", "volumes"]] = [
            ["name": "model", "emptyDir": [:]], ["name": "creds", "secret": ["secretName": "store-token"]],
        ]
        template[path: ["spec", "initContainers"]] = [[
            "name": "fetch-model", "command": ["swiftlet", "fetch-model"],
            "args": ["--credentials-dir", "/var/run/creds", "--dest", "/var/lib/model"],
            "volumeMounts": [["name": "creds", "mountPath": "/var/run/creds"], ["name": "model", "mountPath": "/var/lib/model"]],
        ]]
        let plan = try LocalPodPlan(template: template, directory: "/d", port: 1, executable: "/s")
        #expect(plan.volumes.contains(.secret(name: "store-token", path: "/d/volumes/creds", optional: false)))
        #expect(plan.initSteps[0].arguments == ["fetch-model", "--credentials-dir", "/d/volumes/creds", "--dest", "/d/volumes/model"])
    }

    @Test(arguments: [
        (["spec", "containers"], JSONValue.array([["name": "x", "command": ["python", "app.py"]]]),
         "container \"x\" runs python: the local runtime runs the swiftlet binary's own commands only"),
        (["spec", "volumes"], [["name": "src", "persistentVolumeClaim": ["claimName": "models"]]],
         "volume \"src\": the local runtime has emptyDir, secret and configMap volumes only"),
        (["spec", "containers"], [["name": "a", "command": ["swiftlet", "scorer"]], ["name": "b", "command": ["swiftlet"]]],
         "exactly one container"),
        (["spec", "containers"], [["name": "s", "command": ["swiftlet", "scorer"],
            "env": [["name": "TOKEN", "valueFrom": ["secretKeyRef": ["name": "t", "key": "k"]]]]]],
         "env TOKEN uses valueFrom"),
    ] as [([String], JSONValue, String)])
    func whatCannotRunLocallyIsRefusedSayingWhy(path: [String], value: JSONValue, message: String) throws {
        var template = try template(.init(uri: "file:///m.onnx", format: .onnx))
        template[path: path] = value
        let error = #expect(throws: LocalPodPlan.Unsupported.self) {
            try LocalPodPlan(template: template, directory: "/d", port: 1, executable: "/s")
        }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    private func value(after flag: String, in arguments: [String]) -> String? {
        arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
}
