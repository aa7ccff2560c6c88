import Controller
import Logging
import Reconcilers
import ServiceLifecycle
import ServingAPI
import Traffic

/// The concurrency autoscaler of `swiftlet up`. Once a second it samples the router's requests in flight per
/// deployment, and sets `spec.replicas` of each scorer Deployment whose ModelDeployment scales on
/// `scale.targetConcurrency` (and not on CPU) to what `ConcurrencyScaling` decides. The controller leaves those
/// replica counts to it (`OperatorConfiguration.concurrencyAutoscaler`). Level-based: it compares with the
/// Deployment as it is, every tick.
public struct ConcurrencyAutoscaler: Service {
    let client: KubeClient
    let routes: RouteTableStore
    let modelDeployments: Watcher
    let deployments: Watcher
    /// How long a burst's peak keeps its replicas.
    let scaleDownWindow: Duration
    let logger: Logger

    static let fieldManager = "swiftlet-autoscaler"
    static let tick: Duration = .seconds(1)

    public init(client: KubeClient, routes: RouteTableStore, scaleDownWindow: Duration, logger: Logger) {
        self.client = client
        self.routes = routes
        self.scaleDownWindow = scaleDownWindow
        self.logger = logger
        modelDeployments = Watcher(client: client, resourceType: ModelDeployment.resourceType, logger: logger)
        deployments = Watcher(client: client, resourceType: ScorerWorkload.deploymentType,
            options: ListOptions(labelSelector: ServingLabels.scorers), logger: logger)
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await modelDeployments.run() }
                group.addTask { await deployments.run() }
                group.addTask { await scale() }
            }
        }
    }

    private func scale() async {
        let capacity = max(Int(scaleDownWindow / Self.tick), ConcurrencyScaling.recentSamples)
        var samples: [String: [Int]] = [:]
        while !Task.isCancelled {
            do { try await Task.sleep(for: Self.tick) } catch { return }
            let inFlight = routes.inFlight()
            var seen = Set<String>()
            for object in modelDeployments.store.list() {
                guard let deployment = try? ModelDeployment(json: object), deployment.metadata.deletionTimestamp == nil,
                    let scale = deployment.spec.scale, let target = scale.targetConcurrency,
                    scale.targetCPUUtilization == nil,
                    let workload = deployments.store.get(namespace: object.namespace, name: object.name ?? "")
                else { continue }
                let key = "\(object.namespace ?? "default")/\(object.name ?? "")"
                seen.insert(key)
                samples[key, default: []].append(inFlight[key] ?? 0)
                if samples[key]!.count > capacity { samples[key]!.removeFirst() }
                let minimum = scale.minReplicas ?? ModelDeployment.Scale.Defaults.minReplicas
                let scaling = ConcurrencyScaling(target: target, minReplicas: minimum,
                    maxReplicas: scale.maxReplicas ?? max(minimum, ScorerWorkload.defaultMaxReplicas))
                let current = Int(workload[path: ["spec", "replicas"]]?.intValue ?? 1)
                let desired = scaling.desired(current: current, samples: samples[key]!)
                if desired != current { await setReplicas(desired, of: workload, from: current) }
            }
            samples = samples.filter { seen.contains($0.key) }
        }
    }

    private func setReplicas(_ count: Int, of workload: JSONValue, from current: Int) async {
        do {
            _ = try await client.patch(ScorerWorkload.deploymentType, namespace: workload.namespace,
                name: workload.name ?? "", .merge(["spec": ["replicas": .int(Int64(count))]]),
                fieldManager: Self.fieldManager)
            logger.info("autoscaler: scaled", metadata: [
                "deployment": "\(workload.namespace ?? "")/\(workload.name ?? "")", "from": "\(current)", "to": "\(count)",
            ])
        } catch {
            logger.warning("autoscaler: scaling failed", metadata: [
                "deployment": "\(workload.name ?? "")", "error": "\(error)",
            ])
        }
    }
}
