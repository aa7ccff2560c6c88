import Controller
import Foundation
import ServingAPI

/// The quickstart samples, embedded in the binary (`Samples/` links to `samples/` and `manifests/samples/`): two
/// versions of an ONNX iris classifier behind the endpoint `quickstart` (blue 90 %, green 10 %), and an Azure ML
/// `score.py` behind the endpoint `linear-python`.
enum Samples {
    /// The files, written under `<data-dir>/samples/` where the sample Models' `file://` URIs point.
    static var files: [(path: String, bytes: [UInt8])] {
        [
            ("quickstart/1/model.onnx", PackageResources.quickstart_1_onnx),
            ("quickstart/2/model.onnx", PackageResources.quickstart_2_onnx),
            ("quickstart/request.json", PackageResources.quickstart_request_json),
            ("linear-python/1/score.py", PackageResources.score_py),
            ("linear-python/1/model.json", PackageResources.model_json),
        ]
    }

    /// The manifests, in the order they are created (Models before what uses them).
    static var manifests: [(name: String, text: String)] {
        [
            ("models.yaml", PackageResources.models_yaml), ("deployments.yaml", PackageResources.deployments_yaml),
            ("endpoint.yaml", PackageResources.endpoint_yaml), ("python-sample.yaml", PackageResources.python_sample_yaml),
        ].map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
    }

    /// The sample manifests' Models point at `file:///models/...`; `swiftlet up` serves them from its own copy.
    static let manifestModelRoot = "file:///models/"

    /// A body that `POST /endpoints/default/quickstart/score` answers (manifests/samples/quickstart-request.json).
    static var quickstartRequest: String {
        String(decoding: PackageResources.quickstart_request_json, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes the files (every start: the Models need them) and returns the objects with their URIs made local.
    static func prepare(dataDirectory: String) throws -> [JSONValue] {
        let root = dataDirectory + "/samples/"
        for file in files {
            let path = root + file.path
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
        }
        var objects: [JSONValue] = []
        for manifest in manifests {
            let documents: [JSONValue]
            do {
                documents = try JSONValue.parsingYAML(manifest.text)
            } catch {
                throw RuntimeError("embedded sample \(manifest.name): \(error)")
            }
            for var object in documents where object != .null {
                if let uri = object[path: ["spec", "uri"]]?.stringValue, uri.hasPrefix(manifestModelRoot) {
                    object[path: ["spec", "uri"]] = .string("file://" + root + uri.dropFirst(manifestModelRoot.count))
                }
                objects.append(object)
            }
        }
        return objects
    }

    /// Creates each object in namespace `default`, leaving any that exists as it is.
    static func install(_ objects: [JSONValue], client: KubeClient) async throws {
        for object in objects {
            guard let kind = object.kind, let type = ServingResourceTypes.byKind[kind] else {
                throw RuntimeError("embedded sample of kind \(object.kind ?? "(none)"): not a swiftlet kind")
            }
            do throws(KubeError) {
                _ = try await client.create(type, namespace: "default", object)
            } catch {
                guard error.isAlreadyExists else { throw error }
            }
        }
    }
}

enum ServingResourceTypes {
    static let byKind: [String: K8s.ResourceType] = [
        "Model": Model.resourceType, "ModelDeployment": ModelDeployment.resourceType,
        "ModelEndpoint": ModelEndpoint.resourceType,
    ]
}
