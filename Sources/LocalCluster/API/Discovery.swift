import ServingAPI

/// The discovery documents: `/version`, `/api`, `/apis`, `/apis/{group}`, the resource lists per group version,
/// and the aggregated form (apidiscovery.k8s.io/v2) that kubectl asks for first.
enum Discovery {
    static let version: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0-swiftlet", "gitCommit": "", "gitTreeState": "clean",
        "buildDate": "2026-01-01T00:00:00Z", "goVersion": "swift", "compiler": "swiftc", "platform": "linux/amd64",
    ]

    static let aggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    static func respond(_ request: APIRequest, registry: ResourceRegistry, accept: String) throws(APIServerError) -> APIResponse {
        let aggregated = wantsAggregated(accept)
        switch request {
        case .coreVersions:
            if aggregated { return aggregatedList(registry, core: true) }
            return .json(["kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []])
        case .groups:
            if aggregated { return aggregatedList(registry, core: false) }
            let groups = registry.groupVersions.filter { !$0.group.isEmpty }.map { group(name: $0.group, versions: $0.versions) }
            return .json(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)])
        case .group(let name):
            guard let entry = registry.groupVersions.first(where: { $0.group == name && !name.isEmpty }) else { throw .pathNotFound() }
            var value = group(name: entry.group, versions: entry.versions)
            value["kind"] = "APIGroup"
            value["apiVersion"] = "v1"
            return .json(value)
        case .resourceList(let group, let version):
            let resources = registry.resources(group: group, version: version)
            guard !resources.isEmpty else { throw .pathNotFound() }
            return .json([
                "kind": "APIResourceList", "apiVersion": "v1",
                "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
                "resources": .array(resources.flatMap(apiResources)),
            ])
        default: throw .pathNotFound()
        }
    }

    /// The first media type kubectl lists is the aggregated v2 document.
    static func wantsAggregated(_ accept: String) -> Bool {
        guard let first = accept.split(separator: ",").first else { return false }
        return first.contains("as=APIGroupDiscoveryList") && first.contains("v=v2") && !first.contains("v=v2beta1")
    }

    private static func group(name: String, versions: [String]) -> JSONValue {
        let list: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return ["name": .string(name), "versions": .array(list), "preferredVersion": list.first ?? [:]]
    }

    private static func apiResources(_ info: ResourceInfo) -> [JSONValue] {
        var main: JSONValue = [
            "name": .string(info.type.plural), "singularName": .string(info.singular), "namespaced": .bool(info.type.namespaced),
            "kind": .string(info.type.kind), "verbs": .array(ResourceInfo.verbs.map(JSONValue.string)),
        ]
        if !info.shortNames.isEmpty { main["shortNames"] = .array(info.shortNames.map(JSONValue.string)) }
        if !info.categories.isEmpty { main["categories"] = .array(info.categories.map(JSONValue.string)) }
        var list = [main]
        if info.hasStatus {
            list.append([
                "name": .string(info.type.plural + "/status"), "singularName": "", "namespaced": .bool(info.type.namespaced),
                "kind": .string(info.type.kind), "verbs": ["get", "patch", "update"],
            ])
        }
        if info.hasLog {
            list.append([
                "name": .string(info.type.plural + "/log"), "singularName": "", "namespaced": .bool(info.type.namespaced),
                "kind": .string(info.type.kind), "verbs": ["get"],
            ])
        }
        if info.scale != nil {
            list.append([
                "name": .string(info.type.plural + "/scale"), "singularName": "", "namespaced": .bool(info.type.namespaced),
                "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"],
            ])
        }
        return list
    }

    private static func aggregatedList(_ registry: ResourceRegistry, core: Bool) -> APIResponse {
        let groups = registry.groupVersions.filter { $0.group.isEmpty == core }
        let items: [JSONValue] = groups.map { entry in
            let versions: [JSONValue] = entry.versions.map { version in
                [
                    "version": .string(version), "freshness": "Current",
                    "resources": .array(registry.resources(group: entry.group, version: version).map(aggregatedResource)),
                ]
            }
            return ["metadata": ["name": .string(entry.group), "creationTimestamp": nil], "versions": .array(versions)]
        }
        let list: JSONValue = [
            "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:], "items": .array(items),
        ]
        return .body(status: 200, contentType: aggregatedContentType, bytes: list.serialized())
    }

    private static func aggregatedResource(_ info: ResourceInfo) -> JSONValue {
        let kind: JSONValue = ["group": .string(info.type.group), "version": .string(info.type.version), "kind": .string(info.type.kind)]
        var resource: JSONValue = [
            "resource": .string(info.type.plural), "responseKind": kind, "scope": info.type.namespaced ? "Namespaced" : "Cluster",
            "singularResource": .string(info.singular), "verbs": .array(ResourceInfo.verbs.map(JSONValue.string)),
        ]
        if !info.shortNames.isEmpty { resource["shortNames"] = .array(info.shortNames.map(JSONValue.string)) }
        if !info.categories.isEmpty { resource["categories"] = .array(info.categories.map(JSONValue.string)) }
        var subresources: [JSONValue] = []
        if info.hasStatus { subresources.append(["subresource": "status", "responseKind": kind, "verbs": ["get", "patch", "update"]]) }
        if info.scale != nil {
            subresources.append([
                "subresource": "scale", "responseKind": ["group": "autoscaling", "version": "v1", "kind": "Scale"],
                "verbs": ["get", "patch", "update"],
            ])
        }
        if !subresources.isEmpty { resource["subresources"] = .array(subresources) }
        return resource
    }
}
