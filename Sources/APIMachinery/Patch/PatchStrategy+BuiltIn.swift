import ServingAPI

/// The `patchStrategy`/`patchMergeKey` and `listType`/`listMapKey` markers of the built-in kinds (k8s.io/api),
/// for the fields that have them. Everything unnamed merges as a map or is replaced as an atomic list.
extension PatchStrategy {
    /// The built-in kind's rules (the core group is `""`, `"core"` is accepted too). Any other kind, custom
    /// resources included, gets only ObjectMeta's (finalizers a set, ownerReferences keyed by uid).
    public static func forKind(group: String, kind: String) -> PatchStrategy {
        let group = group == "core" ? "" : group
        var rules = objectMeta(at: "metadata")
        let add = { (more: [String: Rule]) in rules.merge(more) { _, new in new } }
        switch (group, kind) {
        case ("", "Pod"):
            add(podSpec(at: "spec"))
            add(podStatus(at: "status"))
        case ("", "PodTemplate"):
            add(podTemplate(at: "template"))
        case ("", "ReplicationController"):
            add(podTemplate(at: "spec.template"))
            add(conditions(at: "status.conditions"))
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "DaemonSet"), ("apps", "StatefulSet"):
            add(podTemplate(at: "spec.template"))
            rules["spec.selector"] = .atomic
            add(conditions(at: "status.conditions"))
        case ("batch", "Job"):
            add(podTemplate(at: "spec.template"))
            rules["spec.selector"] = .atomic
            rules["status.conditions"] = .keyedPatchOnly("type")
        case ("batch", "CronJob"):
            add(objectMeta(at: "spec.jobTemplate.metadata"))
            add(podTemplate(at: "spec.jobTemplate.spec.template"))
            rules["spec.jobTemplate.spec.selector"] = .atomic
        case ("", "Service"):
            rules["spec.ports"] = .keyed("port", applyKeys: ["port", "protocol"], defaults: ["protocol": "TCP"])
            rules["spec.selector"] = .atomic
            add(conditions(at: "status.conditions"))
        case ("", "Namespace"), ("", "Node"):
            add(conditions(at: "status.conditions"))
        case ("", "PersistentVolumeClaim"):
            rules["spec.selector"] = .atomic
            add(conditions(at: "status.conditions"))
        case ("", "ServiceAccount"):
            rules["secrets"] = .keyedPatchOnly("name")
        case ("autoscaling", "HorizontalPodAutoscaler"):
            add(conditions(at: "status.conditions"))
        case ("policy", "PodDisruptionBudget"):
            rules["spec.selector"] = .atomic
            add(conditions(at: "status.conditions"))
        default:
            // ConfigMap, Secret, Lease, EndpointSlice (endpoints and ports atomic), Event, Endpoints and the
            // rest: plain maps and atomic lists.
            break
        }
        return PatchStrategy(rules: rules)
    }

    private static func conditions(at path: String) -> [String: Rule] { [path: .keyed("type")] }

    private static func objectMeta(at path: String) -> [String: Rule] {
        ["\(path).finalizers": .set, "\(path).ownerReferences": .keyed("uid", atomicElements: true)]
    }

    private static func podTemplate(at path: String) -> [String: Rule] {
        objectMeta(at: "\(path).metadata").merging(podSpec(at: "\(path).spec")) { _, new in new }
    }

    private static func podSpec(at path: String) -> [String: Rule] {
        var rules: [String: Rule] = [
            "\(path).volumes": .keyed("name"),
            "\(path).imagePullSecrets": .keyed("name", atomicElements: true),
            "\(path).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution": .atomic,
            "\(path).topologySpreadConstraints.labelSelector": .atomic,
            "\(path).hostAliases": .keyed("ip"),
            "\(path).schedulingGates": .keyed("name"),
            "\(path).resourceClaims": .keyed("name"),
            "\(path).topologySpreadConstraints": .keyed(
                "topologyKey", applyKeys: ["topologyKey", "whenUnsatisfiable"]),
        ]
        for containers in ["containers", "initContainers", "ephemeralContainers"] {
            let list = "\(path).\(containers)"
            rules[list] = .keyed("name")
            rules["\(list).ports"] = .keyed(
                "containerPort", applyKeys: ["containerPort", "protocol"], defaults: ["protocol": "TCP"])
            rules["\(list).env"] = .keyed("name")
            rules["\(list).volumeMounts"] = .keyed("mountPath")
            rules["\(list).volumeDevices"] = .keyed("devicePath")
        }
        return rules
    }

    private static func podStatus(at path: String) -> [String: Rule] {
        [
            "\(path).conditions": .keyed("type"),
            "\(path).podIPs": .keyed("ip"),
            "\(path).hostIPs": .keyed("ip"),
        ]
    }
}
