extension K8s {
    /// `metav1.ObjectMeta`: the metadata every typed object carries. Optional fields are left out when `nil`.
    public struct ObjectMeta: Codable, Sendable, Hashable {
        public var name: String?
        public var generateName: String?
        public var namespace: String?
        public var uid: String?
        public var resourceVersion: String?
        public var generation: Int64?
        public var creationTimestamp: String?
        public var deletionTimestamp: String?
        public var labels: [String: String]?
        public var annotations: [String: String]?
        public var finalizers: [String]?
        public var ownerReferences: [OwnerReference]?

        public init(name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil,
            annotations: [String: String]? = nil)
        {
            self.name = name
            self.namespace = namespace
            self.labels = labels
            self.annotations = annotations
        }
    }
}
