import Foundation
import ServingAPI

/// Reads `application/vnd.kubernetes.protobuf` bodies (what kubectl's typed clients, e.g. `kubectl create
/// namespace|configmap|deployment`, send for built-in kinds) into the JSON form the server stores: the `k8s\0`
/// magic, a `runtime.Unknown` envelope with apiVersion and kind, and the object's message inside. Empty scalars
/// are dropped as JSON's `omitempty` would; times become RFC 3339 strings, IntOrString an int or a string.
struct ProtobufDecoder {
    let schema: ProtobufSchema

    static let magic: [UInt8] = [0x6b, 0x38, 0x73, 0x00]

    func decodeObject(_ bytes: [UInt8]) throws(APIServerError) -> JSONValue {
        guard bytes.starts(with: Self.magic) else { throw .badRequest("a protobuf body must start with the k8s magic bytes") }
        let envelope = try fields(of: Array(bytes.dropFirst(4)))
        let typeMeta = try fields(of: envelope[1]?.last?.bytes ?? [])
        let apiVersion = typeMeta[1]?.last.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        let kind = typeMeta[2]?.last.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        guard let name = ProtobufSchema.messageName(apiVersion: apiVersion, kind: kind), schema.messages[name] != nil else {
            throw .unsupportedMediaType("application/vnd.kubernetes.protobuf (\(kind) of \(apiVersion))")
        }
        var object = try message(envelope[2]?.last?.bytes ?? [], type: name)
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        return object
    }

    /// One field occurrence on the wire: a varint, or the bytes of a length-delimited or fixed-width field.
    struct WireValue {
        var varint: UInt64 = 0
        var bytes: [UInt8] = []
    }

    func fields(of bytes: [UInt8]) throws(APIServerError) -> [Int: [WireValue]] {
        var reader = WireReader(bytes: bytes)
        var result: [Int: [WireValue]] = [:]
        while !reader.isAtEnd {
            let key = try reader.varint()
            let number = Int(key >> 3)
            var value = WireValue()
            switch key & 7 {
            case 0: value.varint = try reader.varint()
            case 1: value.bytes = try reader.take(8)
            case 2:
                guard let length = Int(exactly: try reader.varint()) else { throw .badRequest("protobuf field too long") }
                value.bytes = try reader.take(length)
            case 5: value.bytes = try reader.take(4)
            default: throw .badRequest("unsupported protobuf wire type \(key & 7)")
            }
            result[number, default: []].append(value)
        }
        return result
    }

    func message(_ bytes: [UInt8], type: String) throws(APIServerError) -> JSONValue {
        if let special = try wellKnown(bytes, type: type) { return special }
        guard let definition = schema.messages[type] else { throw .unsupportedMediaType("application/vnd.kubernetes.protobuf (\(type))") }
        var members: [String: JSONValue] = [:]
        for (number, values) in try fields(of: bytes) {
            guard let field = definition[number] else { continue }
            if field.isMap {
                var map: [String: JSONValue] = [:]
                for entry in values {
                    let parts = try fields(of: entry.bytes)
                    let key = parts[1]?.last.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
                    map[key] = try scalar(parts[2]?.last ?? WireValue(), type: field.type)
                }
                members[field.name] = .object(map)
            } else if field.repeated {
                members[field.name] = .array(try values.map { value throws(APIServerError) in try scalar(value, type: field.type) })
            } else if let last = values.last {
                let value = try scalar(last, type: field.type)
                if !Self.isEmpty(value, field: field.name) { members[field.name] = value }
            }
        }
        return .object(members)
    }

    /// What JSON's `omitempty` leaves out; a replica count of 0 is kept (it is a pointer, set on purpose).
    private static func isEmpty(_ value: JSONValue, field: String) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .bool(let flag): !flag
        case .int(let number): number == 0 && field != "replicas"
        default: false
        }
    }

    /// apimachinery's types with their own JSON forms.
    private func wellKnown(_ bytes: [UInt8], type: String) throws(APIServerError) -> JSONValue? {
        let prefix = "k8s.io.apimachinery.pkg."
        guard type.hasPrefix(prefix) else { return nil }
        switch type.dropFirst(prefix.count) {
        case "apis.meta.v1.Time", "apis.meta.v1.MicroTime":
            let parts = try fields(of: bytes)
            let seconds = Int64(bitPattern: parts[1]?.last?.varint ?? 0)
            let nanos = Int64(bitPattern: parts[2]?.last?.varint ?? 0)
            guard seconds != 0 || nanos != 0 else { return .null }
            // metav1.Time's range: years 0001 to 9999.
            guard (-62_135_596_800...253_402_300_799).contains(seconds), (0..<1_000_000_000).contains(nanos) else {
                throw .badRequest("protobuf time out of range: \(seconds) s \(nanos) ns")
            }
            let date = Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9)
            return .string(type.hasSuffix("MicroTime") ? K8s.microTimestamp(date) : K8s.timestamp(date))
        case "util.intstr.IntOrString":
            let parts = try fields(of: bytes)
            if parts[1]?.last?.varint == 1 { return .string(String(decoding: parts[3]?.last?.bytes ?? [], as: UTF8.self)) }
            return .int(Int64(Int32(truncatingIfNeeded: Int64(bitPattern: parts[2]?.last?.varint ?? 0))))
        case "api.resource.Quantity":
            return .string(String(decoding: try fields(of: bytes)[1]?.last?.bytes ?? [], as: UTF8.self))
        case "runtime.RawExtension", "apis.meta.v1.FieldsV1":
            let raw = try fields(of: bytes)[1]?.last?.bytes ?? []
            return raw.isEmpty ? .null : try? JSONValue(parsing: raw)
        case "apis.meta.v1.Duration":
            let nanos = Int64(bitPattern: try fields(of: bytes)[1]?.last?.varint ?? 0)
            return .string("\(Double(nanos) / 1e9)s")
        default:
            return nil
        }
    }

    private func scalar(_ value: WireValue, type: String) throws(APIServerError) -> JSONValue {
        switch type {
        case "string": return .string(String(decoding: value.bytes, as: UTF8.self))
        case "bytes": return .string(Data(value.bytes).base64EncodedString())
        case "bool": return .bool(value.varint != 0)
        case "int64": return .int(Int64(bitPattern: value.varint))
        case "int32": return .int(Int64(Int32(truncatingIfNeeded: Int64(bitPattern: value.varint))))
        case "double": return .double(Double(bitPattern: Self.littleEndian(value.bytes)))
        case "float": return .double(Double(Float(bitPattern: UInt32(truncatingIfNeeded: Self.littleEndian(value.bytes)))))
        default: return try message(value.bytes, type: type)
        }
    }

    private static func littleEndian(_ bytes: [UInt8]) -> UInt64 {
        bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
}

/// Reads varints and length-delimited runs from a protobuf message.
struct WireReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func varint() throws(APIServerError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw .badRequest("truncated protobuf varint")
    }

    mutating func take(_ count: Int) throws(APIServerError) -> [UInt8] {
        guard count >= 0, count <= bytes.count - offset else { throw .badRequest("truncated protobuf field") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }
}
