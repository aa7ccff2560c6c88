import ServingAPI

/// The resources served now: the built-in kinds and one entry per served version of every established CRD.
struct ResourceRegistry: Sendable {
    private(set) var resources: [ResourceInfo]

    init(customResourceDefinitions: [JSONValue] = []) {
        resources = ResourceInfo.builtIns
        for crd in customResourceDefinitions { add(crd: crd) }
    }

    func lookup(group: String, version: String, plural: String) -> ResourceInfo? {
        resources.first { $0.type.group == group && $0.type.version == version && $0.type.plural == plural }
    }

    /// The resource at the version objects are stored in, for a storage key (`group/plural`).
    func storageResource(forKey key: String) -> ResourceInfo? {
        resources.first { $0.storageKey == key && $0.type.version == $0.storageVersion }
    }

    /// The resource an ownerReference or an object's `apiVersion`/`kind` names.
    func lookup(apiVersion: String, kind: String) -> ResourceInfo? {
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
        return resources.first { $0.type.group == group && $0.type.version == version && $0.type.kind == kind }
    }

    /// Group versions in discovery order: the legacy core group first, then named groups as first registered.
    var groupVersions: [(group: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for info in resources {
            if versions[info.type.group] == nil { order.append(info.type.group) }
            if !(versions[info.type.group]?.contains(info.type.version) ?? false) {
                versions[info.type.group, default: []].append(info.type.version)
            }
        }
        return order.map { ($0, versions[$0] ?? []) }
    }

    func resources(group: String, version: String) -> [ResourceInfo] {
        resources.filter { $0.type.group == group && $0.type.version == version }
    }

    mutating func add(crd: JSONValue) {
        let infos = Self.infos(fromCRD: crd)
        guard let first = infos.first else { return }
        remove(storageKey: first.storageKey)
        resources.append(contentsOf: infos)
    }

    mutating func remove(storageKey: String) {
        resources.removeAll { $0.isCustom && $0.storageKey == storageKey }
    }

    /// One `ResourceInfo` per served version of a CRD (`spec.group`, `spec.names`, `spec.versions[]`).
    static func infos(fromCRD crd: JSONValue) -> [ResourceInfo] {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue, let names = spec["names"],
            let plural = names["plural"]?.stringValue, let kind = names["kind"]?.stringValue
        else { return [] }
        let versions = spec["versions"]?.arrayValue ?? []
        let storage = versions.first { $0["storage"]?.boolValue == true }?["name"]?.stringValue
        return versions.compactMap { version -> ResourceInfo? in
            guard let name = version["name"]?.stringValue, version["served"]?.boolValue ?? true else { return nil }
            var info = ResourceInfo(
                group, name, plural, kind: kind, singular: names["singular"]?.stringValue ?? kind.lowercased(),
                namespaced: spec["scope"]?.stringValue != "Cluster",
                shortNames: (names["shortNames"]?.arrayValue ?? []).compactMap(\.stringValue),
                categories: (names["categories"]?.arrayValue ?? []).compactMap(\.stringValue),
                hasStatus: version[path: ["subresources", "status"]] != nil, scale: scalePaths(version))
            info.isCustom = true
            info.storageVersion = storage ?? name
            info.schema = version[path: ["schema", "openAPIV3Schema"]]
            info.printerColumns = version["additionalPrinterColumns"]?.arrayValue ?? []
            return info
        }
    }

    private static func scalePaths(_ version: JSONValue) -> ResourceInfo.ScalePaths? {
        guard let scale = version[path: ["subresources", "scale"]],
            let spec = scale["specReplicasPath"]?.stringValue, let status = scale["statusReplicasPath"]?.stringValue
        else { return nil }
        func path(_ text: String) -> [String] { text.split(separator: ".").map(String.init) }
        return ResourceInfo.ScalePaths(
            specReplicas: path(spec), statusReplicas: path(status), labelSelector: scale["labelSelectorPath"]?.stringValue.map(path))
    }
}
