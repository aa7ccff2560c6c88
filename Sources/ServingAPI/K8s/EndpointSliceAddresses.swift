/// What a discovery.k8s.io/v1 EndpointSlice says about where to connect: its `http` port (else its first) and the
/// addresses of its endpoints that are not marked unready (a missing `ready` means ready, as Kubernetes defines it).
public struct EndpointSliceAddresses: Sendable, Equatable {
    public var port: Int
    public var ready: [String]

    public static let serviceNameLabel = "kubernetes.io/service-name"
    public static let resourceType = K8s.ResourceType(
        group: "discovery.k8s.io", version: "v1", plural: "endpointslices", kind: "EndpointSlice", namespaced: true)

    /// `nil` when the slice names no port.
    public init?(_ slice: JSONValue) {
        let ports = slice["ports"]?.arrayValue ?? []
        let chosen = ports.first { $0["name"]?.stringValue == "http" } ?? ports.first
        guard let port = chosen?["port"]?.intValue else { return nil }
        self.port = Int(port)
        ready = (slice["endpoints"]?.arrayValue ?? []).flatMap { endpoint -> [String] in
            guard endpoint[path: ["conditions", "ready"]]?.boolValue != false else { return [] }
            return endpoint["addresses"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
    }

    /// `host:port` for each ready address, IPv6 hosts in brackets.
    public var hostPorts: [String] {
        ready.map { $0.utf8.contains(UInt8(ascii: ":")) ? "[\($0)]:\(port)" : "\($0):\(port)" }
    }
}
