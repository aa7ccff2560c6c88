extension K8s {
    /// The `Status` object every API error comes as (`metav1.Status`).
    public struct Status: Codable, Sendable, Equatable, Error, CustomStringConvertible {
        public var kind = "Status"
        public var apiVersion = "v1"
        public var status: String
        public var message: String
        /// `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Expired`, `Gone`, `Forbidden`, `BadRequest`, ...
        public var reason: String
        public var code: Int
        public var details: Details?

        public struct Details: Codable, Sendable, Equatable {
            public var name: String?
            public var group: String?
            public var kind: String?
            public var causes: [Cause]?

            public init(name: String? = nil, group: String? = nil, kind: String? = nil, causes: [Cause]? = nil) {
                self.name = name
                self.group = group
                self.kind = kind
                self.causes = causes
            }
        }

        public struct Cause: Codable, Sendable, Equatable {
            public var reason: String?
            public var message: String?
            public var field: String?

            public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
                self.reason = reason
                self.message = message
                self.field = field
            }
        }

        public init(code: Int, reason: String, message: String, details: Details? = nil) {
            self.status = "Failure"
            self.code = code
            self.reason = reason
            self.message = message
            self.details = details
        }

        public var description: String { "\(code) \(reason): \(message)" }
    }
}

extension K8s.Status {
    public var json: JSONValue {
        var value: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": .string(status),
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if let details {
            var detailsValue: JSONValue = [:]
            detailsValue["name"] = details.name.map(JSONValue.string)
            detailsValue["group"] = details.group.map(JSONValue.string)
            detailsValue["kind"] = details.kind.map(JSONValue.string)
            if let causes = details.causes {
                detailsValue["causes"] = .array(
                    causes.map { cause in
                        var causeValue: JSONValue = [:]
                        causeValue["reason"] = cause.reason.map(JSONValue.string)
                        causeValue["message"] = cause.message.map(JSONValue.string)
                        causeValue["field"] = cause.field.map(JSONValue.string)
                        return causeValue
                    })
            }
            value["details"] = detailsValue
        }
        return value
    }
}
