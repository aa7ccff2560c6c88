import APIMachinery
import Foundation
import ServingAPI

/// Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): a `meta.k8s.io/v1` Table with
/// NAME and AGE for every kind, plus a CRD's additionalPrinterColumns where they exist. Nil when the client did
/// not ask for a Table.
struct TableRendering: Sendable {
    let info: ResourceInfo
    let includeObject: String
    var now: Date = Date()

    init?(info: ResourceInfo, accept: String, includeObject: String? = nil, now: Date = Date()) throws(APIServerError) {
        let wantsTable = accept.split(separator: ",").first.map { $0.contains("as=Table") } ?? false
        guard wantsTable else { return nil }
        self.info = info
        self.includeObject = includeObject ?? "Metadata"
        self.now = now
    }

    static let nameColumn: JSONValue = [
        "name": "Name", "type": "string", "format": "name", "priority": 0,
        "description": "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
    ]

    static let ageColumn: JSONValue = [
        "name": "Age", "type": "string", "format": "", "priority": 0,
        "description": "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.",
    ]

    func table(for objects: [JSONValue], listMetadata: JSONValue, withColumns: Bool = true) -> JSONValue {
        if info.isCustom {
            var table = TableConverter(printerColumns: .array(info.printerColumns)).table(for: objects, now: now, listMetadata: listMetadata)
            if !withColumns { table["columnDefinitions"] = [] }
            return table
        }
        if info.storageKey == ResourceInfo.customResourceDefinitions.storageKey {
            var table = TableConverter(printerColumns: nil).table(for: objects, now: now, listMetadata: listMetadata)
            if !withColumns { table["columnDefinitions"] = [] }
            return table
        }
        let columns = BuiltInColumns.columns(storageKey: info.storageKey)
        var table: JSONValue = [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata,
            "rows": .array(objects.map { row($0, columns) }),
        ]
        let definitions = columns.map { column -> JSONValue in
            ["name": .string(column.name), "type": .string(column.type), "format": "", "description": "", "priority": 0]
        }
        table["columnDefinitions"] = withColumns ? .array([Self.nameColumn] + definitions + [Self.ageColumn]) : []
        return table
    }

    private func row(_ object: JSONValue, _ columns: [BuiltInColumns.Column]) -> JSONValue {
        let created = object[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(K8s.parseTimestamp)
        let age = created.map { HumanDuration.format(now.timeIntervalSince($0)) } ?? "<unknown>"
        let cells = [JSONValue.string(object.name ?? "")] + columns.map { $0.cell(object) } + [.string(age)]
        return ["cells": .array(cells), "object": embedded(object)]
    }

    private func embedded(_ object: JSONValue) -> JSONValue {
        switch includeObject {
        case "None": return .null
        case "Object": return object
        default:
            return ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:]]
        }
    }
}

/// How kubectl shows ages (`5s`, `3m20s`, `2d4h`, ...): apimachinery's HumanDuration.
enum HumanDuration {
    static func format(_ interval: TimeInterval) -> String {
        let seconds = Int(interval)
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 192 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        let days = hours / 24
        if hours < 24 * 365 * 8 { return days % 365 == 0 ? "\(days / 365)y" : "\(days / 365)y\(days % 365)d" }
        return "\(days / 365)y"
    }
}
