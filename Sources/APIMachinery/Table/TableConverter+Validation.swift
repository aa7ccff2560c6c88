import ServingAPI

/// The apiserver's checks on a CRD version's `additionalPrinterColumns`, so a CRD with columns that cannot be
/// printed is refused when it is created rather than printing empty cells.
extension TableConverter {
    static let columnTypes = ["boolean", "date", "integer", "number", "string"]
    static let columnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"]

    /// Causes for each bad column; `fieldPath` like `spec.versions[0].additionalPrinterColumns`. Empty when valid.
    public static func validate(printerColumns: JSONValue, fieldPath: String) -> [K8s.Status.Cause] {
        guard let columns = printerColumns.arrayValue else {
            return [FieldError.invalid(fieldPath, printerColumns, "must be a list of columns")]
        }
        return columns.enumerated().flatMap { index, column in
            validate(column: column, at: "\(fieldPath)[\(index)]")
        }
    }

    private static func validate(column: JSONValue, at path: String) -> [K8s.Status.Cause] {
        var causes: [K8s.Status.Cause] = []
        if (column["name"]?.stringValue ?? "").isEmpty { causes.append(FieldError.required("\(path).name")) }
        if let type = column["type"] {
            if !columnTypes.contains(type.stringValue ?? "") {
                causes.append(FieldError.notSupported("\(path).type", type, columnTypes.map(JSONValue.string)))
            }
        } else {
            causes.append(FieldError.required("\(path).type"))
        }
        if let format = column["format"], format != "", !columnFormats.contains(format.stringValue ?? "") {
            causes.append(FieldError.notSupported("\(path).format", format, columnFormats.map(JSONValue.string)))
        }
        if let priority = column["priority"], (priority.intValue ?? -1) < 0 {
            causes.append(FieldError.invalid("\(path).priority", priority, "must be a non-negative integer"))
        }
        guard let jsonPath = column["jsonPath"]?.stringValue, !jsonPath.isEmpty else {
            causes.append(FieldError.required("\(path).jsonPath"))
            return causes
        }
        if (try? JSONPathExpression(jsonPath)) == nil {
            causes.append(FieldError.invalid("\(path).jsonPath", .string(jsonPath), "must be a simple json path"))
        }
        return causes
    }
}
