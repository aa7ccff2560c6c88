import ServingAPI

/// A CRD version's `openAPIV3Schema`, checked to be structural when built, then used to prune, default and
/// validate objects of that version (including `x-kubernetes-validations` CEL rules).
public struct StructuralSchema: Sendable {
    let root: SchemaNode

    /// From a CRD version's `schema.openAPIV3Schema`. Throws `.invalid` with a cause per problem for a schema the
    /// apiserver would reject (not structural, forbidden keywords, CEL rules that do not compile or use constructs
    /// outside swiftlet's subset). `fieldPath` prefixes the causes' fields, e.g.
    /// `spec.versions[0].schema.openAPIV3Schema`.
    public init(_ openAPIV3Schema: JSONValue, fieldPath: String = "openAPIV3Schema") throws(MachineryError) {
        var parser = SchemaParser()
        var context = SchemaParser.Context()
        context.isRoot = true
        let root = parser.parse(openAPIV3Schema, at: fieldPath, context)
        parser.checkCompleteness(root, at: fieldPath)
        guard parser.causes.isEmpty else {
            let summary = parser.causes.map { "\($0.field ?? ""): \($0.message ?? "")" }.joined(separator: ", ")
            throw MachineryError(.invalid, "the schema is not a valid structural schema: [\(summary)]", causes: parser.causes)
        }
        self.root = root
    }

    /// Drops fields the schema does not declare (kept under `x-kubernetes-preserve-unknown-fields`); `apiVersion`,
    /// `kind` and `metadata` (reduced to ObjectMeta's fields) are always kept at the root and in embedded resources.
    public func pruned(_ object: JSONValue) -> JSONValue {
        root.prune(object, isResourceRoot: true)
    }

    /// Applies `default`s, also in nested objects, map values and list items.
    public func defaulted(_ object: JSONValue) -> JSONValue {
        root.applyDefaults(object)
    }

    /// Every violation as a cause (`field` like `spec.replicas`, `reason` like `FieldValueInvalid`, `message`
    /// like `Invalid value: "string": spec.replicas in body must be of type integer: "string"`). Empty when valid.
    /// `old` (on update) enables transition rules (`oldSelf`).
    public func validate(_ object: JSONValue, old: JSONValue?) -> [K8s.Status.Cause] {
        var causes: [K8s.Status.Cause] = []
        root.validate(object, old: old, at: "", into: &causes)
        return causes
    }
}
