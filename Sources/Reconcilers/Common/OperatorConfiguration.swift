import ServingAPI

/// What `swiftlet controller` is told: the defaults it fills in and the modes it runs in.
public struct OperatorConfiguration: Sendable, Hashable {
    /// The scorer image of ModelDeployments that name none.
    public var scorerImage: String
    /// Where clients reach the router (or the gateway): endpoints' `status.scoringURI` starts with it.
    public var publicURL: String
    /// Whether endpoints with `gateway: gatewayAPI` get an HTTPRoute (the cluster must serve Gateway API).
    public var gatewayAPI: Bool
    /// Whether a concurrency autoscaler runs beside the controller (`swiftlet up`'s): it then owns the replica count
    /// of deployments with `scale.targetConcurrency`, and the controller leaves it unset, as it does for an HPA's.
    /// Without one, such deployments run `minReplicas`.
    public var concurrencyAutoscaler: Bool

    public static let defaultScorerImage = "ghcr.io/swiftlet/swiftlet:0.1.0"
    public static let defaultPublicURL = "http://swiftlet-router.swiftlet-system.svc:8080"

    public init(
        scorerImage: String = defaultScorerImage, publicURL: String = defaultPublicURL, gatewayAPI: Bool = false,
        concurrencyAutoscaler: Bool = false
    ) {
        self.scorerImage = scorerImage
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.gatewayAPI = gatewayAPI
        self.concurrencyAutoscaler = concurrencyAutoscaler
    }
}

/// The names the operator writes on what it creates.
public enum ServingLabels {
    public static let managedBy = "app.kubernetes.io/managed-by"
    public static let managedByValue = "swiftlet"
    public static let component = "app.kubernetes.io/component"
    public static let endpoint = "serving.swiftlet.dev/endpoint"
    public static let deployment = "serving.swiftlet.dev/deployment"
    /// On the scorer pod template: a digest of the model it loads, so a new model rolls the pods.
    public static let modelDigest = "serving.swiftlet.dev/model-digest"
    /// The field manager of every write the controller makes.
    public static let fieldManager = "swiftlet-controller"
    /// Holds a Model while ModelDeployments use it.
    public static let inUseFinalizer = "serving.swiftlet.dev/in-use"
    /// The port scorers listen on, and their Services expose.
    public static let scorerPort: Int64 = 5001
    /// Selects what belongs to scorers: their Deployments, Services, pods (and the Services' EndpointSlices).
    public static let scorers = LabelSelector(matchLabels: [managedBy: managedByValue, component: "scorer"])
}
