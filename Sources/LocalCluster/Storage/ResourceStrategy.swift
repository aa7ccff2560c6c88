import ServingAPI

/// What particular kinds do on create and update beyond the generic metadata rules (the real server's
/// per-kind strategies and defaulting): namespaces start Active, deployments get their defaults, CRDs get their
/// names accepted and established at once.
enum ResourceStrategy {
    static func prepareForCreate(_ object: JSONValue, _ info: ResourceInfo, _ transaction: StoreTransaction) throws(APIServerError)
        -> JSONValue
    {
        var object = object
        switch info.storageKey {
        case ResourceInfo.namespaces.storageKey:
            object[path: ["spec", "finalizers"]] = ["kubernetes"]
            object["status"] = ["phase": "Active"]
            var labels = object.labels
            labels["kubernetes.io/metadata.name"] = object.name
            object.labels = labels
        case "apps/deployments":
            object = defaultDeployment(object)
        case "/services":
            object = ServiceStrategy.defaulted(object, old: nil, state: transaction.state)
        case ResourceInfo.customResourceDefinitions.storageKey:
            try CRDStrategy.checkNames(object, registry: transaction.registry)
            object = CRDStrategy.defaulted(object)
            if !object.finalizers.contains(GarbageCollector.crdCleanupFinalizer) {
                object.finalizers = object.finalizers + [GarbageCollector.crdCleanupFinalizer]
            }
            object["status"] = CRDStrategy.status(for: object, old: nil, now: transaction.timestamp)
        default: break
        }
        return object
    }

    static func prepareForUpdate(
        _ object: JSONValue, old: JSONValue, _ info: ResourceInfo, _ transaction: StoreTransaction
    ) throws(APIServerError) -> JSONValue {
        var object = object
        switch info.storageKey {
        case ResourceInfo.namespaces.storageKey:
            var labels = object.labels
            labels["kubernetes.io/metadata.name"] = object.name
            object.labels = labels
            if object[path: ["spec", "finalizers"]] == nil { object[path: ["spec", "finalizers"]] = old[path: ["spec", "finalizers"]] }
        case "apps/deployments":
            object = defaultDeployment(object)
        case "/services":
            object = ServiceStrategy.defaulted(object, old: old, state: transaction.state)
        case ResourceInfo.customResourceDefinitions.storageKey:
            let causes = CRDStrategy.versionCauses(object[path: ["spec", "versions"]]?.arrayValue ?? [])
            if !causes.isEmpty { throw .invalid(info.type, name: object.name ?? "", causes: causes) }
            object = CRDStrategy.defaulted(object)
            object["status"] = CRDStrategy.status(for: object, old: old, now: nil)
        default: break
        }
        return object
    }

    /// The defaults the apps/v1 API gives a Deployment's spec.
    static func defaultDeployment(_ object: JSONValue) -> JSONValue {
        var object = object
        let defaults: [([String], JSONValue)] = [
            (["spec", "replicas"], 1),
            (["spec", "revisionHistoryLimit"], 10),
            (["spec", "progressDeadlineSeconds"], 600),
            (["spec", "strategy", "type"], "RollingUpdate"),
        ]
        for (path, value) in defaults where object[path: path] == nil { object[path: path] = value }
        if object[path: ["spec", "strategy", "type"]]?.stringValue == "RollingUpdate",
            object[path: ["spec", "strategy", "rollingUpdate"]] == nil
        {
            object[path: ["spec", "strategy", "rollingUpdate"]] = ["maxSurge": "25%", "maxUnavailable": "25%"]
        }
        return object
    }
}
