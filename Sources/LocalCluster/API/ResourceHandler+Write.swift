import ServingAPI

extension ResourceHandler {
    func create() async throws(APIServerError) -> APIResponse {
        guard request.subresource == nil else { throw .methodNotAllowed("create is not supported on a subresource") }
        let body = try bodyJSON()
        try checkFields(body)
        let (info, namespace, manager) = (storage, request.namespace, fieldManager)
        let stored = toStorage(body)
        let created = try await store.write(dryRun: request.options.dryRun) { transaction throws(APIServerError) in
            var object = stored
            object = try FieldManagement.recordCreate(object, manager: manager, now: transaction.now)
            return try transaction.create(info, namespace: namespace, object: object)
        }
        return try render(object: served(created), status: 201)
    }

    func update() async throws(APIServerError) -> APIResponse {
        let key = try objectKey
        let sent = try bodyJSON()
        if request.subresource != "scale" { try checkFields(sent) }
        let (info, subresource, manager) = (storage, request.subresource, fieldManager)
        let body = subresource == "scale" ? sent : toStorage(sent)
        let updated = try await store.write(dryRun: request.options.dryRun) { transaction throws(APIServerError) in
            guard let old = transaction.get(key) else { throw .notFound(info.type, name: key.name) }
            if subresource == "scale" {
                let object = try ScaleSubresource.apply(scale: body, to: old, info)
                return try ScaleSubresource.scale(of: transaction.update(info, key, object: object), info)
            }
            let object = try FieldManagement.recordUpdate(from: old, to: body, manager: manager, subresource: subresource, now: transaction.now)
            return try transaction.update(info, key, object: object, subresource: subresource)
        }
        return subresource == "scale" ? .json(updated) : try render(object: served(updated))
    }

    func delete() async throws(APIServerError) -> APIResponse {
        guard request.subresource == nil else { throw .methodNotAllowed("delete is not supported on a subresource") }
        let key = try objectKey
        let (propagation, preconditions) = try deleteOptions()
        let info = storage
        let outcome = try await store.write(dryRun: request.options.dryRun) { transaction throws(APIServerError) in
            try transaction.delete(info, key, propagation: propagation, preconditions: preconditions)
        }
        switch outcome {
        case .pending(let object): return .json(served(object))
        case .deleted(let object): return .json(Self.success(object, self.info))
        }
    }

    func deleteCollection() async throws(APIServerError) -> APIResponse {
        let filter = try watchFilter()
        let (propagation, _) = try deleteOptions()
        let info = storage
        let outcomes = try await store.write(dryRun: request.options.dryRun) { transaction throws(APIServerError) in
            let keys = transaction.state.list(storageKey: info.storageKey, namespace: filter.namespace)
                .filter { filter.matches($0.object) }
                .map { ObjectKey(storageKey: info.storageKey, namespace: $0.object.namespace ?? "", name: $0.object.name ?? "") }
            return try keys.map { key throws(APIServerError) in try transaction.delete(info, key, propagation: propagation) }
        }
        let items = outcomes.map { outcome -> JSONValue in
            switch outcome {
            case .pending(let object), .deleted(let object): served(object)
            }
        }
        return .json([
            "apiVersion": .string(self.info.type.apiVersion), "kind": .string(self.info.type.kind + "List"),
            "metadata": [:], "items": .array(items),
        ])
    }

    /// `fieldValidation=Strict` (kubectl's default): fields the schema does not know are refused, not dropped.
    func checkFields(_ object: JSONValue) throws(APIServerError) {
        guard request.options.fieldValidation == "Strict" else { return }
        try CustomResourceValidation.checkUnknownFields(object, info)
    }

    /// The real server's answer to a delete that completed at once.
    static func success(_ object: JSONValue, _ info: ResourceInfo) -> JSONValue {
        var details: JSONValue = ["name": .string(object.name ?? ""), "kind": .string(info.type.plural)]
        details["group"] = .string(info.type.group)
        details["uid"] = object.uid.map(JSONValue.string)
        return ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details]
    }

    /// `DeleteOptions` from the body (kubectl sends one) or the query.
    private func deleteOptions() throws(APIServerError) -> (PropagationPolicy, DeletePreconditions) {
        let body = http.body.isEmpty ? JSONValue.object([:]) : try bodyJSON()
        var policyText = body["propagationPolicy"]?.stringValue ?? request.options.propagationPolicy
        if policyText == nil, let orphan = body["orphanDependents"]?.boolValue ?? http.query["orphanDependents"].map(QueryOptions.flag) {
            policyText = orphan ? "Orphan" : "Background"
        }
        let policy: PropagationPolicy
        if let policyText {
            guard let parsed = PropagationPolicy(rawValue: policyText) else {
                throw .invalid(
                    info.type, name: request.name ?? "",
                    causes: [.init(reason: "FieldValueNotSupported", message: "Unsupported value: \"\(policyText)\": supported values: \"Foreground\", \"Background\", \"Orphan\"", field: "propagationPolicy")])
            }
            policy = parsed
        } else {
            policy = .background
        }
        let preconditions = DeletePreconditions(
            uid: body[path: ["preconditions", "uid"]]?.stringValue,
            resourceVersion: body[path: ["preconditions", "resourceVersion"]]?.stringValue)
        return (policy, preconditions)
    }
}
