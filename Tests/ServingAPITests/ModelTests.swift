import Testing

@testable import ServingAPI

@Suite struct ModelTests {
    static let sha = String(repeating: "9f", count: 32)

    static func model(
        name: String = "mnist-3", modelName: String = "mnist", version: Int64 = 3, format: ModelFormat = .onnx,
        uri: String = "https://models.example.com/mnist/3/model.onnx", sha256: String? = sha, entryScript: String? = nil
    ) -> Model {
        Model(
            metadata: .init(name: name),
            spec: .init(
                modelName: modelName, version: version, format: format, uri: uri, sha256: sha256,
                entryScript: entryScript))
    }

    @Test func decodesTheAPIExampleAndEncodesItBack() throws {
        let json = try JSONValue(
            parsing: """
                {"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "metadata": {"name": "mnist-3",
                 "labels": {"a": "b"}, "generation": 2},
                 "spec": {"modelName": "mnist", "version": 3, "format": "onnx", "framework": "scikit-learn",
                  "uri": "https://models.example.com/mnist/3/model.onnx", "sha256": "\(Self.sha)",
                  "secretRef": {"name": "model-store-creds"}, "tags": {"area": "mnist"},
                  "description": "Logistic regression on MNIST"},
                 "status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Verified", "message": "",
                  "lastTransitionTime": "2026-01-01T00:00:00Z"}], "usedBy": ["mnist-blue"]}}
                """)
        let model = try Model(json: json)
        #expect(model.spec.secretRef?.name == "model-store-creds")
        #expect(model.metadata.labels == ["a": "b"])
        #expect(model.status.usedBy == ["mnist-blue"])
        #expect(model.status.conditions?.isTrue("Ready") == true)
        #expect(model.json == json)
        let source = try model.validated()
        #expect(source.uri.scheme == .https)
        #expect(source.uri.authority == "models.example.com")
        #expect(source.sha256 == Self.sha)
    }

    @Test func encodesApiVersionAndKindAndLeavesOutAnEmptyStatus() {
        let json = Self.model().json
        #expect(json.apiVersion == "serving.swiftlet.dev/v1alpha1")
        #expect(json.kind == "Model")
        #expect(json["status"] == nil)
        #expect(json[path: ["metadata", "labels"]] == nil)
        #expect(Model.resourceType.collectionPath(namespace: "ns") == "/apis/serving.swiftlet.dev/v1alpha1/namespaces/ns/models")
    }

    @Test(arguments: [
        (#"{"apiVersion": "v1", "kind": "Model", "spec": {}}"#, "apiVersion"),
        (#"{"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint", "spec": {}}"#, "kind"),
        (#"{"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model"}"#, "spec"),
        (#"{"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "spec": {"modelName": "m"}}"#, "spec.version"),
        (
            #"{"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "spec": {"modelName": "m", "version": "3", "format": "onnx", "uri": "file:///m"}}"#,
            "spec.version"
        ),
        (
            #"{"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "spec": {"modelName": "m", "version": 3, "format": "tf", "uri": "file:///m"}}"#,
            "spec.format"
        ),
    ])
    func malformedObjectsNameTheField(json: String, field: String) throws {
        let error = #expect(throws: ServingAPIError.self) { try Model(json: try JSONValue(parsing: json)) }
        #expect(error?.code == .malformed)
        #expect(error?.field == field)
    }

    @Test func unknownFormatSaysWhatIsExpected() throws {
        let json: JSONValue = [
            "apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model",
            "spec": ["modelName": "m", "version": 1, "format": "tensorflow", "uri": "file:///m"],
        ]
        let error = #expect(throws: ServingAPIError.self) { try Model(json: json) }
        #expect(error?.description == "spec.format: expected one of onnx, python, got \"tensorflow\"")
    }

    @Test(arguments: [
        (model(modelName: "MNIST"), "spec.modelName"),
        (model(version: 0), "spec.version"),
        (model(version: -2), "spec.version"),
        (model(uri: "ftp://x/y"), "spec.uri"),
        (model(sha256: "abc"), "spec.sha256"),
        (model(sha256: String(repeating: "g", count: 64)), "spec.sha256"),
        (model(format: .python), "spec.entryScript"),
        (model(format: .python, entryScript: "../score.py"), "spec.entryScript"),
        (model(entryScript: "score.py"), "spec.entryScript"),
        (model(name: "Bad_Name"), "metadata.name"),
    ])
    func invalidSpecsNameTheField(model: Model, field: String) {
        let error = #expect(throws: ServingAPIError.self) { try model.validated() }
        #expect(error?.field == field)
        #expect(error?.code == .invalid)
    }

    @Test func pythonModelsNeedTheirEntryScript() throws {
        let source = try Self.model(format: .python, uri: "pvc://models/mnist/3", sha256: nil, entryScript: "src/score.py")
            .validated()
        #expect(source.entryScript == "src/score.py")
        #expect(source.uri.authority == "models")
        #expect(source.uri.path == "mnist/3")
        #expect(source.sha256 == nil)
    }

    @Test func uppercaseChecksumIsNormalized() throws {
        #expect(try Self.model(sha256: Self.sha.uppercased()).validated().sha256 == Self.sha)
    }

    @Test func conventionalName() {
        #expect(Model.conventionalName(modelName: "mnist", version: 3) == "mnist-3")
    }
}
