import Controller
import Foundation
import Reconcilers
import ServingAPI

/// Keeps one scorer Deployment's replicas running as local processes and reports them: follows `spec.replicas`
/// (so `kubectl scale` and an HPA take effect), replaces replicas of an older pod template one ready replica at a
/// time (a new replica is started before an old one stops, as `maxSurge: 1, maxUnavailable: 0` do), and writes a
/// Pod and an EndpointSlice per replica and the Deployment's status, each only when it changed.
actor DeploymentSupervisor {
    nonisolated let namespace: String
    nonisolated let name: String
    private var deployment: JSONValue
    private var replicas: [Replica] = []
    /// Replicas scaled away or replaced, still stopping (awaited by `stopAll`, so none outlives `up`).
    private var stopping: [String: Task<Void, Never>] = [:]
    private var statuses: [String: ReplicaStatus] = [:]
    private let environment: RuntimeEnvironment
    /// What was last written, by "kind/name": a write is skipped when nothing changed.
    private var written: [String: JSONValue] = [:]
    private var publishing = false
    private var dirty = false
    private var stopped = false

    init(_ deployment: JSONValue, environment: RuntimeEnvironment) {
        self.deployment = deployment
        namespace = deployment.namespace ?? "default"
        name = deployment.name ?? ""
        self.environment = environment
    }

    func update(_ deployment: JSONValue) {
        self.deployment = deployment
        reconcile()
    }

    /// Stops every replica and deletes what was written for them (the Deployment is gone, or `up` stops).
    func stopAll() async {
        stopped = true
        let all = replicas
        let leaving = stopping
        replicas = []
        await withDiscardingTaskGroup { group in
            for replica in all { group.addTask { await replica.stop() } }
            for task in leaving.values { group.addTask { await task.value } }
        }
        await deleteWritten(except: [])
    }

    /// The replica's Pod was deleted (or marked for deletion): its processes stop, and a new replica takes its place.
    /// A Pod still there once they stopped (graceful deletion) is then deleted for good, as a kubelet does.
    func podDeleted(_ pod: String) {
        guard let replica = replicas.first(where: { $0.name == pod }) else { return }
        environment.logger.info("local runtime: pod deleted, replacing it", metadata: ["pod": "\(pod)"])
        written["Pod/\(pod)"] = nil
        written["Pod/\(pod)/status"] = nil
        replicas.removeAll { $0 === replica }
        retire(replica) { [environment, namespace] in
            _ = try? await environment.client.delete(LocalObjects.podType, namespace: namespace, name: pod,
                options: DeleteOptions(gracePeriodSeconds: 0))
        }
        reconcile()
    }

    // MARK: Replicas

    /// Tells pod templates apart. Swift's hashing is seeded per process, which is enough: replicas live no longer
    /// than the process that started them.
    private var templateHash: String {
        let text = (deployment[path: ["spec", "template"]] ?? .null).jsonText
        return String(UInt64(bitPattern: Int64(text.hashValue)) % 0xff_ffff_ffff, radix: 16)
    }

    private func replicaChanged(named pod: String) async {
        guard let replica = replicas.first(where: { $0.name == pod }) else { return }
        statuses[pod] = await replica.status
        reconcile()
    }

    private func reconcile() {
        guard !stopped else { return }
        let hash = templateHash
        let wanted = Int(deployment[path: ["spec", "replicas"]]?.intValue ?? 1)
        func isReady(_ replica: Replica) -> Bool { statuses[replica.name]?.ready ?? false }
        // Unready and newest first: the ones to stop first.
        func stopOrder(_ a: Replica, _ b: Replica) -> Bool {
            isReady(a) != isReady(b) ? !isReady(a) : a.created > b.created
        }
        var current = replicas.filter { $0.templateHash == hash }
        var leaving: [Replica] = []
        if current.count > wanted {
            leaving += current.sorted(by: stopOrder).prefix(current.count - wanted)
        }
        while current.count < wanted {
            let replica = makeReplica(hash: hash)
            replicas.append(replica)
            current.append(replica)
        }
        let staying = current.filter { replica in !leaving.contains { $0 === replica } }
        let old = replicas.filter { $0.templateHash != hash }
        let keepOld = max(0, wanted - staying.filter(isReady).count)
        leaving += old.sorted(by: stopOrder).prefix(max(0, old.count - keepOld))
        replicas.removeAll { replica in leaving.contains { $0 === replica } }
        for replica in leaving { retire(replica) }
        schedulePublish()
    }

    /// Stops a replica no longer counted (its slice and Pod are deleted by the next publish).
    private func retire(_ replica: Replica, then: @escaping @Sendable () async -> Void = {}) {
        statuses[replica.name] = nil
        stopping[replica.name] = Task {
            await replica.stop()
            await then()
            self.stopping[replica.name] = nil
        }
    }

    private func makeReplica(hash: String) -> Replica {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        let pod = "\(name)-\(hash.prefix(10))-" + String((0..<5).map { _ in alphabet.randomElement()! })
        let replica = Replica(name: pod, namespace: namespace, deployment: name,
            template: deployment[path: ["spec", "template"]] ?? [:], templateHash: hash, environment: environment,
            onChange: { [weak self] in
                guard let self else { return }
                Task { await self.replicaChanged(named: pod) }
            })
        Task { await replica.start() }
        return replica
    }

    // MARK: Writing to the API

    /// Publishes now, or after the publish under way (changes during a publish coalesce into one more).
    private func schedulePublish() {
        dirty = true
        guard !publishing else { return }
        publishing = true
        Task { await self.drainPublishes() }
    }

    private func drainPublishes() async {
        while dirty, !stopped {
            dirty = false
            if await !publishOnce() {
                // The API refused or was unreachable: try again in a second.
                try? await Task.sleep(for: .seconds(1))
                dirty = true
            }
        }
        publishing = false
    }

    /// Writes what changed; false when a write failed.
    private func publishOnce() async -> Bool {
        let snapshots = replicas.map { replica in
            ReplicaSnapshot(name: replica.name, templateHash: replica.templateHash, created: replica.created,
                status: statuses[replica.name] ?? ReplicaStatus())
        }
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
    private func deleteWritten(except keep: Set<String>) async {
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
