import Foundation
import ServingAPI

/// Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`): a `meta.k8s.io/v1` Table with
/// a Name column and the CRD version's `additionalPrinterColumns` (default: Age), or, for built-in kinds without
/// their own printers, Name and "Created At", as the apiserver's default table convertor prints them.
public struct TableConverter: Sendable {
    struct Column: Sendable {
        let name: String
        let type: String
        let format: String
        let description: String
        let priority: Int64
        /// nil for a column whose jsonPath does not parse: its cells are null.
        let path: JSONPathExpression?
        /// "Created At": the RFC 3339 creation timestamp rather than an age.
        var createdAt = false
    }

    static let nameDescription = "Name must be unique within a namespace. Is required when creating resources, "
        + "although some resources may allow a client to request the generation of an appropriate name "
        + "automatically. Name is primarily intended for creation idempotence and configuration definition. "
        + "Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
    static let creationDescription = "CreationTimestamp is a timestamp representing the server time when this "
        + "object was created. It is not guaranteed to be set in happens-before order across separate operations. "
        + "Clients may not set this value. It is represented in RFC3339 form and is in UTC."

    let columns: [Column]

    /// `printerColumns`: a CRD version's `additionalPrinterColumns` (`[]` → the CRD default, an Age column);
    /// nil → the built-in default (Name, Created At).
    public init(printerColumns: JSONValue?) {
        guard let printerColumns else {
            columns = [Column(name: "Created At", type: "date", format: "", description: Self.creationDescription,
                priority: 0, path: try? JSONPathExpression(".metadata.creationTimestamp"), createdAt: true)]
            return
        }
        let entries = printerColumns.arrayValue ?? []
        guard !entries.isEmpty else {
            columns = [Column(name: "Age", type: "date", format: "", description: Self.creationDescription,
                priority: 0, path: try? JSONPathExpression(".metadata.creationTimestamp"))]
            return
        }
        columns = entries.map { entry in
            Column(
                name: entry["name"]?.stringValue ?? "", type: entry["type"]?.stringValue ?? "string",
                format: entry["format"]?.stringValue ?? "", description: entry["description"]?.stringValue ?? "",
                priority: entry["priority"]?.intValue ?? 0,
                path: (entry["jsonPath"]?.stringValue).flatMap { try? JSONPathExpression($0) })
        }
    }

    /// The Table for `objects`; `now` for ages; `listMetadata` (resourceVersion, continue) becomes its metadata.
    public func table(for objects: [JSONValue], now: Date, listMetadata: JSONValue) -> JSONValue {
        let nameColumn: JSONValue = [
            "name": "Name", "type": "string", "format": "name", "description": .string(Self.nameDescription),
            "priority": 0,
        ]
        let definitions = columns.map { column -> JSONValue in
            [
                "name": .string(column.name), "type": .string(column.type), "format": .string(column.format),
                "description": .string(column.description), "priority": .int(column.priority),
            ]
        }
        let rows = objects.map { object -> JSONValue in
            [
                "cells": .array([.string(object.name ?? "")] + columns.map { cell($0, object, now: now) }),
                "object": [
                    "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                    "metadata": object["metadata"] ?? [:],
                ],
            ]
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata,
            "columnDefinitions": .array([nameColumn] + definitions), "rows": .array(rows),
        ]
    }

    func cell(_ column: Column, _ object: JSONValue, now: Date) -> JSONValue {
        guard let value = column.path?.evaluate(object).first, value != .null else { return .null }
        switch (column.type, value) {
        case ("string", _): return .string(GoText.print(value))
        case ("integer", .int): return value
        case ("integer", .double(let number)): return number.isFinite ? .int(Int64(number.rounded(.towardZero))) : .null
        case ("number", .int(let number)): return .double(Double(number))
        case ("number", .double): return value
        case ("boolean", .bool): return value
        case ("date", .string(let text)):
            guard let date = K8s.parseTimestamp(text) else { return "<invalid>" }
            if column.createdAt { return .string(K8s.timestamp(date)) }
            return .string(HumanDuration.text(seconds: now.timeIntervalSince(date)))
        default: return .null
        }
    }
}

/// Values as kubectl's JSONPath printer writes them (Go's `fmt.Print`): strings bare, maps as `map[k:v]`,
/// lists as `[a b]`.
enum GoText {
    static func print(_ value: JSONValue) -> String {
        switch value {
        case .null: "<nil>"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): number.goText
        case .string(let text): text
        case .array(let elements): "[" + elements.map(print).joined(separator: " ") + "]"
        case .object(let members): "map[" + members.keys.sorted().map { "\($0):\(print(members[$0]!))" }.joined(separator: " ") + "]"
        }
    }
}
