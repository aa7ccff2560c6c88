import APIMachinery
import ServingAPI

/// Custom resources against their CRD version's structural schema (APIMachinery's `StructuralSchema`): unknown
/// fields pruned, defaults applied, then types, required fields, enums, bounds and CEL rules checked.
enum CustomResourceValidation {
    /// The object pruned and defaulted, as it will be stored.
    static func prepared(_ object: JSONValue, _ info: ResourceInfo) -> JSONValue {
        guard info.isCustom, let schema = schema(info) else { return object }
        return schema.defaulted(schema.pruned(object))
    }

    static func causes(_ object: JSONValue, old: JSONValue?, _ info: ResourceInfo) -> [K8s.Status.Cause] {
        guard info.isCustom, let schema = schema(info) else { return [] }
        return schema.validate(object, old: old)
    }

    /// `fieldValidation=Strict`: fields the schema does not know are an error rather than silently dropped.
    static func checkUnknownFields(_ object: JSONValue, _ info: ResourceInfo) throws(APIServerError) {
        guard info.isCustom, let schema = schema(info) else { return }
        let unknown = unknownFields(object, kept: schema.pruned(object), path: "")
        guard !unknown.isEmpty else { return }
        let list = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
        throw .badRequest("\(info.type.kind) in version \"\(info.type.version)\" cannot be handled as a \(info.type.kind): strict decoding error: \(list)")
    }

    private static func schema(_ info: ResourceInfo) -> StructuralSchema? {
        info.compiledSchema?.schema
    }

    private static func unknownFields(_ object: JSONValue, kept: JSONValue?, path: String) -> [String] {
        switch (object, kept) {
        case (.object(let members), .object(let keptMembers)?):
            return members.keys.sorted().flatMap { key -> [String] in
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let keptValue = keptMembers[key] else { return [child] }
                return unknownFields(members[key] ?? .null, kept: keptValue, path: child)
            }
        case (.array(let items), .array(let keptItems)?) where items.count == keptItems.count:
            return items.indices.flatMap { unknownFields(items[$0], kept: keptItems[$0], path: "\(path)[\($0)]") }
        default:
            return []
        }
    }
}
