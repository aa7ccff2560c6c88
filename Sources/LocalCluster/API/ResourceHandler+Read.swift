import Foundation
import ServingAPI

extension ResourceHandler {
    func get() async throws(APIServerError) -> APIResponse {
        let key = try objectKey
        guard let object = await store.state.object(key) else { throw .notFound(info.type, name: key.name) }
        if request.subresource == "scale" { return .json(try ScaleSubresource.scale(of: object, info)) }
        return try render(object: served(object))
    }

    func list() async throws(APIServerError) -> APIResponse {
        let filter = try watchFilter()
        let after = try request.options.continueToken.map(ContinueToken.init(decoding:))
        let state = await store.state
        var items = state.list(storageKey: info.storageKey, namespace: filter.namespace).filter { filter.matches($0.object) }
        if let after { items = items.filter { $0.key > after.lastKey } }
        var metadata: JSONValue = ["resourceVersion": .string(String(state.resourceVersion))]
        if let limit = request.options.limit, limit > 0, items.count > limit {
            let remaining = items.count - limit
            items = Array(items.prefix(limit))
            metadata["continue"] = .string(ContinueToken(resourceVersion: state.resourceVersion, lastKey: items[limit - 1].key).encoded)
            metadata["remainingItemCount"] = .int(Int64(remaining))
        }
        let objects = items.map { served($0.object) }
        if let table = try tableRendering() {
            return .json(table.table(for: objects, listMetadata: metadata))
        }
        return .json([
            "apiVersion": .string(info.type.apiVersion), "kind": .string(info.type.kind + "List"), "metadata": metadata,
            "items": .array(objects),
        ])
    }

    /// One object, as a Table when the client asks for one.
    func render(object: JSONValue, status: Int = 200) throws(APIServerError) -> APIResponse {
        if let table = try tableRendering() {
            return .json(table.table(for: [object], listMetadata: ["resourceVersion": object[path: ["metadata", "resourceVersion"]] ?? ""]), status: status)
        }
        return .json(object, status: status)
    }

    /// Namespace, label selector and field selector of a list or watch.
    func watchFilter() throws(APIServerError) -> WatchFilter {
        var filter = WatchFilter(storageKey: info.storageKey, namespace: info.type.namespaced ? request.namespace : nil)
        if let text = request.options.labelSelector {
            do {
                filter.labels = try LabelSelector(parsing: text)
            } catch {
                throw .badRequest("unable to parse requirement: \(error.message)")
            }
        }
        if var text = request.options.fieldSelector {
            if info.sharedStorageKey != nil {
                text = text.split(separator: ",").map { EventConversion.coreFieldLabel(String($0)) }.joined(separator: ",")
            }
            filter.fields = try FieldSelector(parsing: text, kind: info.type.kind)
        }
        return filter
    }
}

/// The opaque `continue` token of a paged list: where the last page ended (base64 of JSON).
struct ContinueToken: Sendable, Equatable {
    var resourceVersion: Int64
    var lastKey: String

    init(resourceVersion: Int64, lastKey: String) {
        self.resourceVersion = resourceVersion
        self.lastKey = lastKey
    }

    init(decoding text: String) throws(APIServerError) {
        guard let data = Data(base64Encoded: text), let value = try? JSONValue(parsing: Array(data)),
            let version = value["rv"]?.intValue, let start = value["start"]?.stringValue
        else { throw .badRequest("continue key is not valid: \(text)") }
        self.init(resourceVersion: version, lastKey: start)
    }

    var encoded: String {
        let value: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(resourceVersion), "start": .string(lastKey)]
        return Data(value.serialized()).base64EncodedString()
    }
}
