import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct ResolvedModelTests {
    func resolve(_ deployment: ModelDeployment, _ models: [Model]) -> Result<ResolvedModel, ModelProblem> {
        deployment.resolveModel { name in models.first { $0.metadata.name == name } }
    }

    @Test func inlineModelIsServedUnderTheDeploymentName() throws {
        let result = try resolve(makeDeployment(), []).get()
        #expect(result.modelName == "mnist-green")
        #expect(result.reference == nil)
        #expect(result.version == nil)
        #expect(result.secretName == nil)
        #expect(result.source.uri.description == "https://models.example.com/mnist.onnx")
        #expect(result.source.sha256 == sampleSHA)
    }

    @Test func referenceToAnExistingModel() throws {
        let deployment = makeDeployment(model: .init(ref: "mnist-2"))
        let result = try resolve(deployment, [makeModel(secret: "s3-creds"), makeModel(name: "other-1")]).get()
        #expect(result.modelName == "mnist")
        #expect(result.version == 2)
        #expect(result.reference == "mnist-2")
        #expect(result.secretName == "s3-creds")
        #expect(result.source.uri.scheme == .s3)
    }

    struct ProblemCase: Sendable, CustomStringConvertible {
        var model: ModelDeployment.ModelRef
        var models: [Model]
        var reason: String
        var messageContains: String
        var description: String { reason }
    }

    @Test(arguments: [
        ProblemCase(model: .init(ref: "mnist-9"), models: [makeModel()], reason: "ModelNotFound",
            messageContains: "Model \"mnist-9\" does not exist"),
        ProblemCase(model: .init(ref: "mnist-2"), models: [makeModel(version: 0)], reason: "InvalidModel",
            messageContains: "Model \"mnist-2\": spec.version"),
        ProblemCase(model: .init(ref: "mnist-2"), models: [makeModel(uri: "ftp://x/y")], reason: "InvalidModel",
            messageContains: "spec.uri"),
        ProblemCase(model: .init(ref: "mnist-2", uri: "https://a/b"), models: [makeModel()], reason: "InvalidSpec",
            messageContains: "both ref and uri"),
        ProblemCase(model: .init(uri: "https://a/b"), models: [], reason: "InvalidSpec",
            messageContains: "spec.model.format"),
        ProblemCase(model: .init(uri: "https://a/b", format: .python), models: [], reason: "InvalidSpec",
            messageContains: "spec.model.entryScript"),
    ])
    func problems(_ row: ProblemCase) {
        let result = resolve(makeDeployment(model: row.model), row.models)
        guard case .failure(let problem) = result else {
            Issue.record("expected \(row.reason), got \(result)")
            return
        }
        #expect(problem.reason == row.reason)
        #expect(problem.message.contains(row.messageContains), "\(problem.message)")
    }

    @Test func invalidDeploymentSpecBeforeLookup() {
        var looked = false
        let deployment = makeDeployment(model: .init(ref: "mnist-2"), scale: .init(minReplicas: 5, maxReplicas: 2))
        let result = deployment.resolveModel { _ in
            looked = true
            return makeModel()
        }
        #expect(result.failureReason == "InvalidSpec")
        #expect(!looked)
    }

    @Test func digestDependsOnFormatAndEntryScript() throws {
        let first = ResolvedModel(source: try source("https://h/m", format: .python, entryScript: "a.py"), modelName: "m")
        let second = ResolvedModel(source: try source("https://h/m", format: .python, entryScript: "b.py"), modelName: "m")
        let onnx = ResolvedModel(source: try source("https://h/m"), modelName: "m")
        #expect(first.digest != second.digest)
        #expect(first.digest != onnx.digest)
        #expect(onnx.digest == ResolvedModel(source: try source("https://h/m"), modelName: "other", version: 3).digest)
    }
}

extension Result where Failure == ModelProblem {
    var failureReason: String? {
        if case .failure(let problem) = self { return problem.reason }
        return nil
    }
}
