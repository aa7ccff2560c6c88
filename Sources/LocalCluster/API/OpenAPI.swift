import ServingAPI

/// The OpenAPI documents, as far as kubectl uses them. v3 (`/openapi/v3` and one document per group version)
/// lists every resource's operations with their group-version-kind and query parameters, so kubectl sees that
/// the server validates fields itself (`fieldValidation`), and carries the CRDs' schemas (for `kubectl explain`).
/// v2 is an empty document: kubectl then computes patches from its built-in types, and merge patches for
/// custom resources, as it does against real servers that publish no v2 schema for them.
enum OpenAPI {
    /// What kube-openapi answers to both forms kubectl may ask for (`...spec.v2@v1.0+protobuf`, the older one, is
    /// not a valid media type: Go's mime parser refuses the "@", so a server must not send it back).
    static let v2ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"

    /// `{swagger: "2.0", info: {title, version}}` in the protobuf form kubectl asks for (gnostic's Document:
    /// field 1 `swagger`, field 2 `info` with field 1 `title` and field 2 `version`).
    static var v2: APIResponse {
        func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2, UInt8(bytes.count)] + bytes }
        let info = field(1, Array("swiftlet".utf8)) + field(2, Array("v1.32.0".utf8))
        return .body(status: 200, contentType: v2ContentType, bytes: field(1, Array("2.0".utf8)) + field(2, info))
    }

    static func v3Root(_ registry: ResourceRegistry) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for (group, versions) in registry.groupVersions {
            for version in versions {
                let path = group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
                let document = (try? v3(group: group, version: version, registry: registry)) ?? [:]
                paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash(document.serialized()))")]
            }
        }
        return ["paths": .object(paths)]
    }

    static func v3(group: String, version: String, registry: ResourceRegistry) throws(APIServerError) -> JSONValue {
        let resources = registry.resources(group: group, version: version)
        guard !resources.isEmpty else { throw .pathNotFound() }
        var paths: [String: JSONValue] = [:]
        var schemas: [String: JSONValue] = [:]
        for info in resources {
            let gvk: JSONValue = [["group": .string(group), "version": .string(version), "kind": .string(info.type.kind)]]
            let namespace = info.type.namespaced ? "{namespace}" : nil
            paths[info.type.objectPath(namespace: namespace, name: "{name}")] = objectOperations(info, gvk: gvk)
            paths[info.type.collectionPath(namespace: namespace)] = collectionOperations(info, gvk: gvk)
            if let schema = info.schema {
                var published = schema
                published["x-kubernetes-group-version-kind"] = gvk
                published[path: ["properties", "metadata"]] = ["type": "object", "description": "Standard object's metadata."]
                published[path: ["properties", "apiVersion"]] = ["type": "string", "description": "APIVersion defines the versioned schema of this representation of an object."]
                published[path: ["properties", "kind"]] = ["type": "string", "description": "Kind is a string value representing the REST resource this object represents."]
                schemas[schemaName(info)] = published
            }
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.0"], "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }

    private static func schemaName(_ info: ResourceInfo) -> String {
        let reversedGroup = info.type.group.split(separator: ".").reversed().joined(separator: ".")
        return "\(reversedGroup).\(info.type.version).\(info.type.kind)"
    }

    private static func parameters(_ names: [String]) -> JSONValue {
        .array(names.map { ["name": .string($0), "in": "query", "schema": ["type": "string", "uniqueItems": true]] })
    }

    private static func operation(_ id: String, gvk: JSONValue, parameters names: [String], body: [String] = []) -> JSONValue {
        var operation: JSONValue = [
            "operationId": .string(id), "parameters": parameters(names), "x-kubernetes-group-version-kind": gvk.arrayValue?.first ?? [:],
            "responses": ["200": ["description": "OK"]],
        ]
        if !body.isEmpty {
            operation["requestBody"] = ["content": .object(Dictionary(uniqueKeysWithValues: body.map { ($0, JSONValue.object(["schema": ["type": "object"]])) }))]
        }
        return operation
    }

    private static func objectOperations(_ info: ResourceInfo, gvk: JSONValue) -> JSONValue {
        let kind = info.type.kind
        let patchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]
        return [
            "get": operation("read\(kind)", gvk: gvk, parameters: ["pretty"]),
            "put": operation("replace\(kind)", gvk: gvk, parameters: ["dryRun", "fieldManager", "fieldValidation"], body: ["application/json"]),
            "patch": operation("patch\(kind)", gvk: gvk, parameters: ["dryRun", "fieldManager", "fieldValidation", "force"], body: patchTypes),
            "delete": operation("delete\(kind)", gvk: gvk, parameters: ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
        ]
    }

    private static func collectionOperations(_ info: ResourceInfo, gvk: JSONValue) -> JSONValue {
        let kind = info.type.kind
        let listParameters = ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion", "timeoutSeconds", "watch"]
        return [
            "get": operation("list\(kind)", gvk: gvk, parameters: listParameters),
            "post": operation("create\(kind)", gvk: gvk, parameters: ["dryRun", "fieldManager", "fieldValidation"], body: ["application/json"]),
            "delete": operation("deletecollection\(kind)", gvk: gvk, parameters: listParameters + ["propagationPolicy"]),
        ]
    }

    /// FNV-1a, printed in hex: changes whenever a document changes, so kubectl's cache of it stays fresh.
    private static func hash(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(value, radix: 16, uppercase: true)
    }
}
