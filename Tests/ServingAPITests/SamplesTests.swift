import Foundation
import Testing

@testable import ServingAPI

/// manifests/samples decode into our types, validate, and satisfy the CRD schemas.
@Suite struct SamplesTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../manifests/samples").standardized

    static func documents() throws -> [JSONValue] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        return try files.sorted().flatMap { file in
            try JSONValue.parsingYAML(String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
        }
    }

    @Test func everySampleDecodesValidatesAndFitsItsSchema() throws {
        var names: [String: [String]] = [:]
        for document in try Self.documents() {
            let kind = try #require(document.kind)
            names[kind, default: []].append(document.name ?? "")
            switch kind {
            case Model.resourceType.kind:
                _ = try Model(json: document).validated()
                #expect(SchemaChecker.problems(document, Model.crd.schema) == [])
            case ModelDeployment.resourceType.kind:
                _ = try ModelDeployment(json: document).validated()
                #expect(SchemaChecker.problems(document, ModelDeployment.crd.schema) == [])
            case ModelEndpoint.resourceType.kind:
                _ = try ModelEndpoint(json: document).validated()
                #expect(SchemaChecker.problems(document, ModelEndpoint.crd.schema) == [])
            default:
                Issue.record("unexpected kind \(kind)")
            }
        }
        #expect(
            names == [
                "Model": ["quickstart-1", "quickstart-2", "linear-python-1"],
                "ModelDeployment": ["quickstart-blue", "quickstart-green", "linear-python-v1"],
                "ModelEndpoint": ["quickstart", "linear-python"],
            ])
    }

    @Test func quickstartSplitsTraffic90To10BetweenTheTwoVersions() throws {
        let documents = try Self.documents().filter { $0.name?.hasPrefix("quickstart") == true }
        let endpoint = try ModelEndpoint(json: #require(documents.first { $0.kind == "ModelEndpoint" }))
        #expect(try endpoint.validated().traffic == ["quickstart-blue": 90, "quickstart-green": 10])
        let deployments = try documents.filter { $0.kind == "ModelDeployment" }.map(ModelDeployment.init(json:))
        #expect(deployments.map { $0.spec.endpoint } == ["quickstart", "quickstart"])
        #expect(try deployments.map { try $0.validated() } == [.ref("quickstart-1"), .ref("quickstart-2")])
        let models = try documents.filter { $0.kind == "Model" }.map(Model.init(json:))
        #expect(models.map { $0.spec.version } == [1, 2])
        #expect(models.first?.spec.uri == "file:///models/quickstart/1/model.onnx")
    }

    @Test func thePythonSampleServesItsScoreFileFromADirectory() throws {
        let documents = try Self.documents().filter { $0.name?.hasPrefix("linear-python") == true }
        let model = try Model(json: #require(documents.first { $0.kind == "Model" }))
        #expect(try model.spec.validated().format == .python)
        #expect(model.spec.entryScript == "score.py")
        let endpoint = try ModelEndpoint(json: #require(documents.first { $0.kind == "ModelEndpoint" }))
        #expect(try endpoint.validated().traffic == ["linear-python-v1": 100])
    }
}
