/// Schemas that several kinds share: conditions, names, references.
extension SchemaNode {
    /// `status.conditions`: `metav1.Condition`s keyed by type, with the validations Kubernetes gives them.
    static let conditions = SchemaNode.array(
        "Observations of the object's state, one per type (Ready, ...), as metav1.Condition.",
        of: .object(
            "A condition: type, status and why.",
            [
                "type": .string(
                    "CamelCase type of the condition, e.g. Ready.",
                    pattern: #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"#,
                    maxLength: 316),
                "status": .enumeration("True, False or Unknown.", K8s.Condition.Status.allCases.map(\.rawValue)),
                "observedGeneration": .integer("The metadata.generation the condition was set from.", minimum: 0),
                "lastTransitionTime": .string(
                    "When the status last changed (RFC 3339).", format: "date-time"),
                "reason": .string(
                    "CamelCase reason for the last transition.",
                    pattern: #"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"#, minLength: 1, maxLength: 1024),
                "message": .string("Human-readable details; may be empty.", maxLength: 32768),
            ], required: ["type", "status", "lastTransitionTime", "reason", "message"]),
        maxItems: 32
    ).listMap(keys: ["type"])

    static let observedGeneration = SchemaNode.integer(
        "The metadata.generation this status was computed from.", minimum: 0)

    static func dns1123Label(_ description: String) -> SchemaNode {
        .string(description, pattern: DNS1123.labelPattern, maxLength: 63)
    }

    static func dns1123Subdomain(_ description: String) -> SchemaNode {
        .string(description, pattern: DNS1123.subdomainPattern, maxLength: 253)
    }

    static let sha256 = SchemaNode.string(
        "SHA-256 of the model file (64 hex digits); verified after download, a mismatch leaves the model unloaded.",
        pattern: ModelSource.sha256Pattern, maxLength: 64)

    static let modelURI = SchemaNode.string(
        "Where the model is: https://, http://, s3://<bucket>/<key> (credentials from secretRef), "
            + "pvc://<claim>/<path>, configmap://<name>/<key> (small models) or file:///<path> (local mode).",
        pattern: ModelURI.pattern, maxLength: 2048)

    static let format = SchemaNode.enumeration(
        "onnx (an ONNX file) or python (an entry script and its files).", ModelFormat.allCases.map(\.rawValue))

    static let entryScript = SchemaNode.string(
        "With format python: the entry script's path inside the model files (init() and run(raw_data)).",
        minLength: 1, maxLength: 1024)

    /// CEL: `field` is immutable, whether present or not (for a spec-level transition rule).
    static func immutable(_ field: String, optional: Bool) -> Rule {
        let rule =
            optional
            ? "has(self.\(field)) == has(oldSelf.\(field)) && (!has(self.\(field)) || self.\(field) == oldSelf.\(field))"
            : "self.\(field) == oldSelf.\(field)"
        return Rule(rule, message: "\(field) is immutable: register a new Model version instead", fieldPath: ".\(field)")
    }
}
