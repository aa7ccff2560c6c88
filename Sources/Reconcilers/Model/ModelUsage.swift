import Foundation
import ServingAPI

/// What a Model's reconcile decides, as a pure function of the Model and the ModelDeployments that use it:
/// its status (`Ready` from the spec's validity, `InUse` naming the users, `usedBy`), and whether the in-use
/// finalizer should be there. The finalizer is held exactly while some deployment uses the Model, so deleting a
/// used Model waits (and says for whom) instead of breaking a serving deployment.
struct ModelUsage: Equatable {
    var status: Model.Status
    var holdsFinalizer: Bool

    init(_ model: Model, users: [String], now: Date) {
        let users = users.sorted()
        var status = model.status
        var conditions = status.conditions ?? []
        let generation = model.metadata.generation
        conditions.set(Self.ready(model, generation: generation), now: now)
        conditions.set(Self.inUse(users, deleting: model.metadata.deletionTimestamp != nil, generation: generation), now: now)
        status.conditions = conditions
        status.usedBy = users
        status.observedGeneration = generation
        self.status = status
        holdsFinalizer = !users.isEmpty
    }

    /// The finalizers the Model should carry: its own, plus ours while it is used.
    func finalizers(of model: Model) -> [String] {
        let others = model.metadata.finalizers.filter { $0 != ServingLabels.inUseFinalizer }
        return holdsFinalizer ? others + [ServingLabels.inUseFinalizer] : others
    }

    private static func ready(_ model: Model, generation: Int64?) -> K8s.Condition {
        do {
            _ = try model.validated()
            let checked = model.spec.sha256 == nil
                ? "no sha256 given, so the file is not checked when fetched"
                : "the file's sha256 is checked when each scorer fetches it"
            return K8s.Condition(type: "Ready", status: .true, reason: "Verified",
                message: "the spec is valid; \(checked)", observedGeneration: generation)
        } catch {
            return K8s.Condition(type: "Ready", status: .false, reason: "InvalidSpec", message: error.description,
                observedGeneration: generation)
        }
    }

    private static func inUse(_ users: [String], deleting: Bool, generation: Int64?) -> K8s.Condition {
        let names = users.joined(separator: ", ")
        switch (users.isEmpty, deleting) {
        case (true, _):
            return K8s.Condition(type: "InUse", status: .false, reason: "NotUsed",
                message: "no ModelDeployment uses this Model", observedGeneration: generation)
        case (false, false):
            return K8s.Condition(type: "InUse", status: .true, reason: "UsedByDeployments",
                message: "used by ModelDeployments: \(names)", observedGeneration: generation)
        case (false, true):
            return K8s.Condition(type: "InUse", status: .true, reason: "DeletionHeld",
                message: "deletion waits until no ModelDeployment uses this Model; used by: \(names)",
                observedGeneration: generation)
        }
    }
}
