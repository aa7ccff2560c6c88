import Foundation
import ServingAPI

/// Where a pod finds its service account (injectable for tests).
public struct InClusterPaths: Sendable, Equatable {
    public var token: String
    public var certificateAuthority: String
    public var namespace: String

    public init(
        token: String = "/var/run/secrets/kubernetes.io/serviceaccount/token",
        certificateAuthority: String = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
        namespace: String = "/var/run/secrets/kubernetes.io/serviceaccount/namespace"
    ) {
        self.token = token
        self.certificateAuthority = certificateAuthority
        self.namespace = namespace
    }
}

extension ClientConfiguration {
    /// The configuration of a pod: `KUBERNETES_SERVICE_HOST`/`_PORT`, the service account's CA and namespace, and
    /// its token as a file (the kubelet rotates it; the client re-reads it).
    public static func inCluster(
        paths: InClusterPaths = InClusterPaths(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KubeError) -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw .configuration("not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        guard FileManager.default.fileExists(atPath: paths.token) else {
            throw .configuration("in-cluster service account token \(paths.token) does not exist")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let namespace = (try? readText(paths.namespace, what: "namespace"))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return ClientConfiguration(
            server: "https://\(hostPart):\(port)",
            certificateAuthorityPEM: Array(try readText(paths.certificateAuthority, what: "service account CA").utf8),
            credentials: .tokenFile(paths.token),
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
    }
}
