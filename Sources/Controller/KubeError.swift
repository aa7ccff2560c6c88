import ServingAPI

/// The one error type of the Kubernetes client and controller runtime. API errors keep the server's `Status`.
public enum KubeError: Error, Sendable, CustomStringConvertible {
    /// The server answered with a `Status` (404 NotFound, 409 Conflict/AlreadyExists, 410 Gone, 422 Invalid, ...).
    case api(K8s.Status)
    /// No answer: connection refused or reset, TLS failure, timeout.
    case transport(String)
    /// The configuration (kubeconfig, in-cluster files, exec plugin) is unusable.
    case configuration(String)
    /// The server's answer could not be decoded as what was asked for.
    case decoding(String)
    /// A reconcile failure that retrying cannot fix (bad spec, missing prerequisite only a user can add): the
    /// controller does not back off and retry; the key runs again when its object changes.
    case terminal(String)
    /// The controller runtime cannot go on (lost leadership, stopped).
    case runtime(String)

    public var status: K8s.Status? {
        if case .api(let status) = self { return status }
        return nil
    }

    public var isNotFound: Bool { status?.code == 404 }
    public var isConflict: Bool { status?.code == 409 && status?.reason == "Conflict" }
    public var isAlreadyExists: Bool { status?.reason == "AlreadyExists" }
    public var isGone: Bool { status?.code == 410 }

    public var description: String {
        switch self {
        case .api(let status): "Kubernetes API: \(status)"
        case .transport(let message): "Kubernetes API unreachable: \(message)"
        case .configuration(let message): "Kubernetes client configuration: \(message)"
        case .decoding(let message): "Kubernetes API answer not understood: \(message)"
        case .terminal(let message): "not retried: \(message)"
        case .runtime(let message): "controller runtime: \(message)"
        }
    }
}
