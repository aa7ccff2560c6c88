import ServingAPI

/// Causes shaped like the apiserver's `field.Error`s: `reason` is the cause type (`FieldValueInvalid`, ...),
/// `message` the error body (`Invalid value: "abc": ...`), `field` the path (`spec.replicas`).
enum FieldError {
    static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> K8s.Status.Cause {
        cause("FieldValueInvalid", field, "Invalid value: \(render(value)): \(detail)")
    }

    /// `field.OmitValueType`: the apiserver leaves objects and lists out of CEL rule failures.
    static func invalidOmittingValue(_ field: String, _ detail: String) -> K8s.Status.Cause {
        cause("FieldValueInvalid", field, "Invalid value: \(detail)")
    }

    static func duplicateOmittingValue(_ field: String) -> K8s.Status.Cause {
        cause("FieldValueDuplicate", field, "Duplicate value")
    }

    static func typeInvalid(_ field: String, _ value: JSONValue, _ detail: String) -> K8s.Status.Cause {
        cause("FieldValueTypeInvalid", field, "Invalid value: \(render(value)): \(detail)")
    }

    static func required(_ field: String, _ detail: String = "") -> K8s.Status.Cause {
        cause("FieldValueRequired", field, detail.isEmpty ? "Required value" : "Required value: \(detail)")
    }

    static func forbidden(_ field: String, _ detail: String) -> K8s.Status.Cause {
        cause("FieldValueForbidden", field, "Forbidden: \(detail)")
    }

    static func duplicate(_ field: String, _ value: JSONValue) -> K8s.Status.Cause {
        cause("FieldValueDuplicate", field, "Duplicate value: \(render(value))")
    }

    static func notSupported(_ field: String, _ value: JSONValue, _ supported: [JSONValue]) -> K8s.Status.Cause {
        let list = supported.map(render).joined(separator: ", ")
        return cause("FieldValueNotSupported", field, "Unsupported value: \(render(value)): supported values: \(list)")
    }

    static func tooLong(_ field: String, _ maximum: Int64) -> K8s.Status.Cause {
        cause("FieldValueTooLong", field, "Too long: may not be more than \(maximum) bytes")
    }

    static func tooMany(_ field: String, _ actual: Int, _ maximum: Int64) -> K8s.Status.Cause {
        cause("FieldValueTooMany", field, "Too many: \(actual): must have at most \(maximum) items")
    }

    private static func cause(_ reason: String, _ field: String, _ message: String) -> K8s.Status.Cause {
        K8s.Status.Cause(reason: reason, message: message, field: field)
    }

    /// Values as Go's field errors print them: strings quoted, numbers bare, composites as JSON.
    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): quoted(text)
        case .double(let number): number.goText
        default: value.jsonText
        }
    }

    static func quoted(_ text: String) -> String { JSONValue.string(text).jsonText }
}

extension Double {
    /// `%v` of a Go float64: integral values without a fraction.
    var goText: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}

/// Field paths as the apiserver writes them: `spec.replicas`, `spec.items[0].name`.
enum FieldPath {
    static func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    static func index(_ path: String, _ index: Int) -> String { "\(path)[\(index)]" }
    static func inBody(_ path: String) -> String { path.isEmpty ? "in body" : "\(path) in body" }
}
