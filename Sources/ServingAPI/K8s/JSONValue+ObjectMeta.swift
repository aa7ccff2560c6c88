/// Reading and writing the `metadata` of an object held as JSON (the API server's and the client's dynamic form).
extension JSONValue {
    public var apiVersion: String? { self["apiVersion"]?.stringValue }
    public var kind: String? { self["kind"]?.stringValue }

    public var name: String? {
        get { self[path: ["metadata", "name"]]?.stringValue }
        set { self[path: ["metadata", "name"]] = newValue.map(JSONValue.string) }
    }

    public var namespace: String? {
        get { self[path: ["metadata", "namespace"]]?.stringValue }
        set { self[path: ["metadata", "namespace"]] = newValue.map(JSONValue.string) }
    }

    public var uid: String? { self[path: ["metadata", "uid"]]?.stringValue }

    public var resourceVersion: String? {
        get { self[path: ["metadata", "resourceVersion"]]?.stringValue }
        set { self[path: ["metadata", "resourceVersion"]] = newValue.map(JSONValue.string) }
    }

    public var generation: Int64? { self[path: ["metadata", "generation"]]?.intValue }

    public var deletionTimestamp: String? { self[path: ["metadata", "deletionTimestamp"]]?.stringValue }

    public var labels: [String: String] {
        get { Self.stringMap(self[path: ["metadata", "labels"]]) }
        set { self[path: ["metadata", "labels"]] = newValue.isEmpty ? JSONValue?.none : Self.jsonMap(newValue) }
    }

    public var annotations: [String: String] {
        get { Self.stringMap(self[path: ["metadata", "annotations"]]) }
        set { self[path: ["metadata", "annotations"]] = newValue.isEmpty ? JSONValue?.none : Self.jsonMap(newValue) }
    }

    public var finalizers: [String] {
        get { (self[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue) }
        set { self[path: ["metadata", "finalizers"]] = newValue.isEmpty ? JSONValue?.none : .array(newValue.map(JSONValue.string)) }
    }

    /// `metadata.ownerReferences`, as `(apiVersion, kind, name, uid, controller)`.
    public var ownerReferences: [K8s.OwnerReference] {
        (self[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).compactMap(K8s.OwnerReference.init(json:))
    }

    private static func stringMap(_ value: JSONValue?) -> [String: String] {
        (value?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    private static func jsonMap(_ map: [String: String]) -> JSONValue {
        .object(map.mapValues(JSONValue.string))
    }
}

extension K8s {
    public struct OwnerReference: Codable, Sendable, Hashable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        public var uid: String
        public var controller: Bool?
        public var blockOwnerDeletion: Bool?

        public init(
            apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
            blockOwnerDeletion: Bool? = nil
        ) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
            self.uid = uid
            self.controller = controller
            self.blockOwnerDeletion = blockOwnerDeletion
        }

        public init?(json: JSONValue) {
            guard let apiVersion = json["apiVersion"]?.stringValue, let kind = json["kind"]?.stringValue,
                let name = json["name"]?.stringValue, let uid = json["uid"]?.stringValue
            else { return nil }
            self.init(
                apiVersion: apiVersion, kind: kind, name: name, uid: uid, controller: json["controller"]?.boolValue,
                blockOwnerDeletion: json["blockOwnerDeletion"]?.boolValue)
        }

        public var json: JSONValue {
            var value: JSONValue = [
                "apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name), "uid": .string(uid),
            ]
            value["controller"] = controller.map(JSONValue.bool)
            value["blockOwnerDeletion"] = blockOwnerDeletion.map(JSONValue.bool)
            return value
        }
    }
}
