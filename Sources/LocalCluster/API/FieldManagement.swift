import APIMachinery
import Foundation
import ServingAPI

/// `metadata.managedFields`: server-side apply, and the "Update" entries every other write records (through
/// APIMachinery's `ServerSideApply`), with the kind's patch strategy so list elements are described alike.
enum FieldManagement {
    static func recordCreate(_ object: JSONValue, manager: String, now: Date) throws(APIServerError) -> JSONValue {
        var object = object
        object[path: ["metadata", "managedFields"]] = nil
        return ServerSideApply.recordUpdate(
            from: nil, to: object, manager: manager, subresource: nil, now: K8s.timestamp(now), strategy: strategy(of: object))
    }

    static func recordUpdate(
        from old: JSONValue, to object: JSONValue, manager: String, subresource: String?, now: Date
    ) throws(APIServerError) -> JSONValue {
        var object = object
        if object[path: ["metadata", "managedFields"]] == nil {
            object[path: ["metadata", "managedFields"]] = old[path: ["metadata", "managedFields"]]
        }
        return ServerSideApply.recordUpdate(
            from: old, to: object, manager: manager, subresource: subresource, now: K8s.timestamp(now), strategy: strategy(of: object))
    }

    /// `kubectl apply --server-side`: `live` is nil when apply creates the object. Status is reset (not owned,
    /// not applied) on the main resource of a kind with a status subresource, and everything else on a status write.
    static func apply(
        _ config: JSONValue, to live: JSONValue?, info: ResourceInfo, manager: String, force: Bool, subresource: String?,
        now: Date
    ) throws(APIServerError) -> JSONValue {
        var reset: Set<String> = []
        if info.hasStatus {
            reset = subresource == "status" ? Set((config.objectValue ?? [:]).keys).subtracting(["apiVersion", "kind", "metadata", "status"]) : ["status"]
        }
        let strategy = PatchStrategy.forKind(group: info.type.group, kind: info.type.kind)
        return try machinery(info, config) { () throws(MachineryError) in
            try ServerSideApply.apply(
                config: config, to: live, manager: manager, force: force, strategy: strategy, now: K8s.timestamp(now),
                subresource: subresource, resetFields: reset)
        }
    }

    private static func strategy(of object: JSONValue) -> PatchStrategy {
        let group = object.apiVersion.map { $0.contains("/") ? String($0.split(separator: "/").first ?? "") : "" } ?? ""
        return PatchStrategy.forKind(group: group, kind: object.kind ?? "")
    }
}
