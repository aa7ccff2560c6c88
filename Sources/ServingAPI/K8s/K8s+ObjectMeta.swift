extension K8s {
    /// `metav1.ObjectMeta`, the fields we read and write. Empty maps and lists are left out when encoding, as
    /// Kubernetes' `omitempty` does; fields the server manages (`managedFields`, ...) are not kept.
    public struct ObjectMeta: Codable, Sendable, Hashable {
        public var name: String?
        public var generateName: String?
        public var namespace: String?
        public var uid: String?
        public var resourceVersion: String?
        public var generation: Int64?
        /// RFC 3339, as `K8s.timestamp(_:)` writes it.
        public var creationTimestamp: String?
        public var deletionTimestamp: String?
        public var labels: [String: String]
        public var annotations: [String: String]
        public var finalizers: [String]
        public var ownerReferences: [OwnerReference]

        public init(
            name: String? = nil, namespace: String? = nil, generateName: String? = nil, uid: String? = nil,
            resourceVersion: String? = nil, generation: Int64? = nil, creationTimestamp: String? = nil,
            deletionTimestamp: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:],
            finalizers: [String] = [], ownerReferences: [OwnerReference] = []
        ) {
            self.name = name
            self.generateName = generateName
            self.namespace = namespace
            self.uid = uid
            self.resourceVersion = resourceVersion
            self.generation = generation
            self.creationTimestamp = creationTimestamp
            self.deletionTimestamp = deletionTimestamp
            self.labels = labels
            self.annotations = annotations
            self.finalizers = finalizers
            self.ownerReferences = ownerReferences
        }

        enum CodingKeys: String, CodingKey {
            case name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp
            case deletionTimestamp, labels, annotations, finalizers, ownerReferences
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            generateName = try container.decodeIfPresent(String.self, forKey: .generateName)
            namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
            uid = try container.decodeIfPresent(String.self, forKey: .uid)
            resourceVersion = try container.decodeIfPresent(String.self, forKey: .resourceVersion)
            generation = try container.decodeIfPresent(Int64.self, forKey: .generation)
            creationTimestamp = try container.decodeIfPresent(String.self, forKey: .creationTimestamp)
            deletionTimestamp = try container.decodeIfPresent(String.self, forKey: .deletionTimestamp)
            labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
            annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
            finalizers = try container.decodeIfPresent([String].self, forKey: .finalizers) ?? []
            ownerReferences = try container.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(name, forKey: .name)
            try container.encodeIfPresent(generateName, forKey: .generateName)
            try container.encodeIfPresent(namespace, forKey: .namespace)
            try container.encodeIfPresent(uid, forKey: .uid)
            try container.encodeIfPresent(resourceVersion, forKey: .resourceVersion)
            try container.encodeIfPresent(generation, forKey: .generation)
            try container.encodeIfPresent(creationTimestamp, forKey: .creationTimestamp)
            try container.encodeIfPresent(deletionTimestamp, forKey: .deletionTimestamp)
            if !labels.isEmpty { try container.encode(labels, forKey: .labels) }
            if !annotations.isEmpty { try container.encode(annotations, forKey: .annotations) }
            if !finalizers.isEmpty { try container.encode(finalizers, forKey: .finalizers) }
            if !ownerReferences.isEmpty { try container.encode(ownerReferences, forKey: .ownerReferences) }
        }
    }
}
