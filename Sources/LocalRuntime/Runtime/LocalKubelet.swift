import Controller
import Foundation
import Logging
import Reconcilers
import ServiceLifecycle
import ServingAPI

/// The kubelet of `swiftlet up`: watches the scorer Deployments the controller makes (by their labels) and runs each
/// one's replicas as local processes of this binary (`DeploymentSupervisor`). It also watches their Pods: a deleted
/// Pod's processes stop and a new replica takes its place (as a ReplicaSet replaces a deleted pod). On graceful
/// shutdown it stops every process and deletes the Pods and EndpointSlices it wrote; on start it deletes any a
/// previous run left.
public struct LocalKubelet: Service {
    let environment: RuntimeEnvironment
    let deployments: Watcher
    let pods: Watcher

    /// - Parameters:
    ///   - executable: the `swiftlet` binary the replicas run (this one).
    ///   - dataDirectory: replicas' volumes go under `pods/`, their logs under `logs/<namespace>/<deployment>/`.
    public init(client: KubeClient, executable: String, dataDirectory: String, logger: Logger) {
        environment = RuntimeEnvironment(executable: executable, dataDirectory: dataDirectory, client: client,
            logger: logger)
        let scorers = ListOptions(labelSelector: ServingLabels.scorers)
        deployments = Watcher(client: client, resourceType: ScorerWorkload.deploymentType, options: scorers,
            logger: logger)
        pods = Watcher(client: client, resourceType: LocalObjects.podType, options: scorers, logger: logger)
    }

    public func run() async throws {
        await removeLeftovers()
        let supervisors = Supervisors(environment: environment)
        await withDiscardingTaskGroup { group in
            group.addTask {
                await cancelWhenGracefulShutdown { await watch(into: supervisors) }
                await supervisors.finishAll()
            }
            // Each Deployment's supervisor runs here until its Deployment goes or the runtime stops.
            for await supervisor in supervisors.started {
                group.addTask { await supervisor.run() }
            }
        }
        environment.logger.info("local runtime stopped")
    }

    private func watch(into supervisors: Supervisors) async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                await deployments.run { change in
                    switch change {
                    case .applied(let object): await supervisors.apply(object)
                    case .deleted(let object): await supervisors.remove(object)
                    case .synced: break
                    }
                }
            }
            group.addTask {
                await pods.run { change in
                    switch change {
                    // A server that deletes pods gracefully marks them first, and waits for the kubelet.
                    case .applied(let pod) where pod.deletionTimestamp != nil: await supervisors.podDeleted(pod)
                    case .deleted(let pod): await supervisors.podDeleted(pod)
                    case .applied, .synced: break
                    }
                }
            }
        }
    }

    /// Deletes the Pods and EndpointSlices of a previous run (their processes are gone), its replicas' volumes,
    /// and keeps its logs as `logs.previous/`.
    private func removeLeftovers() async {
        let selector = ListOptions(labelSelector: ServingLabels.scorers)
        for type in [LocalObjects.sliceType, LocalObjects.podType] {
            guard let list = try? await environment.client.listAll(type, namespace: nil, options: selector) else { continue }
            for object in list.items where object[path: ["spec", "nodeName"]]?.stringValue == LocalObjects.nodeName
                || object.labels[LocalObjects.managedByLabel] == LocalObjects.managedByValue
            {
                _ = try? await environment.client.delete(type, namespace: object.namespace, name: object.name ?? "")
            }
        }
        let files = FileManager.default
        let data = environment.dataDirectory
        try? files.removeItem(atPath: data + "/pods")
        if files.fileExists(atPath: data + "/logs") {
            try? files.removeItem(atPath: data + "/logs.previous")
            try? files.moveItem(atPath: data + "/logs", toPath: data + "/logs.previous")
        }
    }
}

/// The supervisors by Deployment. A new one is handed to the kubelet's task group through `started` to run.
actor Supervisors {
    private var byKey: [ObjectKey: DeploymentSupervisor] = [:]
    private let environment: RuntimeEnvironment
    /// Unbounded, but holds at most one element per Deployment created, and is drained as they come.
    nonisolated let started: AsyncStream<DeploymentSupervisor>
    private let start: AsyncStream<DeploymentSupervisor>.Continuation

    init(environment: RuntimeEnvironment) {
        self.environment = environment
        (started, start) = AsyncStream.makeStream(of: DeploymentSupervisor.self)
    }

    func apply(_ deployment: JSONValue) async {
        guard let key = ObjectKey(deployment) else { return }
        if deployment.deletionTimestamp != nil { return remove(deployment) }
        if let supervisor = byKey[key] {
            await supervisor.update(deployment)
        } else {
            let supervisor = DeploymentSupervisor(deployment, environment: environment)
            byKey[key] = supervisor
            environment.logger.info("local runtime: running", metadata: ["deployment": "\(key)"])
            start.yield(supervisor)
            await supervisor.update(deployment)
        }
    }

    /// A Pod deleted by someone else (the supervisor's own deletions are of replicas it already let go).
    func podDeleted(_ pod: JSONValue) async {
        guard let deployment = pod.labels[ServingLabels.deployment], let name = pod.name,
            let supervisor = byKey[ObjectKey(namespace: pod.namespace, name: deployment)]
        else { return }
        await supervisor.podDeleted(name)
    }

    /// The Deployment is gone: its supervisor stops its processes and ends.
    func remove(_ deployment: JSONValue) {
        guard let key = ObjectKey(deployment), let supervisor = byKey.removeValue(forKey: key) else { return }
        environment.logger.info("local runtime: stopping", metadata: ["deployment": "\(key)"])
        supervisor.finish()
    }

    /// Every supervisor stops its processes and ends; no new one starts.
    func finishAll() {
        for supervisor in byKey.values { supervisor.finish() }
        byKey = [:]
        start.finish()
    }
}
