import APIMachinery
import ServingAPI

/// Everything the server knows about one served resource (one group/version/plural): what discovery says about
/// it, which subresources it has, and, for custom resources, the CRD's schema and printer columns.
struct ResourceInfo: Sendable, Hashable {
    var type: K8s.ResourceType
    var singular: String
    var shortNames: [String] = []
    var categories: [String] = []
    var hasStatus = false
    var scale: ScalePaths?
    /// Pods: `log`, read from where the configured runtime writes them (`PodLog`).
    var hasLog = false
    /// Served from a CustomResourceDefinition (merge patches only, schema validation, printer columns).
    var isCustom = false
    /// The version objects are stored in; a custom resource served at several versions shares one storage.
    var storageVersion: String
    /// The CRD's `openAPIV3Schema` for this version.
    var schema: JSONValue? {
        didSet { compiledSchema = CompiledSchema(schema) }
    }
    /// `schema` as a `StructuralSchema`, built once when the CRD is registered (building one compiles every CEL rule).
    private(set) var compiledSchema: CompiledSchema?
    /// The CRD's `additionalPrinterColumns` for this version.
    var printerColumns: [JSONValue] = []

    struct ScalePaths: Sendable, Hashable {
        var specReplicas: [String]
        var statusReplicas: [String]
        var labelSelector: [String]?
    }

    init(
        _ group: String, _ version: String, _ plural: String, kind: String, singular: String, namespaced: Bool = true,
        shortNames: [String] = [], categories: [String] = [], hasStatus: Bool = false, scale: ScalePaths? = nil,
        hasLog: Bool = false
    ) {
        type = K8s.ResourceType(group: group, version: version, plural: plural, kind: kind, namespaced: namespaced)
        self.singular = singular
        self.shortNames = shortNames
        self.categories = categories
        self.hasStatus = hasStatus
        self.scale = scale
        self.hasLog = hasLog
        storageVersion = version
    }

    /// Set for a resource kept in another's storage (events.k8s.io Events are core Events).
    var sharedStorageKey: String?

    /// Where objects of this resource are kept, whatever version they are served at.
    var storageKey: String { sharedStorageKey ?? "\(type.group)/\(type.plural)" }

    var groupResource: String { type.description }

    /// `metadata.generation` is kept for kinds whose spec and status are written apart, and for custom resources.
    var tracksGeneration: Bool { hasStatus || isCustom }

    var subresourceNames: [String] {
        (hasStatus ? ["status"] : []) + (scale != nil ? ["scale"] : []) + (hasLog ? ["log"] : [])
    }

    static let verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
}

extension ResourceInfo {
    /// The kinds every cluster serves (the ones swiftlet and kubectl use).
    static let builtIns: [ResourceInfo] = [
        ResourceInfo("", "v1", "namespaces", kind: "Namespace", singular: "namespace", namespaced: false, shortNames: ["ns"], hasStatus: true),
        ResourceInfo("", "v1", "configmaps", kind: "ConfigMap", singular: "configmap", shortNames: ["cm"]),
        ResourceInfo("", "v1", "secrets", kind: "Secret", singular: "secret"),
        ResourceInfo("", "v1", "services", kind: "Service", singular: "service", shortNames: ["svc"], categories: ["all"], hasStatus: true),
        ResourceInfo("", "v1", "events", kind: "Event", singular: "event", shortNames: ["ev"]),
        ResourceInfo("", "v1", "pods", kind: "Pod", singular: "pod", shortNames: ["po"], categories: ["all"], hasStatus: true,
            hasLog: true),
        ResourceInfo(
            "apps", "v1", "deployments", kind: "Deployment", singular: "deployment", shortNames: ["deploy"], categories: ["all"],
            hasStatus: true,
            scale: ScalePaths(specReplicas: ["spec", "replicas"], statusReplicas: ["status", "replicas"], labelSelector: nil)),
        ResourceInfo(
            "autoscaling", "v2", "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler", singular: "horizontalpodautoscaler",
            shortNames: ["hpa"], categories: ["all"], hasStatus: true),
        ResourceInfo("policy", "v1", "poddisruptionbudgets", kind: "PodDisruptionBudget", singular: "poddisruptionbudget", shortNames: ["pdb"], hasStatus: true),
        ResourceInfo("coordination.k8s.io", "v1", "leases", kind: "Lease", singular: "lease"),
        ResourceInfo("discovery.k8s.io", "v1", "endpointslices", kind: "EndpointSlice", singular: "endpointslice"),
        {
            var events = ResourceInfo("events.k8s.io", "v1", "events", kind: "Event", singular: "event", shortNames: ["ev"])
            events.sharedStorageKey = "/events"
            return events
        }(),
        ResourceInfo(
            "apiextensions.k8s.io", "v1", "customresourcedefinitions", kind: "CustomResourceDefinition",
            singular: "customresourcedefinition", namespaced: false, shortNames: ["crd", "crds"], categories: ["api-extensions"],
            hasStatus: true),
    ]

    static let namespaces = builtIns[0]
    static let customResourceDefinitions = builtIns[builtIns.count - 1]
}

/// A CRD version's structural schema, compiled once. Equal when the source schemas are (so `ResourceInfo` stays a value).
struct CompiledSchema: Sendable, Hashable {
    let source: JSONValue
    let schema: StructuralSchema

    /// `nil` for no schema, or one the CRD's validation refused (objects of it are then not checked, as before).
    init?(_ source: JSONValue?) {
        guard let source, let schema = try? StructuralSchema(source) else { return nil }
        self.source = source
        self.schema = schema
    }

    static func == (lhs: CompiledSchema, rhs: CompiledSchema) -> Bool { lhs.source == rhs.source }
    func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
