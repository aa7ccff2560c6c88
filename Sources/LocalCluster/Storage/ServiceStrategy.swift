import ServingAPI

/// A Service's defaults as the real API gives them: type ClusterIP, sessionAffinity None, TCP ports whose
/// targetPort defaults to the port, and a cluster IP from 10.96.0.0/16 that no other Service holds.
enum ServiceStrategy {
    static func defaulted(_ service: JSONValue, old: JSONValue?, state: ClusterState) -> JSONValue {
        var service = service
        let defaults: [([String], JSONValue)] = [
            (["spec", "type"], "ClusterIP"), (["spec", "sessionAffinity"], "None"),
            (["spec", "internalTrafficPolicy"], "Cluster"),
        ]
        for (path, value) in defaults where service[path: path] == nil { service[path: path] = value }
        if let ports = service[path: ["spec", "ports"]]?.arrayValue {
            service[path: ["spec", "ports"]] = .array(ports.map(defaultedPort))
        }
        if let kept = old?[path: ["spec", "clusterIP"]], service[path: ["spec", "clusterIP"]] == nil {
            service[path: ["spec", "clusterIP"]] = kept
        }
        if service[path: ["spec", "clusterIP"]] == nil, service[path: ["spec", "type"]]?.stringValue != "ExternalName" {
            service[path: ["spec", "clusterIP"]] = .string(freeAddress(state))
        }
        if let address = service[path: ["spec", "clusterIP"]], service[path: ["spec", "clusterIPs"]] == nil {
            service[path: ["spec", "clusterIPs"]] = [address]
        }
        return service
    }

    private static func defaultedPort(_ port: JSONValue) -> JSONValue {
        var port = port
        if port["protocol"] == nil { port["protocol"] = "TCP" }
        if port["targetPort"] == nil { port["targetPort"] = port["port"] }
        return port
    }

    /// The lowest address in 10.96.0.0/16 (after .0.1, the API's own) that no stored Service uses.
    static func freeAddress(_ state: ClusterState) -> String {
        let used = Set((state.objects["/services"] ?? [:]).values.compactMap { $0[path: ["spec", "clusterIP"]]?.stringValue })
        for index in 2..<65_535 {
            let address = "10.96.\(index / 256).\(index % 256)"
            if !used.contains(address) { return address }
        }
        return "None"
    }
}
