import Controller
import Foundation
import Reconcilers
import ServingAPI

/// Keeps one scorer Deployment's replicas running as local processes and reports them: follows `spec.replicas`
/// (so `kubectl scale` and an HPA take effect), rolls a new pod template as `Rollout` decides, and writes a Pod and
/// an EndpointSlice per replica and the Deployment's status, each only when it changed.
///
/// Level-based: a change (the Deployment, a replica's status, a failed write) only signals `run`, and each pass
/// re-reads every replica's status and acts on all of it; signals during a pass coalesce into one more pass.
actor DeploymentSupervisor {
    nonisolated let namespace: String
    nonisolated let name: String
    private var deployment: JSONValue
    private var replicas: [Replica] = []
    /// Replicas scaled away or replaced, still stopping (awaited when the supervisor ends, so none outlives `up`).
    private var stopping: [String: Task<Void, Never>] = [:]
    private var statuses: [String: ReplicaStatus] = [:]
    let environment: RuntimeEnvironment
    /// What was last written, by "kind/name": a write is skipped when nothing changed.
    var written: [String: JSONValue] = [:]
    private let changes: AsyncStream<Void>
    private let changed: AsyncStream<Void>.Continuation

    init(_ deployment: JSONValue, environment: RuntimeEnvironment) {
        self.deployment = deployment
        namespace = deployment.namespace ?? "default"
        name = deployment.name ?? ""
        self.environment = environment
        (changes, changed) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Runs until `finish()`: then stops every replica and deletes what was written for them.
    func run() async {
        for await _ in changes {
            for replica in replicas { statuses[replica.name] = await replica.status }
            await reconcile()
            if await !publish() {
                // The API refused or was unreachable: another pass in a second.
                try? await Task.sleep(for: .seconds(1))
                changed.yield()
            }
        }
        let all = replicas
        let leaving = Array(stopping.values)
        replicas = []
        await withDiscardingTaskGroup { group in
            for replica in all { group.addTask { await replica.stop() } }
            for task in leaving { group.addTask { await task.value } }
        }
        await deleteWritten(except: [])
    }

    /// Ends `run` (the Deployment is gone, or `up` stops).
    nonisolated func finish() { changed.finish() }

    func update(_ deployment: JSONValue) {
        self.deployment = deployment
        changed.yield()
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
        changed.yield()
    }

    // MARK: Replicas

    /// Tells pod templates apart. Swift's hashing is seeded per process, which is enough: replicas live no longer
    /// than the process that started them.
    var templateHash: String {
        let text = (deployment[path: ["spec", "template"]] ?? .null).jsonText
        return String(UInt64(bitPattern: Int64(text.hashValue)) % 0xff_ffff_ffff, radix: 16)
    }

    private func reconcile() async {
        let hash = templateHash
        let step = Rollout.step(
            wanted: Int(deployment[path: ["spec", "replicas"]]?.intValue ?? 1),
            replicas: replicas.map { replica in
                Rollout.Replica(name: replica.name, current: replica.templateHash == hash,
                    ready: statuses[replica.name]?.ready ?? false, created: replica.created)
            })
        for _ in 0..<step.start {
            let replica = makeReplica(hash: hash)
            replicas.append(replica)
            await replica.start()
        }
        let leaving = replicas.filter { step.stop.contains($0.name) }
        replicas.removeAll { step.stop.contains($0.name) }
        for replica in leaving { retire(replica) }
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
        return Replica(name: pod, namespace: namespace, deployment: name,
            template: deployment[path: ["spec", "template"]] ?? [:], templateHash: hash, environment: environment,
            onChange: { [changed] in changed.yield() })
    }

    /// The replicas as last seen, for publishing.
    var snapshots: [ReplicaSnapshot] {
        replicas.map { replica in
            ReplicaSnapshot(name: replica.name, templateHash: replica.templateHash, created: replica.created,
                status: statuses[replica.name] ?? ReplicaStatus())
        }
    }

    var observedDeployment: JSONValue { deployment }
}
