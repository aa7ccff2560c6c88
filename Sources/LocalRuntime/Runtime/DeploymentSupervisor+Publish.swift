import Controller
import Foundation
import Reconcilers
import ServingAPI

/// What the supervisor writes to the API: a Pod and an EndpointSlice per replica (server-side apply as
/// `swiftlet-local-runtime`) and the Deployment's status, each only when it differs from what was last written.
extension DeploymentSupervisor {
    /// Writes what changed; false when a write failed.
    func publish() async -> Bool {
        let snapshots = self.snapshots
        let deployment = observedDeployment
        var succeeded = true
        let template = deployment[path: ["spec", "template"]] ?? [:]
        for snapshot in snapshots {
            if let slice = LocalObjects.slice(snapshot, of: deployment) {
                succeeded = await write("EndpointSlice/\(snapshot.name)", slice) { client, object throws(KubeError) in
                    _ = try await client.patch(LocalObjects.sliceType, namespace: self.namespace, name: snapshot.name,
                        .apply(object, fieldManager: LocalObjects.fieldManager, force: true))
                } && succeeded
            }
            succeeded = await write("Pod/\(snapshot.name)", LocalObjects.pod(snapshot, of: deployment)) {
                client, object throws(KubeError) in
                _ = try await client.patch(LocalObjects.podType, namespace: self.namespace, name: snapshot.name,
                    .apply(object, fieldManager: LocalObjects.fieldManager, force: true))
            } && succeeded
            let podStatus = LocalObjects.podStatus(snapshot, template: template)
            succeeded = await write("Pod/\(snapshot.name)/status", podStatus) { client, object throws(KubeError) in
                _ = try await client.patch(LocalObjects.podType, namespace: self.namespace, name: snapshot.name,
                    .merge(["status": object]), subresource: "status")
            } && succeeded
        }
        await deleteWritten(except: Set(snapshots.map(\.name)))
        let status = LocalObjects.deploymentStatus(deployment, replicas: snapshots, currentHash: templateHash, now: Date())
        if status != deployment["status"] {
            succeeded = await write("Deployment/\(name)/status", status) { client, object throws(KubeError) in
                _ = try await client.patch(ScorerWorkload.deploymentType, namespace: self.namespace, name: self.name,
                    .merge(["status": object]), subresource: "status")
            } && succeeded
        }
        return succeeded
    }

    /// Runs `send` unless `object` is what was last written under `key`; a 404 (the Deployment is being deleted) is
    /// not a failure.
    private func write(_ key: String, _ object: JSONValue,
        _ send: @Sendable (KubeClient, JSONValue) async throws(KubeError) -> Void) async -> Bool
    {
        guard written[key] != object else { return true }
        do {
            try await send(environment.client, object)
            written[key] = object
            return true
        } catch {
            if error.isNotFound { return true }
            environment.logger.warning("local runtime: write failed", metadata: ["object": "\(key)", "error": "\(error)"])
            return false
        }
    }

    /// Deletes the Pods and EndpointSlices written for replicas not in `keep`.
    func deleteWritten(except keep: Set<String>) async {
        for key in written.keys where !key.hasSuffix("/status") {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, !keep.contains(parts[1]) else { continue }
            let type = parts[0] == "Pod" ? LocalObjects.podType : LocalObjects.sliceType
            do {
                try await environment.client.delete(type, namespace: namespace, name: parts[1])
            } catch where !error.isNotFound {
                environment.logger.warning("local runtime: delete failed", metadata: ["object": "\(key)", "error": "\(error)"])
                continue
            } catch {}
            written[key] = nil
            written[key + "/status"] = nil
        }
    }
}
