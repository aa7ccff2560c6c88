import ServingAPI

/// The structural-schema invariants (kube-apiextensions' `ValidateStructural`): what logical junctors may hold,
/// embedded-resource and int-or-string rules, and completeness (a field named in a junctor is also declared
/// outside it).
extension SchemaParser {
    private static let junctorRules: [(String, String)] = [
        ("description", "must be empty to be structural"), ("title", "must be empty to be structural"),
        ("default", "must be undefined to be structural"), ("additionalProperties", "must be undefined to be structural"),
        ("x-kubernetes-preserve-unknown-fields", "must be false to be structural"),
        ("x-kubernetes-embedded-resource", "must be false to be structural"),
        ("x-kubernetes-int-or-string", "must be false to be structural"),
        ("x-kubernetes-list-map-keys", "must be empty to be structural"),
        ("x-kubernetes-list-type", "must be undefined to be structural"),
        ("x-kubernetes-map-type", "must be undefined to be structural"),
        ("x-kubernetes-validations", "must be empty to be structural"),
    ]

    mutating func checkJunctorKeywords(_ members: [String: JSONValue], at path: String) {
        for (keyword, detail) in Self.junctorRules where members[keyword] != nil {
            causes.append(FieldError.forbidden(FieldPath.child(path, keyword), detail))
        }
        if members["nullable"] == true {
            causes.append(FieldError.forbidden(FieldPath.child(path, "nullable"), "must be false to be structural"))
        }
        if members["properties"]?["metadata"] != nil {
            causes.append(FieldError.forbidden("\(path).properties[metadata]", "must not be specified in a nested context"))
        }
    }

    mutating func checkInvariants(_ members: [String: JSONValue], at path: String, _ context: Context) {
        if members["type"] == "array" && members["items"] == nil {
            causes.append(FieldError.required("\(path).items", "must be specified"))
        }
        if context.isRoot && members["additionalProperties"] != nil {
            causes.append(FieldError.forbidden("\(path).additionalProperties", "must not be used at the root"))
        }
        if members["x-kubernetes-int-or-string"] == true {
            for key in ["x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource"] where members[key] == true {
                causes.append(FieldError.invalid(FieldPath.child(path, key), true, "must be false if x-kubernetes-int-or-string is true"))
            }
        }
        if let mapType = members["x-kubernetes-map-type"] {
            if members["type"] != "object" {
                let detail = "must be object if x-kubernetes-map-type is specified"
                causes.append(members["type"].map { FieldError.invalid("\(path).type", $0, detail) }
                    ?? FieldError.required("\(path).type", detail))
            }
            if mapType != "atomic" && mapType != "granular" {
                causes.append(FieldError.notSupported(FieldPath.child(path, "x-kubernetes-map-type"), mapType, ["atomic", "granular"]))
            }
        }
        guard members["x-kubernetes-embedded-resource"] == true || context.isRoot else { return }
        if members["x-kubernetes-embedded-resource"] == true {
            checkEmbeddedResource(members, at: path)
        }
        for key in ["kind", "apiVersion"] {
            if let type = members["properties"]?[key]?["type"], type != "string" {
                causes.append(FieldError.invalid("\(path).properties[\(key)].type", type, "must be string"))
            }
        }
    }

    private mutating func checkEmbeddedResource(_ members: [String: JSONValue], at path: String) {
        let detail = "must be object if x-kubernetes-embedded-resource is true"
        if members["type"] == nil { causes.append(FieldError.required("\(path).type", detail)) }
        if members["additionalProperties"] != nil {
            causes.append(FieldError.forbidden("\(path).additionalProperties",
                "must not be used if x-kubernetes-embedded-resource is set"))
        }
        if members["x-kubernetes-preserve-unknown-fields"] != true && (members["properties"]?.objectValue ?? [:]).isEmpty {
            causes.append(FieldError.required("\(path).properties",
                "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"))
        }
    }

    /// Every node's junctors, checked against the node: a property or items schema that a junctor constrains
    /// must be declared outside the junctor too.
    mutating func checkCompleteness(_ node: SchemaNode, at path: String) {
        checkJunctorsComplete(node, structural: node, structuralPath: path, junctorPath: path)
        for (key, property) in node.properties { checkCompleteness(property, at: "\(path).properties[\(key)]") }
        if case .schema(let values) = node.additionalProperties { checkCompleteness(values, at: "\(path).additionalProperties") }
        if let items = node.items { checkCompleteness(items, at: "\(path).items") }
    }

    private mutating func checkJunctorsComplete(
        _ node: SchemaNode, structural: SchemaNode, structuralPath: String, junctorPath: String
    ) {
        let branches = node.allOf.enumerated().map { ($1, "\(junctorPath).allOf[\($0)]") }
            + node.anyOf.enumerated().map { ($1, "\(junctorPath).anyOf[\($0)]") }
            + node.oneOf.enumerated().map { ($1, "\(junctorPath).oneOf[\($0)]") }
            + (node.not.map { [($0, "\(junctorPath).not")] } ?? [])
        for (branch, branchPath) in branches {
            checkBranch(branch, structural: structural, structuralPath: structuralPath, junctorPath: branchPath)
        }
    }

    private mutating func checkBranch(
        _ branch: SchemaNode, structural: SchemaNode, structuralPath: String, junctorPath: String
    ) {
        checkJunctorsComplete(branch, structural: structural, structuralPath: structuralPath, junctorPath: junctorPath)
        if let items = branch.items {
            if let structuralItems = structural.items {
                checkBranch(items, structural: structuralItems, structuralPath: "\(structuralPath).items",
                    junctorPath: "\(junctorPath).items")
            } else {
                causes.append(FieldError.required("\(structuralPath).items", "because it is defined in \(junctorPath).items"))
            }
        }
        for (key, property) in branch.properties {
            let propertyJunctorPath = "\(junctorPath).properties[\(key)]"
            guard let structuralProperty = structural.properties[key] else {
                causes.append(FieldError.required("\(structuralPath).properties[\(key)]",
                    "because it is defined in \(propertyJunctorPath)"))
                continue
            }
            checkBranch(property, structural: structuralProperty, structuralPath: "\(structuralPath).properties[\(key)]",
                junctorPath: propertyJunctorPath)
        }
    }
}
