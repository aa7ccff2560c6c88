/// What a kind's CustomResourceDefinition says beyond its types: names, printer columns and schema. `json` is
/// the `apiextensions.k8s.io/v1` object; `ServingCRDs.all` has ours.
public struct CustomResourceDefinition: Sendable, Hashable {
    public struct PrinterColumn: Sendable, Hashable {
        public var name: String
        public var type: String
        public var jsonPath: String
        public var description: String?
        /// Columns with a priority above 0 show with `-o wide` only.
        public var priority: Int?

        public init(_ name: String, type: String, jsonPath: String, description: String? = nil, priority: Int? = nil) {
            self.name = name
            self.type = type
            self.jsonPath = jsonPath
            self.description = description
            self.priority = priority
        }

        public static let age = PrinterColumn("Age", type: "date", jsonPath: ".metadata.creationTimestamp")

        public static let ready = PrinterColumn(
            "Ready", type: "string", jsonPath: #".status.conditions[?(@.type=="Ready")].status"#,
            description: "The Ready condition's status")

        var json: JSONValue {
            var value: JSONValue = ["name": .string(name), "type": .string(type), "jsonPath": .string(jsonPath)]
            value["description"] = description.map(JSONValue.string)
            value["priority"] = priority.map { .int(Int64($0)) }
            return value
        }
    }

    public var resourceType: K8s.ResourceType
    public var singular: String
    public var shortNames: [String]
    public var description: String
    public var spec: SchemaNode
    public var status: SchemaNode
    /// Rules on the whole object (they can read `metadata.name`).
    public var rules: [SchemaNode.Rule]
    public var printerColumns: [PrinterColumn]

    /// `models.serving.swiftlet.dev`.
    public var name: String { "\(resourceType.plural).\(resourceType.group)" }

    /// The root schema: apiVersion, kind, metadata, spec (required) and status.
    public var schema: SchemaNode {
        var root = SchemaNode.object(
            description,
            [
                "apiVersion": .string(
                    "APIVersion defines the versioned schema of this representation of an object."),
                "kind": .string("Kind is a string value representing the REST resource this object represents."),
                "metadata": SchemaNode(kind: .object, description: nil),
                "spec": spec,
                "status": status,
            ], required: ["spec"])
        root.rules = rules
        return root
    }

    /// The `apiextensions.k8s.io/v1` CustomResourceDefinition.
    public var json: JSONValue {
        let version: JSONValue = [
            "name": .string(resourceType.version),
            "served": true,
            "storage": true,
            "subresources": ["status": [:]],
            "additionalPrinterColumns": .array(printerColumns.map(\.json)),
            "schema": ["openAPIV3Schema": schema.json],
        ]
        let names: JSONValue = [
            "kind": .string(resourceType.kind),
            "listKind": .string(resourceType.kind + "List"),
            "plural": .string(resourceType.plural),
            "singular": .string(singular),
            "shortNames": .array(shortNames.map(JSONValue.string)),
            "categories": [.string(ServingGroup.category)],
        ]
        return [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": ["name": .string(name)],
            "spec": [
                "group": .string(resourceType.group),
                "names": names,
                "scope": resourceType.namespaced ? "Namespaced" : "Cluster",
                "versions": [version],
            ],
        ]
    }
}

/// The CRDs of our three kinds.
public enum ServingCRDs {
    public static var all: [CustomResourceDefinition] { [Model.crd, ModelDeployment.crd, ModelEndpoint.crd] }

    /// `serving.swiftlet.dev_models.yaml`, as controller-gen names them.
    public static func fileName(of crd: CustomResourceDefinition) -> String {
        "\(crd.resourceType.group)_\(crd.resourceType.plural).yaml"
    }
}
