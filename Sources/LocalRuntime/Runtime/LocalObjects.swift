import Foundation
import ServingAPI

/// A replica as the supervisor last saw it.
struct ReplicaSnapshot: Equatable, Sendable {
    var name: String
    var templateHash: String
    var created: Date
    var status: ReplicaStatus
}

/// What the local runtime writes to the API about a scorer Deployment, as pure functions of the Deployment and its
/// replicas: one Pod per replica, one EndpointSlice per replica (each replica has its own port, and a slice's ports
/// apply to all of its endpoints), and the Deployment's status.
enum LocalObjects {
    static let sliceType = EndpointSliceAddresses.resourceType
    static let podType = K8s.ResourceType(group: "", version: "v1", plural: "pods", kind: "Pod", namespaced: true)
    /// Marks what the local runtime made (as the real EndpointSlice controller marks its slices).
    static let managedByLabel = "endpointslice.kubernetes.io/managed-by"
    static let managedByValue = "local-runtime.swiftlet.dev"
    static let podTemplateHashLabel = "pod-template-hash"
    static let fieldManager = "swiftlet-local-runtime"
    static let nodeName = "swiftlet-local"

    static func ownerReference(_ deployment: JSONValue, controller: Bool) -> JSONValue {
        K8s.OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: deployment.name ?? "",
            uid: deployment.uid ?? "", controller: controller, blockOwnerDeletion: false).json
    }

    // MARK: EndpointSlice

    /// The replica's slice, labelled like the scorer Service's slices in a cluster (the Service's labels, and
    /// `kubernetes.io/service-name`: the Service has the Deployment's name); nil before it has a port.
    static func slice(_ replica: ReplicaSnapshot, of deployment: JSONValue) -> JSONValue? {
        guard let port = replica.status.port else { return nil }
        var labels = deployment.labels
        labels["kubernetes.io/service-name"] = deployment.name ?? ""
        labels[managedByLabel] = managedByValue
        let ready = JSONValue.bool(replica.status.ready)
        return [
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": [
                "name": .string(replica.name), "namespace": .string(deployment.namespace ?? "default"),
                "labels": .object(labels.mapValues(JSONValue.string)),
                "ownerReferences": [ownerReference(deployment, controller: false)],
            ],
            "addressType": "IPv4",
            "endpoints": [[
                "addresses": ["127.0.0.1"],
                "conditions": ["ready": ready, "serving": ready, "terminating": false],
                "nodeName": .string(nodeName),
                "targetRef": ["kind": "Pod", "namespace": .string(deployment.namespace ?? "default"),
                    "name": .string(replica.name)],
            ]],
            "ports": [["name": "http", "port": .int(Int64(port)), "protocol": "TCP"]],
        ]
    }

    // MARK: Pod

    /// The replica's Pod: the template with the runtime's node, its labels plus the template hash.
    static func pod(_ replica: ReplicaSnapshot, of deployment: JSONValue) -> JSONValue {
        let template = deployment[path: ["spec", "template"]] ?? [:]
        var labels = template.labels
        labels[podTemplateHashLabel] = replica.templateHash
        var spec = template["spec"] ?? [:]
        spec["nodeName"] = .string(nodeName)
        var metadata: JSONValue = [
            "name": .string(replica.name), "namespace": .string(deployment.namespace ?? "default"),
            "labels": .object(labels.mapValues(JSONValue.string)),
            "ownerReferences": [ownerReference(deployment, controller: true)],
        ]
        if let annotations = template[path: ["metadata", "annotations"]] { metadata["annotations"] = annotations }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec]
    }

    static func podStatus(_ replica: ReplicaSnapshot, template: JSONValue) -> JSONValue {
        let status = replica.status
        let initialized = status.initFailure == nil && status.waitingReason != "PodInitializing"
        func condition(_ type: String, _ value: Bool) -> JSONValue {
            ["type": .string(type), "status": value ? "True" : "False"]
        }
        var result: JSONValue = [
            "phase": .string(status.phase),
            "hostIP": "127.0.0.1", "podIP": "127.0.0.1", "podIPs": [["ip": "127.0.0.1"]],
            "startTime": .string(timestamp(replica.created)),
            "conditions": [
                condition("PodScheduled", true), condition("Initialized", initialized),
                condition("ContainersReady", status.ready), condition("Ready", status.ready),
            ],
        ]
        let initNames = (template[path: ["spec", "initContainers"]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        result["initContainerStatuses"] = .array(initNames.map { name in
            var entry: JSONValue = ["name": .string(name), "ready": .bool(initialized), "restartCount": .int(Int64(status.restarts)),
                "image": "swiftlet", "imageID": ""]
            if let failure = status.initFailure, failure.container == name {
                entry["state"] = ["waiting": ["reason": .string(status.waitingReason ?? "CrashLoopBackOff")]]
                entry["lastState"] = ["terminated": terminated(failure)]
            } else if initialized {
                entry["state"] = ["terminated": ["exitCode": 0, "reason": "Completed"]]
            } else {
                entry["state"] = ["running": [:]]
            }
            return entry
        })
        let main = template[path: ["spec", "containers"]]?.arrayValue?.first?["name"]?.stringValue ?? "scorer"
        var container: JSONValue = ["name": .string(main), "ready": .bool(status.ready),
            "restartCount": .int(Int64(status.restarts)), "started": .bool(status.runningSince != nil),
            "image": "swiftlet", "imageID": ""]
        if let since = status.runningSince {
            container["state"] = ["running": ["startedAt": .string(timestamp(since))]]
        } else {
            container["state"] = ["waiting": ["reason": .string(status.waitingReason ?? "PodInitializing")]]
        }
        if let last = status.lastTermination { container["lastState"] = ["terminated": terminated(last)] }
        result["containerStatuses"] = [container]
        return result
    }

    private static func terminated(_ termination: ReplicaStatus.Termination) -> JSONValue {
        ["exitCode": .int(Int64(termination.exitCode)), "reason": termination.exitCode == 0 ? "Completed" : "Error",
         "message": .string(termination.message), "finishedAt": .string(timestamp(termination.finishedAt))]
    }

    // MARK: Deployment status

    /// The Deployment's status: counts of replicas, updated (current template), ready; `Available` once the wanted
    /// count is ready, `Progressing` while older replicas remain. Conditions keep their times unless they change.
    static func deploymentStatus(_ deployment: JSONValue, replicas: [ReplicaSnapshot], currentHash: String, now: Date)
        -> JSONValue
    {
        let wanted = Int(deployment[path: ["spec", "replicas"]]?.intValue ?? 1)
        let ready = replicas.filter(\.status.ready).count
        let updated = replicas.filter { $0.templateHash == currentHash }.count
        let previous = deployment[path: ["status", "conditions"]]?.arrayValue ?? []
        func condition(_ type: String, _ value: Bool, _ reason: String, _ message: String) -> JSONValue {
            let status: JSONValue = value ? "True" : "False"
            let old = previous.first { $0["type"]?.stringValue == type }
            let since = old?["status"] == status ? old?["lastTransitionTime"] ?? .string(timestamp(now)) : .string(timestamp(now))
            return ["type": .string(type), "status": status, "reason": .string(reason), "message": .string(message),
                "lastTransitionTime": since, "lastUpdateTime": since]
        }
        let name = deployment.name ?? ""
        let rolledOut = updated == wanted && replicas.count == wanted && ready >= wanted
        return [
            "observedGeneration": .int(deployment.generation ?? 1),
            "replicas": .int(Int64(replicas.count)),
            "updatedReplicas": .int(Int64(updated)),
            "readyReplicas": .int(Int64(ready)),
            "availableReplicas": .int(Int64(ready)),
            "unavailableReplicas": .int(Int64(max(0, wanted - ready))),
            "conditions": [
                ready >= wanted
                    ? condition("Available", true, "MinimumReplicasAvailable", "Deployment has minimum availability.")
                    : condition("Available", false, "MinimumReplicasUnavailable",
                        "Deployment does not have minimum availability (\(ready) of \(wanted) ready)."),
                rolledOut
                    ? condition("Progressing", true, "NewReplicaSetAvailable", "\"\(name)\" has successfully progressed.")
                    : condition("Progressing", true, "ReplicaSetUpdated", "\"\(name)\" is progressing."),
            ],
        ]
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
