import APIMachinery
import Foundation
import ServingAPI

extension ResourceHandler {
    /// PATCH: applied to the stored object inside the write, so the read-modify-write is atomic; the result goes
    /// through the same rules as an update (of the subresource, if one is named).
    func patch() async throws(APIServerError) -> APIResponse {
        let key = try objectKey
        let patchType = try PatchType(contentType: http.contentType, info: info)
        let patchBody = try bodyJSON()
        let (info, subresource, manager, force) = (storage, request.subresource, fieldManager, request.options.force)
        let handler = self
        let strict = request.options.fieldValidation == "Strict"
        if patchType == .apply, request.options.fieldManager?.isEmpty ?? true {
            throw .badRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set")
        }
        let result = try await store.write(dryRun: request.options.dryRun) { transaction throws(APIServerError) in
            guard let old = transaction.get(key) else {
                guard patchType == .apply, subresource == nil else { throw .notFound(info.type, name: key.name) }
                var object = try patchType.apply(patchBody, to: [:], info: info, manager: manager, force: force, now: transaction.now)
                if let named = object.name, named != key.name {
                    throw .badRequest("the name of the object (\(named)) does not match the name on the URL (\(key.name))")
                }
                object.name = key.name
                if strict { try CustomResourceValidation.checkUnknownFields(object, info) }
                object = handler.toStorage(object)
                return try transaction.create(info, namespace: key.namespace.isEmpty ? nil : key.namespace, object: object)
            }
            if subresource == "scale" {
                let scale = try ScaleSubresource.scale(of: old, info)
                let patched = try patchType.apply(patchBody, to: scale, info: info, manager: manager, force: force, now: transaction.now)
                let object = try ScaleSubresource.apply(scale: patched, to: old, info)
                return try ScaleSubresource.scale(of: transaction.update(info, key, object: object), info)
            }
            var patched = try patchType.apply(
                patchBody, to: handler.served(old), info: info, manager: manager, force: force, now: transaction.now,
                subresource: subresource)
            if strict { try CustomResourceValidation.checkUnknownFields(patched, info) }
            patched = handler.toStorage(patched)
            if patchType != .apply {
                patched = try FieldManagement.recordUpdate(from: old, to: patched, manager: manager, subresource: subresource, now: transaction.now)
            }
            return try transaction.update(info, key, object: patched, subresource: subresource)
        }
        return subresource == "scale" ? .json(result) : try render(object: served(result))
    }
}

/// The four patch formats the real server accepts, by Content-Type.
enum PatchType: Sendable, Equatable {
    case merge
    case json
    case strategic
    case apply

    init(contentType: String, info: ResourceInfo) throws(APIServerError) {
        switch contentType {
        case "application/merge-patch+json": self = .merge
        case "application/json-patch+json": self = .json
        case "application/strategic-merge-patch+json":
            guard !info.isCustom else { throw .unsupportedMediaType(contentType) }
            self = .strategic
        case "application/apply-patch+yaml", "application/apply-patch+cbor": self = .apply
        default: throw .unsupportedMediaType(contentType)
        }
    }

    func apply(
        _ patch: JSONValue, to object: JSONValue, info: ResourceInfo, manager: String, force: Bool, now: Date,
        subresource: String? = nil
    ) throws(APIServerError) -> JSONValue {
        switch self {
        case .merge:
            guard case .object = patch else { throw .badRequest("a merge patch must be a JSON object") }
            return JSONMergePatch.apply(patch, to: object)
        case .json:
            return try machinery(info, object) { () throws(MachineryError) in try JSONPatch.apply(patch, to: object) }
        case .strategic:
            let strategy = PatchStrategy.forKind(group: info.type.group, kind: info.type.kind)
            return try machinery(info, object) { () throws(MachineryError) in
                try StrategicMergePatch.apply(patch, to: object, strategy: strategy)
            }
        case .apply:
            let live: JSONValue? = object.objectValue?.isEmpty == false ? object : Optional.none
            return try FieldManagement.apply(patch, to: live, info: info,
                manager: manager, force: force, subresource: subresource, now: now)
        }
    }
}

/// Runs an APIMachinery operation, turning its error into the server's.
func machinery<T>(_ info: ResourceInfo, _ object: JSONValue, _ body: () throws(MachineryError) -> T) throws(APIServerError) -> T {
    do {
        return try body()
    } catch {
        throw APIServerError(machinery: error, resource: info.type, name: object.name ?? "")
    }
}
