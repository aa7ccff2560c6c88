import Testing

@testable import ServingAPI

@Suite struct ModelURITests {
    @Test(arguments: [
        ("https://models.example.com/mnist/3/model.onnx", ModelURI.Scheme.https, "models.example.com", "mnist/3/model.onnx"),
        ("http://127.0.0.1:9000/m.onnx", .http, "127.0.0.1:9000", "m.onnx"),
        ("s3://bucket/path/to/model.onnx", .s3, "bucket", "path/to/model.onnx"),
        ("pvc://model-store/mnist/3", .pvc, "model-store", "mnist/3"),
        ("configmap://small-model/model.onnx", .configmap, "small-model", "model.onnx"),
        ("file:///models/quickstart/1/model.onnx", .file, "", "/models/quickstart/1/model.onnx"),
    ])
    func parsesEachScheme(text: String, scheme: ModelURI.Scheme, authority: String, path: String) throws {
        let uri = try ModelURI(text)
        #expect(uri.scheme == scheme)
        #expect(uri.authority == authority)
        #expect(uri.path == path)
        #expect(uri.description == text)
    }

    @Test(arguments: [
        "models/m.onnx", "ftp://host/m", "HTTPS://host/m", "https:///m", "s3://bucket", "s3://bucket/",
        "pvc://Bad_Claim/x", "pvc://claim", "configmap://name/a/b", "configmap://name", "file://host/m", "file:///",
        "https://host/a b",
    ])
    func refusesOthers(text: String) {
        let error = #expect(throws: ServingAPIError.self) { try ModelURI(text, field: "spec.uri") }
        #expect(error?.field == "spec.uri")
        #expect(error?.message.contains(text) == true)
    }
}
