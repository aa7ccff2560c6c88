import Foundation
import ServingAPI

/// A ModelDeployment's status as a pure function of what was observed: its model (resolved, or why not), its
/// scorer Deployment (`nil` before it exists) and its scorer pods (which tell why a model fails to fetch or load).
/// Conditions keep their transition times unless their status moves.
enum ModelDeploymentStatus {
    static func compute(
        _ deployment: ModelDeployment, model: Result<ResolvedModel, ModelProblem>, workload: JSONValue?,
        pods: [JSONValue] = [], now: Date
    ) -> ModelDeployment.Status {
        var status = deployment.status
        let generation = deployment.metadata.generation
        var conditions = status.conditions ?? []
        for condition in [modelLoaded(model, workload, pods: pods), available(workload), progressing(workload)] {
            var condition = condition
            condition.observedGeneration = generation
            conditions.set(condition, now: now)
        }
        status.conditions = conditions
        status.replicas = workload.map { Int($0[path: ["status", "replicas"]]?.intValue ?? 0) }
        status.readyReplicas = workload.map { Int($0[path: ["status", "readyReplicas"]]?.intValue ?? 0) }
        if case .success(let resolved) = model {
            status.model = ModelDeployment.ServedModel(
                name: resolved.modelName, version: resolved.version, sha256: resolved.source.sha256)
            status.url = ScorerWorkload.serviceURL(deployment)
        }
        status.observedGeneration = generation
        return status
    }

    static func condition(_ type: String, _ status: K8s.Condition.Status, _ reason: String, _ message: String)
        -> K8s.Condition
    {
        K8s.Condition(type: type, status: status, reason: reason, message: message)
    }

    /// `ModelLoaded`: a scorer answers `/ready` only once its model is loaded, so a ready replica means loaded;
    /// with none ready, a pod whose fetch step or scorer exited with an error says why.
    static func modelLoaded(_ model: Result<ResolvedModel, ModelProblem>, _ workload: JSONValue?, pods: [JSONValue] = [])
        -> K8s.Condition
    {
        let resolved: ResolvedModel
        switch model {
        case .failure(let problem): return condition("ModelLoaded", .false, problem.reason, problem.message)
        case .success(let value): resolved = value
        }
        let name = resolved.reference.map { "Model \"\($0)\"" } ?? "the inline model"
        guard let workload else {
            return condition("ModelLoaded", .unknown, "Pending", "waiting for the scorer Deployment to be created")
        }
        let ready = workload[path: ["status", "readyReplicas"]]?.intValue ?? 0
        let replicas = workload[path: ["status", "replicas"]]?.intValue ?? 0
        if isScaledToZero(workload) {
            return condition("ModelLoaded", .true, "ScaledToZero", scaledToZeroMessage)
        }
        if ready > 0 {
            return condition("ModelLoaded", .true, "Loaded", "\(ready) of \(replicas) scorers have loaded \(name)")
        }
        if let failure = pods.lazy.compactMap(PodFailure.init).first {
            return condition("ModelLoaded", .false, failure.reason, failure.message)
        }
        return condition("ModelLoaded", .false, "Loading",
            "no scorer has loaded \(name) yet (fetching \(resolved.source.uri), then loading; see the pods' "
                + "fetch-model init container if this lasts)")
    }

    /// `Available`: the scorer Deployment's own Available condition. Scaled to zero, it is available: the router
    /// holds the next request while a scorer starts.
    static func available(_ workload: JSONValue?) -> K8s.Condition {
        guard let workload else { return condition("Available", .false, "Pending", "the scorer Deployment does not exist yet") }
        if isScaledToZero(workload) { return condition("Available", .true, "ScaledToZero", scaledToZeroMessage) }
        if let observed = deploymentCondition(workload, "Available") {
            return condition("Available", observed.status, observed.reason, observed.message)
        }
        let ready = workload[path: ["status", "readyReplicas"]]?.intValue ?? 0
        return ready > 0
            ? condition("Available", .true, "MinimumReplicasAvailable", "\(ready) scorers ready")
            : condition("Available", .false, "NoReadyReplicas", "no scorer is ready yet")
    }

    /// `Progressing`: true while the scorer Deployment rolls out a change; false when its deadline passed.
    static func progressing(_ workload: JSONValue?) -> K8s.Condition {
        guard let workload else { return condition("Progressing", .true, "Creating", "creating the scorer Deployment") }
        let generation = workload.generation ?? 0
        let observedGeneration = workload[path: ["status", "observedGeneration"]]?.intValue ?? 0
        let wanted = workload[path: ["spec", "replicas"]]?.intValue ?? 1
        let updated = workload[path: ["status", "updatedReplicas"]]?.intValue ?? 0
        let total = workload[path: ["status", "replicas"]]?.intValue ?? 0
        let ready = workload[path: ["status", "readyReplicas"]]?.intValue ?? 0
        if let observed = deploymentCondition(workload, "Progressing"), observed.status == .false {
            return condition("Progressing", .false, observed.reason, observed.message)
        }
        if observedGeneration < generation || updated < wanted || total > updated || ready < wanted {
            return condition("Progressing", .true, "RollingOut",
                "\(updated) of \(wanted) scorers updated, \(ready) ready")
        }
        return condition("Progressing", .true, "NewReplicaSetAvailable", "every scorer runs the current model")
    }

    /// Whether the scorer Deployment wants no replica and has none left (the concurrency autoscaler scales a
    /// deployment with `minReplicas: 0` to zero only once a replica was ready, so its model loads).
    static func isScaledToZero(_ workload: JSONValue) -> Bool {
        workload[path: ["spec", "replicas"]]?.intValue == 0 && (workload[path: ["status", "replicas"]]?.intValue ?? 0) == 0
    }

    static let scaledToZeroMessage =
        "scaled to zero: no scorer runs until the next request, which the router holds while one starts"

    private static func deploymentCondition(_ workload: JSONValue, _ type: String) -> K8s.Condition? {
        guard let item = workload[path: ["status", "conditions"]]?.arrayValue?.first(where: { $0["type"]?.stringValue == type }),
            let status = item["status"]?.stringValue.flatMap(K8s.Condition.Status.init(rawValue:))
        else { return nil }
        return K8s.Condition(type: type, status: status, reason: item["reason"]?.stringValue ?? type,
            message: item["message"]?.stringValue ?? "")
    }
}
