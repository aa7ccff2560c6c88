import Controller
import Logging
import ServingAPI

extension ScorerWorkload {
    /// Sets a scorer Deployment's `spec.replicas` as an autoscaler does: a merge patch under the autoscaler's own
    /// field manager, logged; a failure is logged and left to the autoscaler's next look.
    public static func setReplicas(
        _ count: Int, of workload: JSONValue, from current: Int, client: KubeClient, fieldManager: String, logger: Logger
    ) async {
        let name = "\(workload.namespace ?? "")/\(workload.name ?? "")"
        do {
            _ = try await client.patch(deploymentType, namespace: workload.namespace, name: workload.name ?? "",
                .merge(["spec": ["replicas": .int(Int64(count))]]), fieldManager: fieldManager)
            logger.info("\(fieldManager): scaled", metadata: ["deployment": "\(name)", "from": "\(current)", "to": "\(count)"])
        } catch {
            logger.warning("\(fieldManager): scaling failed", metadata: ["deployment": "\(name)", "error": "\(error)"])
        }
    }
}
