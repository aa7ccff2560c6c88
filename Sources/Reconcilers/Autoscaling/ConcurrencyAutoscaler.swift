import Controller
import Logging
import ServiceLifecycle
import ServingAPI

/// The concurrency autoscaler: under `swiftlet up` beside its router, in a cluster in the controller. Once a second
/// it samples the routers' requests in flight per deployment, and sets `spec.replicas` of each scorer Deployment
/// whose ModelDeployment scales on `scale.targetConcurrency` (and not on CPU) to what `ConcurrencyScaling` decides.
/// The controller leaves those replica counts to it (`OperatorConfiguration.concurrencyAutoscaler`). Level-based: it
/// compares with the Deployment as it is, every tick. A request held by a router for a deployment at zero wakes it
/// at once where the source can tell (in process); otherwise the next sample, which counts that request, does.
/// With leader election it acts only while its replica leads.
public struct ConcurrencyAutoscaler: Service {
    let client: KubeClient
    let demand: any RouterObservations
    let leaderElector: LeaderElector?
    let modelDeployments: Watcher
    let deployments: Watcher
    /// How long a burst's peak keeps its replicas.
    let scaleDownWindow: Duration
    let logger: Logger

    static let fieldManager = "swiftlet-autoscaler"
    static let tick: Duration = .seconds(1)

    public init(
        client: KubeClient, demand: any RouterObservations, scaleDownWindow: Duration, leaderElector: LeaderElector? = nil,
        logger: Logger
    ) {
        self.client = client
        self.demand = demand
        self.leaderElector = leaderElector
        self.scaleDownWindow = scaleDownWindow
        self.logger = logger
        modelDeployments = Watcher(client: client, resourceType: ModelDeployment.resourceType, logger: logger)
        deployments = Watcher(client: client, resourceType: ScorerWorkload.deploymentType,
            options: ListOptions(labelSelector: ServingLabels.scorers), logger: logger)
    }

    /// Why the autoscaler looks: its regular sample, or a request waiting for a deployment at zero.
    enum Wake: Sendable {
        case tick
        case podWanted(String)
    }

    public func run() async {
        let (wakes, wake) = AsyncStream.makeStream(of: Wake.self, bufferingPolicy: .bufferingNewest(64))
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await modelDeployments.run() }
                group.addTask { await deployments.run() }
                group.addTask {
                    while (try? await Task.sleep(for: Self.tick)) != nil { wake.yield(.tick) }
                    wake.finish()
                }
                if let podsWanted = demand.podsWanted {
                    group.addTask {
                        for await key in podsWanted { wake.yield(.podWanted(key)) }
                    }
                }
                group.addTask { await scale(on: wakes) }
            }
        }
    }

    /// A scorer Deployment that scales on concurrency, with its scaling rule.
    private struct Target {
        var key: String
        var workload: JSONValue
        var scaling: ConcurrencyScaling
        var current: Int { Int(workload[path: ["spec", "replicas"]]?.intValue ?? 1) }
        var ready: Int { Int(workload[path: ["status", "readyReplicas"]]?.intValue ?? 0) }
    }

    private func scale(on wakes: AsyncStream<Wake>) async {
        let windowSamples = max(Int(scaleDownWindow / Self.tick), ConcurrencyScaling.recentSamples)
        var samples: [String: [Int]] = [:]
        var requests: [String: Int] = [:]
        for await wake in wakes {
            guard leaderElector?.isLeader ?? true else {
                (samples, requests) = ([:], [:])  // a replica that leads again starts its windows afresh
                continue
            }
            guard let load = await demand.load() else { continue }
            switch wake {
            case .podWanted(let key):
                // From zero at once: the next tick would do it too, up to a second later.
                if let target = targets(windowSamples: windowSamples).first(where: { $0.key == key }),
                    target.current == 0, (load[key]?.inFlight ?? 0) > 0
                {
                    await setReplicas(1, of: target.workload, from: 0)
                }
            case .tick:
                let targets = targets(windowSamples: windowSamples)
                for target in targets {
                    let sample = ConcurrencyScaling.sample(load[target.key], requestsBefore: requests[target.key])
                    requests[target.key] = load[target.key]?.requests
                    samples[target.key, default: []].append(sample)
                    if samples[target.key]!.count > windowSamples { samples[target.key]!.removeFirst() }
                    let desired = target.scaling.desired(current: target.current, ready: target.ready,
                        samples: samples[target.key]!)
                    if desired != target.current { await setReplicas(desired, of: target.workload, from: target.current) }
                }
                let seen = Set(targets.map(\.key))
                samples = samples.filter { seen.contains($0.key) }
                requests = requests.filter { seen.contains($0.key) }
            }
        }
    }

    /// The scorer Deployments that scale on concurrency, from the watchers' caches.
    private func targets(windowSamples: Int) -> [Target] {
        modelDeployments.store.list().compactMap { object in
            guard let deployment = try? ModelDeployment(json: object), deployment.metadata.deletionTimestamp == nil,
                let scale = deployment.spec.scale, let target = scale.targetConcurrency,
                scale.targetCPUUtilization == nil,
                let workload = deployments.store.get(namespace: object.namespace, name: object.name ?? "")
            else { return nil }
            let minimum = scale.minReplicas ?? ModelDeployment.Scale.Defaults.minReplicas
            return Target(key: "\(object.namespace ?? "default")/\(object.name ?? "")", workload: workload,
                scaling: ConcurrencyScaling(target: target, minReplicas: minimum,
                    maxReplicas: scale.maxReplicas ?? max(minimum, ScorerWorkload.defaultMaxReplicas),
                    windowSamples: windowSamples))
        }
    }

    private func setReplicas(_ count: Int, of workload: JSONValue, from current: Int) async {
        await ScorerWorkload.setReplicas(count, of: workload, from: current, client: client,
            fieldManager: Self.fieldManager, logger: logger)
    }
}
