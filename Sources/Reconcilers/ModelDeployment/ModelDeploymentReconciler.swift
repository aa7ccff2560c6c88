import Controller
import Foundation
import ServingAPI

/// Reconciles a ModelDeployment: resolves its model, applies its scorer workload (Deployment, Service, and a
/// PodDisruptionBudget and HPA when wanted, deleting those no longer wanted), makes its endpoint an owner (so
/// deleting the endpoint deletes its deployments), and writes status from the observed scorer Deployment.
/// An unresolvable model leaves the workload as it was: pods that serve keep serving.
public struct ModelDeploymentReconciler: Reconciler {
    let configuration: OperatorConfiguration
    let now: @Sendable () -> Date

    public init(configuration: OperatorConfiguration, now: @escaping @Sendable () -> Date = Date.init) {
        self.configuration = configuration
        self.now = now
    }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileAction {
        guard let object = context.store.get(key) else { return .awaitChange }
        let deployment = try ModelDeployment(cached: object)
        guard deployment.metadata.deletionTimestamp == nil else { return .awaitChange }
        let models = context.ownedStores[Model.resourceType]
        let model = deployment.resolveModel { name in
            models?.get(namespace: key.namespace, name: name).flatMap { try? Model(json: $0) }
        }
        if case .success(let resolved) = model {
            try await applyWorkload(ScorerWorkload(deployment, model: resolved, configuration: configuration),
                of: deployment, context: context)
        }
        try await adoptByEndpoint(deployment, context: context)
        let pods = context.ownedStores[ServingOperator.podType]?.byIndex(ServingOperator.DeploymentIndex.deployment,
            ServingOperator.DeploymentIndex.value(namespace: key.namespace, name: key.name)) ?? []
        let status = ModelDeploymentStatus.compute(deployment, model: model,
            workload: context.child(ScorerWorkload.deploymentType, of: deployment), pods: pods, now: now())
        try await context.writeStatus(deployment, status)
        return .awaitChange
    }

    private func applyWorkload(_ workload: ScorerWorkload, of owner: ModelDeployment, context: ReconcileContext)
        async throws(KubeError)
    {
        let wanted: [(K8s.ResourceType, JSONValue?)] = [
            (ScorerWorkload.deploymentType, workload.deployment), (ScorerWorkload.serviceType, workload.service),
            (ScorerWorkload.podDisruptionBudgetType, workload.podDisruptionBudget),
            (ScorerWorkload.autoscalerType, workload.autoscaler),
        ]
        for (type, desired) in wanted {
            let observed = context.child(type, of: owner)
            if let desired {
                try await context.apply(desired, type, observed: observed)
            } else {
                try await context.delete(observed, type)
            }
        }
    }

    /// Adds the endpoint as a (non-controller) owner of the deployment, once the endpoint exists.
    private func adoptByEndpoint(_ deployment: ModelDeployment, context: ReconcileContext) async throws(KubeError) {
        guard let endpoint = context.ownedStores[ModelEndpoint.resourceType]?
            .get(namespace: deployment.metadata.namespace, name: deployment.spec.endpoint),
            let uid = endpoint.uid, endpoint.deletionTimestamp == nil,
            !deployment.metadata.ownerReferences.contains(where: { $0.uid == uid })
        else { return }
        let reference = K8s.OwnerReference(
            apiVersion: ModelEndpoint.resourceType.apiVersion, kind: ModelEndpoint.resourceType.kind,
            name: deployment.spec.endpoint, uid: uid)
        let references = deployment.metadata.ownerReferences.filter { $0.kind != reference.kind } + [reference]
        // The resourceVersion makes this a compare-and-swap: a list replaced under a concurrent change fails with 409.
        _ = try await context.client.patch(ModelDeployment.resourceType, namespace: deployment.metadata.namespace,
            name: deployment.metadata.name ?? "",
            .merge(["metadata": [
                "resourceVersion": .string(deployment.metadata.resourceVersion ?? ""),
                "ownerReferences": .array(references.map(\.json)),
            ]]), fieldManager: ServingLabels.fieldManager)
    }
}
