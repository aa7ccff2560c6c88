import Controller
import Foundation
import ServingAPI

/// What `swiftlet up` puts into its API server: the CRDs on every start (a newer binary brings newer schemas), and
/// the samples once per data directory (so that what a user changed or deleted stays so across restarts).
enum Installation {
    static let crdType = K8s.ResourceType(group: "apiextensions.k8s.io", version: "v1",
        plural: "customresourcedefinitions", kind: "CustomResourceDefinition", namespaced: false)

    /// Creates each CRD, or replaces the stored one.
    static func crds(client: KubeClient) async throws {
        for crd in ServingCRDs.all {
            var object = crd.json
            let stored: JSONValue?
            do throws(KubeError) {
                stored = try await client.get(crdType, namespace: nil, name: crd.name)
            } catch {
                guard error.isNotFound else { throw error }
                stored = nil
            }
            if let stored {
                object[path: ["metadata", "resourceVersion"]] = stored[path: ["metadata", "resourceVersion"]]
                _ = try await client.update(crdType, namespace: nil, object)
            } else {
                _ = try await client.create(crdType, namespace: nil, object)
            }
        }
    }

    /// Writes the sample files, and creates the sample objects unless this data directory had them already.
    static func samples(dataDirectory: String, client: KubeClient) async throws {
        let objects = try Samples.prepare(dataDirectory: dataDirectory)
        let marker = dataDirectory + "/samples/installed"
        guard !FileManager.default.fileExists(atPath: marker) else { return }
        // A CRD is served a moment after it is created: retry while the kinds are not found.
        for attempt in 1... {
            do {
                try await Samples.install(objects, client: client)
                break
            } catch {
                guard let error = error as? KubeError, error.isNotFound, attempt < 50 else { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        try Data("the samples were created; delete this file to create them again on the next start\n".utf8)
            .write(to: URL(fileURLWithPath: marker))
    }
}
