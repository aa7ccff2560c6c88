extension ModelEndpoint {
    /// The CustomResourceDefinition of `ModelEndpoint`.
    public static let crd = CustomResourceDefinition(
        resourceType: resourceType, singular: "modelendpoint", shortNames: ["mep"],
        description: "ModelEndpoint is the stable scoring URL of a model and the split of its traffic between "
            + "ModelDeployments.",
        spec: spec, status: status,
        rules: [
            .init(
                "self.metadata.name.size() <= 63 && !self.metadata.name.contains('.')",
                message: "metadata.name must be a DNS-1123 label (at most 63 characters, no dots): it is part of the scoring URL"),
        ],
        printerColumns: [
            .init("URL", type: "string", jsonPath: ".status.scoringURI", description: "The scoring URL"),
            .init("Traffic", type: "string", jsonPath: ".status.traffic", description: "The split the router applies"),
            .ready,
            .age,
        ])

    private static func percents(_ description: String, maximum: Int64) -> SchemaNode {
        .map(
            description, values: .integer("A percent.", minimum: 0, maximum: maximum),
            maxProperties: TrafficSplit.maxDeployments)
    }

    private static let spec = SchemaNode.object(
        "The endpoint: authentication, the traffic split, mirroring, stickiness and how it is exposed.",
        [
            "auth": .object(
                "How callers authenticate.",
                [
                    "mode": .enumeration(
                        "none, or key: Authorization: Bearer <key>, keys in the Secret <endpoint>-keys that the "
                            + "controller creates.", Auth.Mode.allCases.map(\.rawValue)
                    ).defaulting(to: .string(Auth.defaultMode.rawValue)),
                ]),
            "traffic": percents(
                "Deployment name -> percent of live traffic; the percents sum to 100, or are all 0 (no live traffic).",
                maximum: 100),
            "mirrorTraffic": percents(
                "Deployment name -> percent of requests also sent to it as a shadow copy (responses discarded); at "
                    + "most 50 each, only for deployments in traffic.", maximum: Int64(TrafficSplit.maxMirrorPercent)),
            "stickyBy": .string(
                "A request header whose value's hash pins a caller to one deployment, e.g. x-user-id.",
                pattern: headerNamePattern, maxLength: 256),
            "gateway": .enumeration(
                "router (the built-in swiftlet router) or gatewayAPI (an HTTPRoute for an existing Gateway).",
                Gateway.allCases.map(\.rawValue)
            ).defaulting(to: .string(Gateway.default.rawValue)),
            "gatewayRef": .object(
                "With gateway gatewayAPI: the Gateway the HTTPRoute attaches to.",
                [
                    "name": .dns1123Subdomain("The Gateway's name."),
                    "namespace": .dns1123Label("The Gateway's namespace; defaults to the endpoint's."),
                    "sectionName": .string("A listener of the Gateway.", maxLength: 253),
                ], required: ["name"]),
        ],
        rules: [
            .init(
                "!has(self.traffic) || self.traffic.map(k, self.traffic[k]).sum() == 100 || "
                    + "self.traffic.all(k, self.traffic[k] == 0)",
                message: "traffic percents must sum to 100 (or all be 0 for no live traffic)", fieldPath: ".traffic"),
            .init(
                "!has(self.mirrorTraffic) || self.mirrorTraffic.all(k, self.mirrorTraffic[k] <= 50)",
                message: "mirrorTraffic percents must be at most 50", fieldPath: ".mirrorTraffic"),
            .init(
                "!has(self.mirrorTraffic) || self.mirrorTraffic.all(k, has(self.traffic) && k in self.traffic)",
                message: "mirrorTraffic may only name deployments that are in traffic", fieldPath: ".mirrorTraffic"),
            .init(
                "has(self.gatewayRef) == (has(self.gateway) && self.gateway == 'gatewayAPI')",
                message: "gatewayRef is required with gateway gatewayAPI, and only allowed then",
                fieldPath: ".gatewayRef"),
        ])

    private static let status = SchemaNode.object(
        "What the router applies and where the endpoint is reached.",
        [
            "conditions": .conditions,
            "scoringURI": .string("The scoring URL, e.g. http://<router>/endpoints/<namespace>/<name>/score."),
            "openapiURI": .string("The OpenAPI document of the scoring route."),
            "traffic": .map("The split the router applies now.", values: .integer("A percent.", minimum: 0, maximum: 100)),
            "mirrorTraffic": .map("The mirroring the router applies now.", values: .integer("A percent.", minimum: 0, maximum: 100)),
            "deployments": .array(
                "The deployments behind the endpoint.",
                of: .object(
                    "A deployment behind the endpoint.",
                    [
                        "name": .string("The ModelDeployment's name."),
                        "ready": .boolean("Whether it has ready replicas."),
                        "model": .string("The Model it serves."),
                        "scalesToZero": .boolean(
                            "Whether it scales to zero: while no pod is ready the router holds its requests until one starts."),
                    ], required: ["name", "ready"])),
            "mirrors": .array(
                "How each mirrored deployment's answers compared with the primary's, summed over the routers running now.",
                of: .object(
                    "One mirrored deployment.",
                    [
                        "deployment": .string("The ModelDeployment that gets the copies."),
                        "compared": .integer("Copies whose answer was compared with the primary's.", minimum: 0),
                        "agreed": .integer("Compared copies whose answer agreed (same status, JSON within 1e-6).", minimum: 0),
                        "agreement": .number("agreed / compared."),
                        "failed": .integer("Copies that got no answer.", minimum: 0),
                        "dropped": .integer("Copies not sent (too many in flight, or too large).", minimum: 0),
                        "latencyDifferenceSeconds": .number("Mean of the mirror's latency minus the primary's."),
                    ], required: ["deployment", "compared", "agreed", "failed", "dropped"])),
            "observedGeneration": .observedGeneration,
        ])
}
