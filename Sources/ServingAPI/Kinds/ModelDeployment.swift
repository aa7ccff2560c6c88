/// One version of a model served behind an endpoint: scorer pods, their resources and scaling.
public struct ModelDeployment: ServingResource {
    public static let resourceType = ServingGroup.resourceType(plural: "modeldeployments", kind: "ModelDeployment")

    public var metadata: K8s.ObjectMeta
    public var spec: Spec
    public var status: Status

    public init(metadata: K8s.ObjectMeta, spec: Spec, status: Status = Status()) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        /// The ModelEndpoint it belongs to.
        public var endpoint: String
        public var model: ModelRef
        public var scorer: Scorer?
        public var resources: Resources?
        public var scale: Scale?
        public var probes: Probes?

        public init(
            endpoint: String, model: ModelRef, scorer: Scorer? = nil, resources: Resources? = nil,
            scale: Scale? = nil, probes: Probes? = nil
        ) {
            self.endpoint = endpoint
            self.model = model
            self.scorer = scorer
            self.resources = resources
            self.scale = scale
            self.probes = probes
        }
    }

    /// Either `ref` (a Model in the same namespace) or an inline model (`uri`, `format`, `sha256`, `entryScript`).
    public struct ModelRef: Codable, Sendable, Hashable {
        public var ref: String?
        public var uri: String?
        public var format: ModelFormat?
        public var sha256: String?
        public var entryScript: String?

        public init(
            ref: String? = nil, uri: String? = nil, format: ModelFormat? = nil, sha256: String? = nil,
            entryScript: String? = nil
        ) {
            self.ref = ref
            self.uri = uri
            self.format = format
            self.sha256 = sha256
            self.entryScript = entryScript
        }
    }

    public struct Scorer: Codable, Sendable, Hashable {
        /// Defaults to the operator's configured scorer image.
        public var image: String?
        public var workers: Int?
        public var maxBatchSize: Int?
        public var batchTimeoutMs: Int?
        public var requestTimeoutMs: Int?
        public var maxConcurrentRequests: Int?
        public var maxQueueWaitMs: Int?
        public var env: [K8s.EnvVar]?

        public init(
            image: String? = nil, workers: Int? = nil, maxBatchSize: Int? = nil, batchTimeoutMs: Int? = nil,
            requestTimeoutMs: Int? = nil, maxConcurrentRequests: Int? = nil, maxQueueWaitMs: Int? = nil,
            env: [K8s.EnvVar]? = nil
        ) {
            self.image = image
            self.workers = workers
            self.maxBatchSize = maxBatchSize
            self.batchTimeoutMs = batchTimeoutMs
            self.requestTimeoutMs = requestTimeoutMs
            self.maxConcurrentRequests = maxConcurrentRequests
            self.maxQueueWaitMs = maxQueueWaitMs
            self.env = env
        }

        /// The values the CRD defaults to (and that code uses when a field is absent).
        public enum Defaults {
            public static let workers = 1
            public static let maxBatchSize = 32
            public static let batchTimeoutMs = 2
            public static let requestTimeoutMs = 5000
            public static let maxConcurrentRequests = 64
            public static let maxQueueWaitMs = 500
        }
    }

    public struct Resources: Codable, Sendable, Hashable {
        public var requests: [String: K8s.Quantity]?
        public var limits: [String: K8s.Quantity]?
        public var accelerator: Accelerator?

        public init(
            requests: [String: K8s.Quantity]? = nil, limits: [String: K8s.Quantity]? = nil,
            accelerator: Accelerator? = nil
        ) {
            self.requests = requests
            self.limits = limits
            self.accelerator = accelerator
        }
    }

    /// An extended resource per scorer pod: sets its limit, a toleration and a node selector.
    public struct Accelerator: Codable, Sendable, Hashable {
        /// The extended resource name, e.g. `nvidia.com/gpu`.
        public var type: String
        public var count: Int?

        public init(type: String, count: Int? = nil) {
            self.type = type
            self.count = count
        }
    }

    public struct Scale: Codable, Sendable, Hashable {
        /// 0 allowed: scale to zero behind the router.
        public var minReplicas: Int?
        public var maxReplicas: Int?
        /// In-flight requests per instance, as the router measures them.
        public var targetConcurrency: Int?
        /// Average CPU utilization in percent (a HorizontalPodAutoscaler).
        public var targetCPUUtilization: Int?

        public init(
            minReplicas: Int? = nil, maxReplicas: Int? = nil, targetConcurrency: Int? = nil,
            targetCPUUtilization: Int? = nil
        ) {
            self.minReplicas = minReplicas
            self.maxReplicas = maxReplicas
            self.targetConcurrency = targetConcurrency
            self.targetCPUUtilization = targetCPUUtilization
        }

        public enum Defaults {
            public static let minReplicas = 1
        }
    }

    public struct Probes: Codable, Sendable, Hashable {
        public var readinessPath: String?
        public var livenessPath: String?
        public var initialDelaySeconds: Int?

        public init(readinessPath: String? = nil, livenessPath: String? = nil, initialDelaySeconds: Int? = nil) {
            self.readinessPath = readinessPath
            self.livenessPath = livenessPath
            self.initialDelaySeconds = initialDelaySeconds
        }

        public enum Defaults {
            public static let readinessPath = "/ready"
            public static let livenessPath = "/healthz"
            public static let initialDelaySeconds = 0
        }
    }

    public struct Status: Codable, Sendable, Hashable, EmptyInitializable {
        public init() { self.init(conditions: nil) }

        /// `Available`, `ModelLoaded`, `Progressing`.
        public var conditions: [K8s.Condition]?
        public var replicas: Int?
        public var readyReplicas: Int?
        public var model: ServedModel?
        /// The in-cluster scorer Service, e.g. `http://mnist-green.default.svc:5001`.
        public var url: String?
        public var observedGeneration: Int64?

        public init(
            conditions: [K8s.Condition]? = nil, replicas: Int? = nil, readyReplicas: Int? = nil,
            model: ServedModel? = nil, url: String? = nil, observedGeneration: Int64? = nil
        ) {
            self.conditions = conditions
            self.replicas = replicas
            self.readyReplicas = readyReplicas
            self.model = model
            self.url = url
            self.observedGeneration = observedGeneration
        }
    }

    /// The model the scorers actually serve.
    public struct ServedModel: Codable, Sendable, Hashable {
        public var name: String?
        public var version: Int64?
        public var sha256: String?

        public init(name: String? = nil, version: Int64? = nil, sha256: String? = nil) {
            self.name = name
            self.version = version
            self.sha256 = sha256
        }
    }
}
