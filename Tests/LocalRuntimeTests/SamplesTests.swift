import Foundation
import ServingAPI
import Testing
@testable import LocalRuntime

@Suite struct SamplesTests {
    @Test func theEmbeddedSamplesAreWrittenAndTheirModelsPointAtThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samples-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let objects = try Samples.prepare(dataDirectory: directory)
        let kinds = objects.compactMap(\.kind)
        #expect(kinds.filter { $0 == "Model" }.count == 3)
        #expect(kinds.filter { $0 == "ModelDeployment" }.count == 3)
        #expect(kinds.filter { $0 == "ModelEndpoint" }.count == 2)
        // Models come before the deployments that use them.
        #expect(kinds.firstIndex(of: "ModelDeployment")! > kinds.firstIndex(of: "Model")!)
        for model in objects where model.kind == "Model" {
            let uri = try #require(model[path: ["spec", "uri"]]?.stringValue)
            #expect(uri.hasPrefix("file://" + directory + "/samples/"), "\(uri)")
            #expect(FileManager.default.fileExists(atPath: String(uri.dropFirst("file://".count))), "\(uri)")
        }
        let endpoint = try #require(objects.first { $0.name == "quickstart" && $0.kind == "ModelEndpoint" })
        #expect(endpoint[path: ["spec", "traffic"]] == ["quickstart-blue": 90, "quickstart-green": 10])
        #expect(FileManager.default.fileExists(atPath: directory + "/samples/linear-python/1/model.json"))
        let request = try JSONValue(parsing: Samples.quickstartRequest)
        #expect(request["data"]?.arrayValue?.count == 3)
    }
}
