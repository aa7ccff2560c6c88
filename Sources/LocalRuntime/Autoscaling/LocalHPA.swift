import Controller
import Foundation
import Logging
import Reconcilers
import ServiceLifecycle
import ServingAPI

/// The HorizontalPodAutoscaler controller of `swiftlet up`, for the HPAs the controller makes (`scale.targetCPUUtilization`):
/// every few seconds it measures each ready scorer pod's CPU use from /proc (`ProcessCPU`) against its CPU
/// request, applies the HPA rule (`CPUScaling`), sets the Deployment's replicas as the field manager `swiftlet-hpa`,
/// and writes the HPA's status as Kubernetes' does (`kubectl get hpa` shows the utilization and the target).
struct LocalHPA: Service {
    let client: KubeClient
    let dataDirectory: String
    let autoscalers: Watcher
    let deployments: Watcher
    let pods: Watcher
    /// How long a scale-down waits for the recommendations of a burst to pass.
    let stabilization: Duration
    let logger: Logger

    static let period: Duration = .seconds(2)
    static let fieldManager = "swiftlet-hpa"

    init(client: KubeClient, dataDirectory: String, stabilization: Duration, logger: Logger) {
        self.client = client
        self.dataDirectory = dataDirectory
        self.stabilization = stabilization
        self.logger = logger
        let scorers = ListOptions(labelSelector: ServingLabels.scorers)
        autoscalers = Watcher(client: client, resourceType: ScorerWorkload.autoscalerType, options: scorers, logger: logger)
        deployments = Watcher(client: client, resourceType: ScorerWorkload.deploymentType, options: scorers, logger: logger)
        pods = Watcher(client: client, resourceType: LocalObjects.podType, options: scorers, logger: logger)
    }

    func run() async {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for watcher in [autoscalers, deployments, pods] { group.addTask { await watcher.run() } }
                group.addTask { await loop() }
            }
        }
    }

    /// A pod's CPU seconds when last read.
    private struct Reading {
        var at: ContinuousClock.Instant
        var seconds: Double
    }

    private func loop() async {
        var readings: [String: Reading] = [:]
        var recommendations: [String: [(at: ContinuousClock.Instant, replicas: Int)]] = [:]
        while (try? await Task.sleep(for: Self.period)) != nil {
            let hpas = autoscalers.store.list()
            guard !hpas.isEmpty else { continue }  // /proc is read only when there is something to scale
            let processes = ProcessCPU.snapshot()
            let now = ContinuousClock.now
            var seen = Set<String>()
            for hpa in hpas {
                guard let namespace = hpa.namespace, let name = hpa[path: ["spec", "scaleTargetRef", "name"]]?.stringValue,
                    let workload = deployments.store.get(namespace: namespace, name: name),
                    let scaling = Self.scaling(hpa)
                else { continue }
                guard let cores = Self.requestedCores(workload) else {
                    // As Kubernetes' HPA: without a CPU request there is no utilization to scale on.
                    await writeStatus(hpa, workload: workload, desired: Int(workload[path: ["spec", "replicas"]]?.intValue ?? 1),
                        scaled: false, utilizations: [], cores: 0, problem: "missing request for cpu in the scorer container")
                    continue
                }
                var utilizations: [Double] = []
                for pod in readyPods(namespace: namespace, deployment: name) {
                    let key = "\(namespace)/\(pod)"
                    seen.insert(key)
                    guard let seconds = processes.seconds(podDirectory: "\(dataDirectory)/pods/\(namespace)/\(pod)")
                    else { continue }
                    if let last = readings[key], now > last.at {
                        let used = (seconds - last.seconds) / Double((now - last.at) / .seconds(1))
                        utilizations.append(max(0, used) / cores * 100)
                    }
                    readings[key] = Reading(at: now, seconds: seconds)
                }
                let current = Int(workload[path: ["spec", "replicas"]]?.intValue ?? 1)
                let key = "\(namespace)/\(hpa.name ?? name)"
                if let recommendation = scaling.recommendation(current: current, utilizations: utilizations) {
                    recommendations[key, default: []].append((now, recommendation))
                }
                recommendations[key]?.removeAll { now - $0.at > stabilization }
                let desired = scaling.desired(current: current, recommendations: recommendations[key]?.map(\.replicas) ?? [])
                if desired != current { await setReplicas(desired, of: workload, from: current) }
                await writeStatus(hpa, workload: workload, desired: desired, scaled: desired != current,
                    utilizations: utilizations, cores: cores)
            }
            readings = readings.filter { seen.contains($0.key) }
        }
    }

    /// The names of the deployment's pods whose Ready condition is True.
    private func readyPods(namespace: String, deployment: String) -> [String] {
        pods.store.list().filter { pod in
            pod.namespace == namespace && pod.labels[ServingLabels.deployment] == deployment
                && (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
                    $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
                }
        }.compactMap(\.name)
    }

    /// The HPA's bounds and its CPU utilization target; `nil` for any other metric.
    static func scaling(_ hpa: JSONValue) -> CPUScaling? {
        let cpu = (hpa[path: ["spec", "metrics"]]?.arrayValue ?? []).first {
            $0["type"]?.stringValue == "Resource" && $0[path: ["resource", "name"]]?.stringValue == "cpu"
        }
        guard let target = cpu?[path: ["resource", "target", "averageUtilization"]]?.intValue,
            let maximum = hpa[path: ["spec", "maxReplicas"]]?.intValue
        else { return nil }
        return CPUScaling(targetUtilization: Int(target),
            minReplicas: Int(hpa[path: ["spec", "minReplicas"]]?.intValue ?? 1), maxReplicas: Int(maximum))
    }

    /// The scorer container's CPU request, in cores (utilization is measured against it, as the HPA does).
    static func requestedCores(_ workload: JSONValue) -> Double? {
        let containers = workload[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        return containers.lazy.compactMap { $0[path: ["resources", "requests", "cpu"]]?.stringValue }
            .compactMap(CPUScaling.cores).first { $0 > 0 }
    }

    private func setReplicas(_ count: Int, of workload: JSONValue, from current: Int) async {
        await ScorerWorkload.setReplicas(count, of: workload, from: current, client: client,
            fieldManager: Self.fieldManager, logger: logger)
    }

    /// The HPA's status as the HPA controller writes it; only what changed is sent.
    private func writeStatus(
        _ hpa: JSONValue, workload: JSONValue, desired: Int, scaled: Bool, utilizations: [Double], cores: Double,
        problem: String? = nil
    ) async {
        var status = hpa["status"] ?? [:]
        let active: JSONValue = problem.map {
            ["type": "ScalingActive", "status": "False", "reason": "FailedGetResourceMetric", "message": .string($0)]
        } ?? ["type": "ScalingActive", "status": "True", "reason": "ValidMetricFound",
            "message": "the HPA was able to successfully calculate a replica count from cpu resource utilization"]
        let previous = status["conditions"]?.arrayValue?.first { $0["type"] == "ScalingActive" }
        var condition = active
        condition["lastTransitionTime"] = previous?["status"] == active["status"]
            ? previous?["lastTransitionTime"] ?? .string(LocalObjects.timestamp(Date()))
            : .string(LocalObjects.timestamp(Date()))
        status["conditions"] = [condition]
        status["currentReplicas"] = workload[path: ["status", "replicas"]] ?? .int(0)
        status["desiredReplicas"] = .int(Int64(desired))
        if !utilizations.isEmpty {
            let mean = utilizations.reduce(0, +) / Double(utilizations.count)
            status["currentMetrics"] = [[
                "type": "Resource",
                "resource": ["name": "cpu", "current": [
                    "averageUtilization": .int(Int64(mean.rounded())),
                    "averageValue": .string("\(Int((mean / 100 * cores * 1000).rounded()))m"),
                ]],
            ]]
        }
        if scaled { status["lastScaleTime"] = .string(LocalObjects.timestamp(Date())) }
        guard status != hpa["status"] else { return }
        do {
            _ = try await client.patch(ScorerWorkload.autoscalerType, namespace: hpa.namespace, name: hpa.name ?? "",
                .merge(["status": status]), subresource: "status", fieldManager: Self.fieldManager)
        } catch {
            logger.debug("hpa: status not written", metadata: ["hpa": "\(hpa.name ?? "")", "error": "\(error)"])
        }
    }
}
