import ServingAPI

/// Reads an `openAPIV3Schema` into `SchemaNode`s and collects, as causes, every way it is not a structural schema
/// the apiserver would accept: missing or unknown types, keywords CRDs forbid, types or defaults inside
/// logical junctors, `metadata` constraints beyond name/generateName, bad list types, CEL rules that do not
/// compile (or use constructs outside swiftlet's CEL subset), and defaults that do not validate.
struct SchemaParser {
    struct Context {
        var isRoot = false
        var inJunctor = false
        var intOrStringParent = false
        /// Where old values stop being matched to new ones on update (items of a non-map list); nil: correlatable.
        var uncorrelatablePath: String?
        var emptyTypeDetail = "must not be empty for specified object fields"
    }

    var causes: [K8s.Status.Cause] = []

    static let types: Set<String> = ["object", "array", "string", "integer", "number", "boolean"]
    private static let forbidden: [(String, String)] = [
        ("$ref", "$ref is not supported"), ("$schema", "$schema is not supported"), ("id", "id is not supported"),
        ("definitions", "definitions are not supported"), ("dependencies", "dependencies are not supported"),
        ("patternProperties", "patternProperties is not supported"), ("additionalItems", "additionalItems is not supported"),
    ]

    mutating func parse(_ json: JSONValue, at path: String, _ context: Context) -> SchemaNode {
        guard let members = json.objectValue else {
            causes.append(FieldError.invalid(path, json, "must be a schema object"))
            return SchemaNode([:], children: .init(), rules: [])
        }
        checkKeywords(members, at: path, context)
        checkType(members, at: path, context)
        let children = parseChildren(members, at: path, context)
        checkObjectAndList(members, children, at: path, context)
        let rules = parseRules(members["x-kubernetes-validations"], children: children, at: path, context)
        let node = SchemaNode(members, children: children, rules: rules)
        checkDefault(node, at: path, context)
        return node
    }

    private mutating func checkKeywords(_ members: [String: JSONValue], at path: String, _ context: Context) {
        for (keyword, detail) in Self.forbidden where members[keyword] != nil {
            causes.append(FieldError.forbidden(FieldPath.child(path, keyword), detail))
        }
        if members["uniqueItems"] == true {
            causes.append(FieldError.forbidden(FieldPath.child(path, "uniqueItems"),
                "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
        }
        if members["x-kubernetes-preserve-unknown-fields"] == false {
            causes.append(FieldError.invalid(FieldPath.child(path, "x-kubernetes-preserve-unknown-fields"), false,
                "must be true or undefined"))
        }
        if let pattern = members["pattern"]?.stringValue, (try? Regex(pattern)) == nil {
            causes.append(FieldError.invalid(FieldPath.child(path, "pattern"), .string(pattern),
                "must be a valid regular expression"))
        }
        if context.inJunctor {
            checkJunctorKeywords(members, at: path)
        } else {
            checkInvariants(members, at: path, context)
        }
    }

    private mutating func checkType(_ members: [String: JSONValue], at path: String, _ context: Context) {
        let typePath = FieldPath.child(path, "type")
        let intOrString = members["x-kubernetes-int-or-string"] == true
        let preserve = members["x-kubernetes-preserve-unknown-fields"] == true
        guard let typeValue = members["type"] else {
            if context.isRoot {
                causes.append(FieldError.required(typePath, "must not be empty at the root"))
            } else if !context.inJunctor && !intOrString && !preserve && members["x-kubernetes-embedded-resource"] != true {
                causes.append(FieldError.required(typePath, context.emptyTypeDetail))
            }
            return
        }
        guard let type = typeValue.stringValue, Self.types.contains(type) else {
            causes.append(FieldError.notSupported(typePath, typeValue, Self.types.sorted().map(JSONValue.string)))
            return
        }
        if context.inJunctor && !(context.intOrStringParent && (type == "integer" || type == "string")) {
            causes.append(FieldError.forbidden(typePath, "must be empty to be structural"))
        }
        if context.isRoot && type != "object" {
            causes.append(FieldError.invalid(typePath, typeValue, "must be object at the root"))
        }
        if intOrString {
            causes.append(FieldError.invalid(FieldPath.child(path, "x-kubernetes-int-or-string"), true,
                "must be false if type is specified"))
        }
        if members["x-kubernetes-embedded-resource"] == true && type != "object" {
            causes.append(FieldError.invalid(typePath, typeValue, "must be object if x-kubernetes-embedded-resource is true"))
        }
    }

    private mutating func parseChildren(
        _ members: [String: JSONValue], at path: String, _ context: Context
    ) -> SchemaNode.Children {
        var children = SchemaNode.Children()
        var inner = context
        inner.isRoot = false
        inner.intOrStringParent = false
        inner.emptyTypeDetail = "must not be empty for specified object fields"
        for (key, property) in members["properties"]?.objectValue ?? [:] {
            let propertyPath = "\(path).properties[\(key)]"
            if context.isRoot && key == "metadata" { checkRootMetadata(property, at: propertyPath) }
            children.properties[key] = parse(property, at: propertyPath, inner)
        }
        if let additional = members["additionalProperties"] {
            if additional.boolValue == true {
                children.additionalProperties = .any
            } else if additional.objectValue != nil {
                children.additionalProperties = .schema(parse(additional, at: "\(path).additionalProperties", inner))
            }
        }
        if let items = members["items"] {
            if items.arrayValue != nil {
                causes.append(FieldError.forbidden("\(path).items", "items must be a schema object and not an array"))
            } else {
                var itemContext = inner
                itemContext.emptyTypeDetail = "must not be empty for specified array items"
                if members["x-kubernetes-list-type"] != "map" { itemContext.uncorrelatablePath = context.uncorrelatablePath ?? path }
                children.items = parse(items, at: "\(path).items", itemContext)
            }
        }
        var junctor = inner
        junctor.inJunctor = true
        junctor.intOrStringParent = members["x-kubernetes-int-or-string"] == true
        children.allOf = parseList(members["allOf"], at: "\(path).allOf", junctor)
        children.anyOf = parseList(members["anyOf"], at: "\(path).anyOf", junctor)
        children.oneOf = parseList(members["oneOf"], at: "\(path).oneOf", junctor)
        if let not = members["not"] { children.not = parse(not, at: "\(path).not", junctor) }
        return children
    }

    private mutating func parseList(_ json: JSONValue?, at path: String, _ context: Context) -> [SchemaNode] {
        guard let json else { return [] }
        guard let elements = json.arrayValue else {
            causes.append(FieldError.invalid(path, json, "must be a list of schemas"))
            return []
        }
        return elements.enumerated().map { index, element in parse(element, at: "\(path)[\(index)]", context) }
    }

    private mutating func checkRootMetadata(_ json: JSONValue, at path: String) {
        let allowed: Set<String> = ["type", "properties", "description"]
        let extra = (json.objectValue ?? [:]).keys.filter { !allowed.contains($0) }.sorted()
        let fields = (json["properties"]?.objectValue ?? [:]).keys.filter { $0 != "name" && $0 != "generateName" }
        if json["type"] != nil && json["type"] != "object" {
            causes.append(FieldError.invalid("\(path).type", json["type"]!, "must be object"))
        }
        if !extra.isEmpty || !fields.isEmpty {
            causes.append(FieldError.forbidden(path,
                "must not specify anything other than name and generateName, but metadata is implicitly specified"))
        }
    }

    private mutating func checkObjectAndList(
        _ members: [String: JSONValue], _ children: SchemaNode.Children, at path: String, _ context: Context
    ) {
        if !children.properties.isEmpty, let additional = members["additionalProperties"], additional != true {
            causes.append(FieldError.forbidden("\(path).additionalProperties",
                "additionalProperties and properties are mutual exclusive"))
        }
        guard let listType = members["x-kubernetes-list-type"] else {
            if members["x-kubernetes-list-map-keys"]?.arrayValue?.isEmpty == false {
                causes.append(FieldError.required(FieldPath.child(path, "x-kubernetes-list-type"),
                    "must be map if x-kubernetes-list-map-keys is non-empty"))
            }
            return
        }
        checkListType(listType, members, children, at: path)
    }

    private mutating func checkListType(
        _ listType: JSONValue, _ members: [String: JSONValue], _ children: SchemaNode.Children, at path: String
    ) {
        let listTypePath = FieldPath.child(path, "x-kubernetes-list-type")
        if members["type"] != "array" {
            let detail = "must be array if x-kubernetes-list-type is specified"
            causes.append(members["type"].map { FieldError.invalid("\(path).type", $0, detail) }
                ?? FieldError.required("\(path).type", detail))
        }
        if !["atomic", "set", "map"].contains(listType.stringValue ?? "") {
            causes.append(FieldError.notSupported(listTypePath, listType, ["atomic", "set", "map"]))
        }
        let keysPath = FieldPath.child(path, "x-kubernetes-list-map-keys")
        let keysValue = members["x-kubernetes-list-map-keys"] ?? []
        let keys = (keysValue.arrayValue ?? []).compactMap(\.stringValue)
        guard listType == "map" else {
            if !keys.isEmpty {
                causes.append(FieldError.invalid(listTypePath, listType, "must be map if x-kubernetes-list-map-keys is non-empty"))
            }
            return
        }
        if keys.isEmpty {
            causes.append(FieldError.required(keysPath, "must not be empty if x-kubernetes-list-type is map"))
        }
        guard let items = children.items else {
            causes.append(FieldError.required("\(path).items", "must have a schema if x-kubernetes-list-type is map"))
            return
        }
        guard items.type == "object" else {
            causes.append(FieldError.invalid("\(path).items.type", .string(items.type ?? ""),
                "must be object if parent array's x-kubernetes-list-type is map"))
            return
        }
        for key in keys {
            guard let property = items.properties[key] else {
                causes.append(FieldError.invalid(keysPath, keysValue, "entries must all be names of item properties"))
                continue
            }
            if property.type == "array" || property.type == "object" {
                causes.append(FieldError.invalid("\(path).items.properties[\(key)].type", "object",
                    "must be a scalar type if parent array's x-kubernetes-list-type is map"))
            }
        }
        if Set(keys).count != keys.count {
            causes.append(FieldError.invalid(keysPath, keysValue, "must not contain duplicate entries"))
        }
    }
}
