import Foundation
import ServingAPI

/// Handles one request on one resource; one file per group of verbs (`ResourceHandler+Read`, `+Write`, `+Patch`,
/// `+Watch`, `+Scale`).
struct ResourceHandler: Sendable {
    let store: ObjectStore
    let info: ResourceInfo
    /// The resource writes go through: `info`, or the one whose storage it shares.
    let storage: ResourceInfo
    let request: ResourceRequest
    let http: HTTPRequestData
    var bookmarkInterval: Duration = .seconds(60)
    var now = Date()

    func handle() async throws(APIServerError) -> APIResponse {
        switch request.verb {
        case .get: return try await get()
        case .list: return try await list()
        case .watch: return try await watch()
        case .create: return try await create()
        case .update: return try await update()
        case .patch: return try await patch()
        case .delete: return try await delete()
        case .deletecollection: return try await deleteCollection()
        }
    }

    /// The object as served at the requested version (objects are stored at the storage version; versions of one
    /// custom resource differ only in `apiVersion`, conversion strategy None).
    func served(_ object: JSONValue) -> JSONValue {
        if info.sharedStorageKey != nil { return EventConversion.fromCore(object) }
        var object = object
        object["apiVersion"] = .string(info.type.apiVersion)
        return object
    }

    /// A body in the form it is stored in.
    func toStorage(_ object: JSONValue) -> JSONValue {
        info.sharedStorageKey != nil ? EventConversion.toCore(object) : object
    }

    func key(_ name: String) -> ObjectKey {
        ObjectKey(storageKey: info.storageKey, namespace: info.type.namespaced ? request.namespace ?? "" : "", name: name)
    }

    /// The object the request names (for get, update, patch, delete).
    var objectKey: ObjectKey {
        get throws(APIServerError) {
            guard let name = request.name else { throw .methodNotAllowed("a name is needed") }
            if info.type.namespaced, request.namespace == nil {
                throw .pathNotFound()
            }
            return key(name)
        }
    }

    /// The request body as JSON (kubectl always sends JSON, YAML apply bodies included).
    func bodyJSON() throws(APIServerError) -> JSONValue {
        guard !http.body.isEmpty else { throw .badRequest("the request body is empty; a JSON object is expected") }
        let type = http.contentType
        if type == "application/vnd.kubernetes.protobuf" {
            return try ProtobufDecoder(schema: .kubernetes).decodeObject(http.body)
        }
        guard type == "application/json" || type.hasSuffix("+json") || type.hasPrefix("application/apply-patch") else {
            throw .unsupportedMediaType(type)
        }
        do {
            return try JSONValue(parsing: http.body)
        } catch {
            throw .badRequest("the request body is not valid JSON: \(error)")
        }
    }

    func tableRendering() throws(APIServerError) -> TableRendering? {
        try TableRendering(info: info, accept: http.accept, includeObject: http.query["includeObject"], now: now)
    }

    /// Writes are tagged with the client's field manager name, as `managedFields` records them.
    var fieldManager: String {
        if let manager = request.options.fieldManager, !manager.isEmpty { return manager }
        let agent = http.headers.first(name: "user-agent") ?? "unknown"
        return String(agent.split(separator: "/").first ?? "unknown")
    }
}
