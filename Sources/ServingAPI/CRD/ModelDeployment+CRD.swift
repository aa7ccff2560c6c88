extension ModelDeployment {
    /// The CustomResourceDefinition of `ModelDeployment`.
    public static let crd = CustomResourceDefinition(
        resourceType: resourceType, singular: "modeldeployment", shortNames: ["mdep"],
        description: "ModelDeployment is one version of a model served behind a ModelEndpoint: scorer pods, "
            + "their resources and how they scale.",
        spec: spec, status: status,
        rules: [
            .init(
                "self.metadata.name.size() <= 63 && !self.metadata.name.contains('.')",
                message: "metadata.name must be a DNS-1123 label (at most 63 characters, no dots): it names the scorer Service"),
        ],
        printerColumns: [
            .init("Endpoint", type: "string", jsonPath: ".spec.endpoint"),
            .init("Model", type: "string", jsonPath: ".spec.model.ref", description: "The Model served"),
            .init("Ready", type: "integer", jsonPath: ".status.readyReplicas", description: "Ready replicas"),
            .init("Replicas", type: "integer", jsonPath: ".status.replicas"),
            .age,
        ])

    private static func milliseconds(_ description: String, minimum: Int64, defaultValue: Int) -> SchemaNode {
        SchemaNode.integer(description, minimum: minimum, maximum: 3_600_000).defaulting(to: .int(Int64(defaultValue)))
    }

    private static let model = SchemaNode.object(
        "The model to serve: ref (a Model in this namespace) or an inline uri with its format.",
        [
            "ref": .dns1123Subdomain("The name of a Model in this namespace, e.g. mnist-3."),
            "uri": .modelURI,
            "format": .format,
            "sha256": .sha256,
            "entryScript": .entryScript,
        ],
        rules: [
            .init("has(self.ref) != has(self.uri)", message: "exactly one of ref and uri is required"),
            .init(
                "!has(self.ref) || (!has(self.format) && !has(self.sha256) && !has(self.entryScript))",
                message: "with ref, format, sha256 and entryScript come from the Model"),
            .init("!has(self.uri) || has(self.format)", message: "format is required with an inline uri", fieldPath: ".format"),
            .init(
                "!has(self.uri) || (self.format == 'python') == has(self.entryScript)",
                message: "entryScript is required when format is python, and only allowed then",
                fieldPath: ".entryScript"),
        ])

    private static let envVar = SchemaNode.object(
        "An environment variable of the scorer container.",
        [
            "name": .string("The variable's name.", pattern: "^[^=]+$", maxLength: 256),
            "value": .string("The value."),
            "valueFrom": .object(
                "Take the value from a Secret's or a ConfigMap's key.",
                [
                    "secretKeyRef": keySelector("A key of a Secret in this namespace."),
                    "configMapKeyRef": keySelector("A key of a ConfigMap in this namespace."),
                ],
                rules: [
                    .init(
                        "has(self.secretKeyRef) != has(self.configMapKeyRef)",
                        message: "exactly one of secretKeyRef and configMapKeyRef is required"),
                ]),
        ], required: ["name"],
        rules: [.init("!(has(self.value) && has(self.valueFrom))", message: "value and valueFrom are exclusive")])

    private static func keySelector(_ description: String) -> SchemaNode {
        .object(
            description,
            [
                "name": .dns1123Subdomain("The object's name."),
                "key": .string("The key.", minLength: 1, maxLength: 253),
                "optional": .boolean("Start even when the key is missing."),
            ], required: ["name", "key"])
    }

    private static let scorer = SchemaNode.object(
        "The scorer container: image, workers, batching, timeouts and admission limits.",
        [
            "image": .string("The scorer image; defaults to the operator's configured image.", maxLength: 1024),
            "workers": .integer("Python entry scripts: worker processes per pod.", minimum: 1, maximum: 64)
                .defaulting(to: .int(Int64(Scorer.Defaults.workers))),
            "maxBatchSize": .integer("ONNX: the most requests batched into one run.", minimum: 1, maximum: 4096)
                .defaulting(to: .int(Int64(Scorer.Defaults.maxBatchSize))),
            "batchTimeoutMs": milliseconds(
                "ONNX: how long a batch waits to fill, in milliseconds.", minimum: 0,
                defaultValue: Scorer.Defaults.batchTimeoutMs),
            "requestTimeoutMs": milliseconds(
                "A request's time limit in milliseconds (504 beyond).", minimum: 1,
                defaultValue: Scorer.Defaults.requestTimeoutMs),
            "maxConcurrentRequests": .integer(
                "In-flight requests per pod; beyond it requests queue.", minimum: 1, maximum: 100_000
            ).defaulting(to: .int(Int64(Scorer.Defaults.maxConcurrentRequests))),
            "maxQueueWaitMs": milliseconds(
                "How long a request may queue, in milliseconds; beyond it 503 with Retry-After.", minimum: 0,
                defaultValue: Scorer.Defaults.maxQueueWaitMs),
            "env": SchemaNode.array("Environment variables of the scorer.", of: envVar, maxItems: 128)
                .listMap(keys: ["name"]),
        ])

    private static let quantity = SchemaNode.intOrString(
        "A resource quantity, e.g. 500m, 1Gi, 2.",
        pattern: #"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"#)

    private static let resources = SchemaNode.object(
        "Compute resources of each scorer pod.",
        [
            "requests": .map("Requested resources (cpu, memory).", values: quantity),
            "limits": .map("Resource limits (cpu, memory).", values: quantity),
            "accelerator": .object(
                "An accelerator per pod: sets its limit, a toleration and a node selector.",
                [
                    "type": .string("The extended resource, e.g. nvidia.com/gpu.", minLength: 1, maxLength: 253),
                    "count": .integer("How many per pod.", minimum: 1, maximum: 64).defaulting(to: 1),
                ], required: ["type"]),
        ])

    private static let scale = SchemaNode.object(
        "Replicas and autoscaling: on router-measured concurrency or on CPU (a HorizontalPodAutoscaler).",
        [
            "minReplicas": .integer("The fewest replicas; 0 scales to zero behind the router.", minimum: 0, maximum: 1000)
                .defaulting(to: .int(Int64(Scale.Defaults.minReplicas))),
            "maxReplicas": .integer("The most replicas; defaults to minReplicas (no autoscaling).", minimum: 1, maximum: 1000),
            "targetConcurrency": .integer(
                "Autoscale to this many in-flight requests per replica (measured by the router).", minimum: 1,
                maximum: 100_000),
            "targetCPUUtilization": .integer("Autoscale to this average CPU utilization, in percent.", minimum: 1, maximum: 100),
        ],
        rules: [
            .init(
                "!has(self.maxReplicas) || !has(self.minReplicas) || self.maxReplicas >= self.minReplicas",
                message: "maxReplicas must be at least minReplicas", fieldPath: ".maxReplicas"),
            .init(
                "!(has(self.targetConcurrency) && has(self.targetCPUUtilization))",
                message: "targetConcurrency and targetCPUUtilization are exclusive: autoscale on one"),
            .init(
                "!has(self.minReplicas) || self.minReplicas > 0 || !has(self.targetCPUUtilization)",
                message: "minReplicas 0 needs targetConcurrency: CPU autoscaling cannot scale from zero",
                fieldPath: ".minReplicas"),
        ])

    private static let probes = SchemaNode.object(
        "The scorer's health checks.",
        [
            "readinessPath": .string("HTTP path of the readiness probe.", pattern: "^/", maxLength: 1024)
                .defaulting(to: .string(Probes.Defaults.readinessPath)),
            "livenessPath": .string("HTTP path of the liveness probe.", pattern: "^/", maxLength: 1024)
                .defaulting(to: .string(Probes.Defaults.livenessPath)),
            "initialDelaySeconds": .integer("Seconds before the first probe.", minimum: 0, maximum: 3600)
                .defaulting(to: .int(Int64(Probes.Defaults.initialDelaySeconds))),
        ])

    private static let spec = SchemaNode.object(
        "The deployment: its endpoint, model, scorer settings, resources, scaling and probes.",
        [
            "endpoint": .dns1123Label("The ModelEndpoint this deployment serves behind."),
            "model": model,
            "scorer": scorer,
            "resources": resources,
            "scale": scale,
            "probes": probes,
        ], required: ["endpoint", "model"],
        rules: [
            .init(
                "!has(self.scale) || !has(self.scale.targetCPUUtilization) || (has(self.resources) && "
                    + "has(self.resources.requests) && 'cpu' in self.resources.requests)",
                message: "targetCPUUtilization needs resources.requests.cpu: utilization is measured against the request",
                fieldPath: ".resources"),
        ])

    private static let status = SchemaNode.object(
        "What the controller observed: replicas, the model served, the in-cluster URL.",
        [
            "conditions": .conditions,
            "replicas": .integer("Scorer pods.", minimum: 0),
            "readyReplicas": .integer("Scorer pods that are ready.", minimum: 0),
            "model": .object(
                "The model the scorers serve.",
                [
                    "name": .string("The model's name."),
                    "version": .integer("The model's version.", minimum: 0),
                    "sha256": .string("The checksum of the files served."),
                ]),
            "url": .string("The in-cluster scorer Service, e.g. http://mnist-green.default.svc:5001."),
            "observedGeneration": .observedGeneration,
        ])
}
