import Foundation

/// What one replica is doing, as the Pod status, the EndpointSlice and the Deployment status report it.
struct ReplicaStatus: Equatable, Sendable {
    /// A container's end.
    struct Termination: Equatable, Sendable {
        var container: String
        var exitCode: Int32
        /// The last lines it wrote (Kubernetes' `FallbackToLogsOnError`).
        var message: String
        var finishedAt: Date
    }

    var port: Int?
    /// Set by the readiness probe; false whenever the scorer is not running.
    var ready = false
    /// How many times the replica's processes were started again after failing.
    var restarts = 0
    /// Why the scorer is not running: `PodInitializing` (the fetch step runs), `CrashLoopBackOff` (waiting to start
    /// again), `CreateContainerConfigError` (the pod cannot run here); nil while it runs.
    var waitingReason: String? = "PodInitializing"
    var runningSince: Date?
    /// The last failure of an init step (`fetch-model`), cleared when the steps succeed.
    var initFailure: Termination?
    /// The scorer's last end.
    var lastTermination: Termination?

    /// The pod phase: Pending until the scorer first starts, Running from then on (also while it restarts).
    var phase: String { runningSince == nil && lastTermination == nil ? "Pending" : "Running" }
}
