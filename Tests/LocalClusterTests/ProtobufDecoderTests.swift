import ServingAPI
import Testing

@testable import LocalCluster

/// Hand-encoded protobuf bodies, as kubectl's typed clients send them.
@Suite struct ProtobufDecoderTests {
    private func field(_ number: UInt8, _ bytes: [UInt8]) -> [UInt8] { [number << 3 | 2, UInt8(bytes.count)] + bytes }
    private func field(_ number: UInt8, _ text: String) -> [UInt8] { field(number, Array(text.utf8)) }
    private func varint(_ number: UInt8, _ value: UInt8) -> [UInt8] { [number << 3, value] }

    private func envelope(apiVersion: String, kind: String, raw: [UInt8]) -> [UInt8] {
        ProtobufDecoder.magic + field(1, field(1, apiVersion) + field(2, kind)) + field(2, raw)
    }

    @Test func refusesLengthsAndTimesThatDoNotFit() {
        // A length-delimited field whose length is 2^64 - 1.
        let huge: [UInt8] = [0x0a] + Array(repeating: 0xff, count: 9) + [0x01]
        #expect(throws: APIServerError.self) {
            try ProtobufDecoder(schema: .kubernetes).decodeObject(envelope(apiVersion: "v1", kind: "ConfigMap", raw: huge))
        }
        // metadata.creationTimestamp.seconds = 2^63 - 1.
        let seconds: [UInt8] = [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]
        let metadata = field(1, "t") + field(8, seconds)
        #expect(throws: APIServerError.self) {
            try ProtobufDecoder(schema: .kubernetes).decodeObject(envelope(apiVersion: "v1", kind: "ConfigMap", raw: field(1, metadata)))
        }
    }

    @Test func decodesAConfigMapWithMetadataAndData() throws {
        let metadata = field(1, "settings") + field(2, "") + field(3, "team") + field(11, field(1, "app") + field(2, "web"))
        let raw = field(1, metadata) + field(2, field(1, "mode") + field(2, "fast"))
        let object = try ProtobufDecoder(schema: .kubernetes).decodeObject(envelope(apiVersion: "v1", kind: "ConfigMap", raw: raw))
        #expect(object == [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": "settings", "namespace": "team", "labels": ["app": "web"]],
            "data": ["mode": "fast"],
        ])
    }

    @Test func decodesNestedMessagesIntOrStringAndRepeatedFields() throws {
        let port = field(1, "http") + varint(3, 80) + field(4, varint(1, 0) + varint(2, 100))
        let named = field(4, varint(1, 1) + field(3, "web"))
        let spec = field(1, port) + field(1, field(1, "alt") + varint(3, 81) + named) + field(2, field(1, "app") + field(2, "web"))
        let raw = field(1, field(1, "front")) + field(2, spec)
        let object = try ProtobufDecoder(schema: .kubernetes).decodeObject(envelope(apiVersion: "v1", kind: "Service", raw: raw))
        #expect(object[path: ["spec", "ports"]] == [
            ["name": "http", "port": 80, "targetPort": 100], ["name": "alt", "port": 81, "targetPort": "web"],
        ])
        #expect(object[path: ["spec", "selector"]] == ["app": "web"])
    }

    @Test func refusesBodiesWithoutTheMagicOrOfUnknownKinds() {
        #expect(throws: APIServerError.self) { try ProtobufDecoder(schema: .kubernetes).decodeObject([1, 2, 3, 4]) }
        let unknown = envelope(apiVersion: "example.com/v1", kind: "Widget", raw: [])
        do {
            _ = try ProtobufDecoder(schema: .kubernetes).decodeObject(unknown)
            Issue.record("custom resources have no protobuf form")
        } catch {
            #expect(error.status.code == 415)
        }
    }
}
