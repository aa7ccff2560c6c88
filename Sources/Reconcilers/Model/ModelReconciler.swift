import Controller
import Foundation
import ServingAPI

/// Reconciles a Model: its status (validity, who uses it) and the finalizer that holds its deletion while
/// ModelDeployments use it. A deletion held that way is reported once as a Warning event.
public struct ModelReconciler: Reconciler {
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = Date.init) { self.now = now }

    public func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileAction {
        guard let object = context.store.get(key) else { return .awaitChange }
        let model = try Model(cached: object)
        let users = Self.users(of: key, in: context.ownedStores[ModelDeployment.resourceType])
        let usage = ModelUsage(model, users: users, now: now())
        let wasHeld = model.status.conditions?["InUse"]?.reason == "DeletionHeld"
        let finalizers = usage.finalizers(of: model)
        if finalizers != model.metadata.finalizers {
            _ = try await context.client.patch(Model.resourceType, namespace: key.namespace, name: key.name,
                .merge(["metadata": [
                    "resourceVersion": .string(model.metadata.resourceVersion ?? ""),
                    "finalizers": .array(finalizers.map(JSONValue.string)),
                ]]), fieldManager: ServingLabels.fieldManager)
        }
        // After the finalizer (whose patch is conditional on the cached resourceVersion); a Model whose finalizer
        // just went may be gone, which writeStatus accepts.
        try await context.writeStatus(model, usage.status)
        if usage.status.conditions?["InUse"]?.reason == "DeletionHeld", !wasHeld {
            context.events?.record(regarding: object, type: .warning, reason: "DeletionHeld", action: "Delete",
                note: "Model \(key.name) is used by \(users.sorted().joined(separator: ", ")); it is deleted once none uses it")
        }
        return .awaitChange
    }

    /// The ModelDeployments in the Model's namespace that reference it by name.
    static func users(of key: ObjectKey, in deployments: Store?) -> [String] {
        (deployments?.byIndex(ServingOperator.DeploymentIndex.model,
            ServingOperator.DeploymentIndex.value(namespace: key.namespace, name: key.name)) ?? []).compactMap(\.name)
    }
}
