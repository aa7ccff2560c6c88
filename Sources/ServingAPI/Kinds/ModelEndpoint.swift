/// The stable scoring URL of a model and the split of its traffic between ModelDeployments.
public struct ModelEndpoint: ServingResource {
    public static let resourceType = ServingGroup.resourceType(plural: "modelendpoints", kind: "ModelEndpoint")

    public var metadata: K8s.ObjectMeta
    public var spec: Spec
    public var status: Status

    public init(metadata: K8s.ObjectMeta, spec: Spec = Spec(), status: Status = Status()) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var auth: Auth?
        /// Deployment name → percent; the percents sum to 100, or are all 0 (no live traffic).
        public var traffic: [String: Int]?
        /// Deployment name → percent of requests copied to it (responses discarded); at most 50 each.
        public var mirrorTraffic: [String: Int]?
        /// A request header whose hash pins a caller to one deployment.
        public var stickyBy: String?
        public var gateway: Gateway?
        /// The Gateway API `Gateway` the HTTPRoute attaches to, when `gateway` is `gatewayAPI`.
        public var gatewayRef: GatewayRef?

        public init(
            auth: Auth? = nil, traffic: [String: Int]? = nil, mirrorTraffic: [String: Int]? = nil,
            stickyBy: String? = nil, gateway: Gateway? = nil, gatewayRef: GatewayRef? = nil
        ) {
            self.auth = auth
            self.traffic = traffic
            self.mirrorTraffic = mirrorTraffic
            self.stickyBy = stickyBy
            self.gateway = gateway
            self.gatewayRef = gatewayRef
        }
    }

    public struct Auth: Codable, Sendable, Hashable {
        public enum Mode: String, Codable, Sendable, Hashable, CaseIterable {
            /// Anyone who reaches the router may score.
            case none
            /// `Authorization: Bearer <key>`, keys in the Secret `<endpoint>-keys` the controller creates.
            case key
        }

        public var mode: Mode?

        public init(mode: Mode? = nil) { self.mode = mode }

        public static let defaultMode = Mode.key
    }

    public enum Gateway: String, Codable, Sendable, Hashable, CaseIterable {
        /// The built-in swiftlet router.
        case router
        /// An HTTPRoute for an existing Gateway API gateway (`gatewayRef`).
        case gatewayAPI

        public static let `default` = Gateway.router
    }

    public struct GatewayRef: Codable, Sendable, Hashable {
        public var name: String
        /// Defaults to the endpoint's namespace.
        public var namespace: String?
        public var sectionName: String?

        public init(name: String, namespace: String? = nil, sectionName: String? = nil) {
            self.name = name
            self.namespace = namespace
            self.sectionName = sectionName
        }
    }

    public struct Status: Codable, Sendable, Hashable, EmptyInitializable {
        public init() { self.init(conditions: nil) }

        /// `Ready`, `TrafficApplied`.
        public var conditions: [K8s.Condition]?
        public var scoringURI: String?
        public var openapiURI: String?
        /// The split the router applies now.
        public var traffic: [String: Int]?
        public var mirrorTraffic: [String: Int]?
        public var deployments: [DeploymentStatus]?
        /// How each mirrored deployment's answers compared with the primary's, as the routers counted them.
        public var mirrors: [MirrorComparison]?
        public var observedGeneration: Int64?

        public init(
            conditions: [K8s.Condition]? = nil, scoringURI: String? = nil, openapiURI: String? = nil,
            traffic: [String: Int]? = nil, mirrorTraffic: [String: Int]? = nil,
            deployments: [DeploymentStatus]? = nil, mirrors: [MirrorComparison]? = nil, observedGeneration: Int64? = nil
        ) {
            self.conditions = conditions
            self.scoringURI = scoringURI
            self.openapiURI = openapiURI
            self.traffic = traffic
            self.mirrorTraffic = mirrorTraffic
            self.deployments = deployments
            self.mirrors = mirrors
            self.observedGeneration = observedGeneration
        }
    }

    /// One mirrored deployment's copies, summed over the routers running now (each counts from its start): compared
    /// with the primary's answer (same status, JSON equal within 1e-6) or not, and how much slower the mirror was.
    public struct MirrorComparison: Codable, Sendable, Hashable {
        public var deployment: String
        /// Copies whose answer was compared with the primary's.
        public var compared: Int
        public var agreed: Int
        /// `agreed / compared`; absent before the first comparison.
        public var agreement: Double?
        /// Copies that got no answer (an error, a timeout, no ready pod).
        public var failed: Int
        /// Copies not sent: too many in flight, or a request too large to hold.
        public var dropped: Int
        /// The mean of the mirror's latency minus the primary's, in seconds (positive: the mirror is slower).
        public var latencyDifferenceSeconds: Double?

        public init(
            deployment: String, compared: Int, agreed: Int, agreement: Double? = nil, failed: Int = 0, dropped: Int = 0,
            latencyDifferenceSeconds: Double? = nil
        ) {
            self.deployment = deployment
            self.compared = compared
            self.agreed = agreed
            self.agreement = agreement
            self.failed = failed
            self.dropped = dropped
            self.latencyDifferenceSeconds = latencyDifferenceSeconds
        }
    }

    /// One deployment behind the endpoint, as the status reports it.
    public struct DeploymentStatus: Codable, Sendable, Hashable {
        public var name: String
        public var ready: Bool
        /// The Model it serves (its name), when it references one.
        public var model: String?
        /// Whether it scales to zero (`scale.minReplicas: 0`): while it has no ready pod, the router holds its
        /// requests until one starts, instead of refusing them. Absent when it does not.
        public var scalesToZero: Bool?

        public init(name: String, ready: Bool, model: String? = nil, scalesToZero: Bool? = nil) {
            self.name = name
            self.ready = ready
            self.model = model
            self.scalesToZero = scalesToZero
        }
    }
}

extension ModelEndpoint {
    /// Checks the name, the split and the gateway settings; returns the validated split.
    public func validated() throws(ServingAPIError) -> TrafficSplit {
        if let name = metadata.name { try DNS1123.checkLabel(name, field: "metadata.name") }
        if let stickyBy = spec.stickyBy, !ModelEndpoint.isHeaderName(stickyBy) {
            throw .invalid("spec.stickyBy", "\"\(stickyBy)\": expected an HTTP header name (letters, digits, '-')")
        }
        switch (spec.gateway ?? .default, spec.gatewayRef) {
        case (.gatewayAPI, nil):
            throw .invalid("spec.gatewayRef", "required when gateway is gatewayAPI: the Gateway to attach to")
        case (.router, .some):
            throw .invalid("spec.gatewayRef", "only used when gateway is gatewayAPI")
        default:
            break
        }
        return try TrafficSplit(traffic: spec.traffic ?? [:], mirror: spec.mirrorTraffic ?? [:])
    }

    public static let headerNamePattern = "^[A-Za-z0-9][-A-Za-z0-9]*$"

    static func isHeaderName(_ text: String) -> Bool {
        guard let first = text.first, first != "-" else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }
}
