extension K8s {
    /// `{name: ...}`: a Secret or ConfigMap in the object's own namespace.
    public struct LocalObjectReference: Codable, Sendable, Hashable {
        public var name: String
        public init(name: String) { self.name = name }
    }

    /// `corev1.EnvVar`, with the two sources a scorer needs (a Secret's or a ConfigMap's key).
    public struct EnvVar: Codable, Sendable, Hashable {
        public var name: String
        public var value: String?
        public var valueFrom: Source?

        public init(name: String, value: String? = nil, valueFrom: Source? = nil) {
            self.name = name
            self.value = value
            self.valueFrom = valueFrom
        }

        public struct Source: Codable, Sendable, Hashable {
            public var secretKeyRef: KeySelector?
            public var configMapKeyRef: KeySelector?

            public init(secretKeyRef: KeySelector? = nil, configMapKeyRef: KeySelector? = nil) {
                self.secretKeyRef = secretKeyRef
                self.configMapKeyRef = configMapKeyRef
            }
        }

        public struct KeySelector: Codable, Sendable, Hashable {
            public var name: String
            public var key: String
            public var optional: Bool?

            public init(name: String, key: String, optional: Bool? = nil) {
                self.name = name
                self.key = key
                self.optional = optional
            }
        }
    }

    /// A resource quantity (`500m`, `1Gi`, `2`). Kubernetes accepts a number or a string; it is kept as the text.
    public struct Quantity: Codable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var text: String

        public init(_ text: String) { self.text = text }
        public init(stringLiteral text: String) { self.text = text }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                text = String(number)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }

        public var description: String { text }
    }
}
