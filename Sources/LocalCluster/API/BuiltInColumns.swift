import ServingAPI

/// The columns the real server prints for the built-in kinds kubectl users look at most, between NAME and AGE.
enum BuiltInColumns {
    struct Column: Sendable {
        var name: String
        var type = "string"
        var cell: @Sendable (JSONValue) -> JSONValue
    }

    static func columns(storageKey: String) -> [Column] {
        switch storageKey {
        case "/namespaces": [Column(name: "Status") { .string($0[path: ["status", "phase"]]?.stringValue ?? "") }]
        case "/configmaps": [Column(name: "Data", type: "integer") { .int(count($0["data"]) + count($0["binaryData"])) }]
        case "/secrets":
            [
                Column(name: "Type") { .string($0["type"]?.stringValue ?? "Opaque") },
                Column(name: "Data", type: "integer") { .int(count($0["data"])) },
            ]
        case "/services": serviceColumns
        case "apps/deployments": deploymentColumns
        case "/pods": podColumns
        case "autoscaling/horizontalpodautoscalers": autoscalerColumns
        case "coordination.k8s.io/leases": [Column(name: "Holder") { .string($0[path: ["spec", "holderIdentity"]]?.stringValue ?? "") }]
        default: []
        }
    }

    private static func count(_ value: JSONValue?) -> Int64 { Int64(value?.objectValue?.count ?? 0) }

    private static func int(_ object: JSONValue, _ path: [String]) -> Int64 { object[path: path]?.intValue ?? 0 }

    private static let serviceColumns: [Column] = [
        Column(name: "Type") { .string($0[path: ["spec", "type"]]?.stringValue ?? "ClusterIP") },
        Column(name: "Cluster-IP") { .string($0[path: ["spec", "clusterIP"]]?.stringValue ?? "<none>") },
        Column(name: "External-IP") { _ in "<none>" },
        Column(name: "Port(s)") { service in
            let ports = (service[path: ["spec", "ports"]]?.arrayValue ?? []).map { port in
                "\(port["port"]?.intValue ?? 0)/\(port["protocol"]?.stringValue ?? "TCP")"
            }
            return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
        },
    ]

    private static let deploymentColumns: [Column] = [
        Column(name: "Ready") { .string("\(int($0, ["status", "readyReplicas"]))/\(int($0, ["spec", "replicas"]))") },
        Column(name: "Up-to-date", type: "integer") { .int(int($0, ["status", "updatedReplicas"])) },
        Column(name: "Available", type: "integer") { .int(int($0, ["status", "availableReplicas"])) },
    ]

    private static let autoscalerColumns: [Column] = [
        Column(name: "Reference") { hpa in
            .string("\(hpa[path: ["spec", "scaleTargetRef", "kind"]]?.stringValue ?? "")/"
                + (hpa[path: ["spec", "scaleTargetRef", "name"]]?.stringValue ?? ""))
        },
        Column(name: "Targets") { hpa in
            // `cpu: 37%/70%` per resource metric, `<unknown>` before a measurement, as kubectl prints it.
            let current = (hpa[path: ["status", "currentMetrics"]]?.arrayValue ?? []).first?[path: ["resource", "current", "averageUtilization"]]
            let targets = (hpa[path: ["spec", "metrics"]]?.arrayValue ?? []).compactMap { metric -> String? in
                guard let name = metric[path: ["resource", "name"]]?.stringValue,
                    let target = metric[path: ["resource", "target", "averageUtilization"]]?.intValue
                else { return nil }
                return "\(name): \(current?.intValue.map { "\($0)%" } ?? "<unknown>")/\(target)%"
            }
            return .string(targets.isEmpty ? "<none>" : targets.joined(separator: ", "))
        },
        Column(name: "MinPods", type: "integer") { .int($0[path: ["spec", "minReplicas"]]?.intValue ?? 1) },
        Column(name: "MaxPods", type: "integer") { .int(int($0, ["spec", "maxReplicas"])) },
        Column(name: "Replicas", type: "integer") { .int(int($0, ["status", "currentReplicas"])) },
    ]

    private static let podColumns: [Column] = [
        Column(name: "Ready") { pod in
            let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
            let total = pod[path: ["spec", "containers"]]?.arrayValue?.count ?? statuses.count
            return .string("\(ready)/\(total)")
        },
        Column(name: "Status") { .string($0[path: ["status", "phase"]]?.stringValue ?? "Pending") },
        Column(name: "Restarts", type: "integer") { pod in
            .int((pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reduce(0) { $0 + ($1["restartCount"]?.intValue ?? 0) })
        },
    ]
}
