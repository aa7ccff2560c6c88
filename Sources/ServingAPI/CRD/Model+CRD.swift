extension Model {
    /// The CustomResourceDefinition of `Model`.
    public static let crd = CustomResourceDefinition(
        resourceType: resourceType, singular: "model", shortNames: ["mdl"],
        description: "Model is one registered version of a model (the registry): where its files are, their "
            + "format and checksum. It is immutable once created, except tags and description.",
        spec: spec, status: status, rules: [],
        printerColumns: [
            .init("Model", type: "string", jsonPath: ".spec.modelName", description: "The logical model name"),
            .init("Version", type: "integer", jsonPath: ".spec.version"),
            .init("Format", type: "string", jsonPath: ".spec.format"),
            .ready,
            .age,
        ])

    static let immutableFields: [(String, optional: Bool)] = [
        ("modelName", false), ("version", false), ("format", false), ("uri", false), ("framework", true),
        ("sha256", true), ("secretRef", true), ("entryScript", true),
    ]

    private static let spec = SchemaNode.object(
        "The model version: name, version, location, format.",
        [
            "modelName": .dns1123Label("The logical name all versions of the model share, e.g. mnist."),
            "version": .integer("The version: a positive integer. Convention: name the Model <modelName>-<version>.", minimum: 1),
            "format": .format,
            "framework": .string(
                "Informational: scikit-learn, pytorch, tensorflow, xgboost, custom.", maxLength: 63),
            "uri": .modelURI,
            "sha256": .sha256,
            "secretRef": .object(
                "A Secret in the same namespace with credentials for the store.",
                ["name": .dns1123Subdomain("The Secret's name.")], required: ["name"]),
            "entryScript": .entryScript,
            "tags": .map("Free-form labels of the version, e.g. {area: mnist}.", values: .string("A tag value.", maxLength: 256), maxProperties: 64),
            "description": .string("What the model is.", maxLength: 4096),
        ], required: ["modelName", "version", "format", "uri"],
        rules: [
            .init(
                "self.format == 'python' ? has(self.entryScript) : !has(self.entryScript)",
                message: "entryScript is required when format is python, and only allowed then",
                fieldPath: ".entryScript"),
        ] + immutableFields.map { SchemaNode.immutable($0.0, optional: $0.optional) })

    private static let status = SchemaNode.object(
        "What the controller observed: whether the files verified, and who uses this version.",
        [
            "conditions": .conditions,
            "usedBy": .array(
                "ModelDeployments that reference this version; it cannot be deleted while any do.",
                of: .string("A ModelDeployment's name.")),
            "observedGeneration": .observedGeneration,
        ])
}
