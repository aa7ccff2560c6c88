/// One registered model version (the registry). Immutable once created, except `tags` and `description`.
public struct Model: ServingResource {
    public static let resourceType = ServingGroup.resourceType(plural: "models", kind: "Model")

    public var metadata: K8s.ObjectMeta
    public var spec: Spec
    public var status: Status

    public init(metadata: K8s.ObjectMeta, spec: Spec, status: Status = Status()) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        /// The logical name all versions share (`mnist`).
        public var modelName: String
        /// A positive integer.
        public var version: Int64
        public var format: ModelFormat
        /// Informational: scikit-learn, pytorch, tensorflow, xgboost, custom.
        public var framework: String?
        public var uri: String
        public var sha256: String?
        /// Credentials for the store (S3 keys, an HTTP bearer token).
        public var secretRef: K8s.LocalObjectReference?
        public var entryScript: String?
        public var tags: [String: String]?
        public var description: String?

        public init(
            modelName: String, version: Int64, format: ModelFormat, uri: String, framework: String? = nil,
            sha256: String? = nil, secretRef: K8s.LocalObjectReference? = nil, entryScript: String? = nil,
            tags: [String: String]? = nil, description: String? = nil
        ) {
            self.modelName = modelName
            self.version = version
            self.format = format
            self.framework = framework
            self.uri = uri
            self.sha256 = sha256
            self.secretRef = secretRef
            self.entryScript = entryScript
            self.tags = tags
            self.description = description
        }
    }

    public struct Status: Codable, Sendable, Hashable, EmptyInitializable {
        public init() { self.init(conditions: nil) }

        /// `Ready` (reason `Verified`, `ChecksumMismatch`, `FetchFailed`, ...), `InUse`.
        public var conditions: [K8s.Condition]?
        /// ModelDeployments that reference this version; a Model is not deleted while this is not empty.
        public var usedBy: [String]?
        public var observedGeneration: Int64?

        public init(conditions: [K8s.Condition]? = nil, usedBy: [String]? = nil, observedGeneration: Int64? = nil) {
            self.conditions = conditions
            self.usedBy = usedBy
            self.observedGeneration = observedGeneration
        }
    }
}

extension Model.Spec {
    /// Checks the spec (name, version, location, checksum, entry script) and returns the model to load.
    public func validated() throws(ServingAPIError) -> ModelSource {
        try DNS1123.checkLabel(modelName, field: "spec.modelName")
        guard version > 0 else { throw .invalid("spec.version", "\(version): expected a positive integer") }
        return try ModelSource(uri: uri, format: format, sha256: sha256, entryScript: entryScript)
    }
}

extension Model {
    /// The name the convention gives a version: `<modelName>-<version>`.
    public static func conventionalName(modelName: String, version: Int64) -> String { "\(modelName)-\(version)" }

    /// Checks the name and the spec; returns the model to load.
    public func validated() throws(ServingAPIError) -> ModelSource {
        if let name = metadata.name { try DNS1123.checkSubdomain(name, field: "metadata.name") }
        return try spec.validated()
    }
}
