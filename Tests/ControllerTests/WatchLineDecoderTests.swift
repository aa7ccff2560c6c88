import NIOHTTP1
import ServingAPI
import Testing
@testable import Controller

@Suite struct WatchLineDecoderTests {
    static let stream = Array("""
        {"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}
        {"type":"MODIFIED","object":{"metadata":{"name":"a","resourceVersion":"6"},"data":{"k":"é"}}}
        {"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"9"}}}
        {"type":"DELETED","object":{"metadata":{"name":"a","resourceVersion":"10"}}}
        {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}

        """.utf8)

    static let expected: [WatchEvent] = [
        .added(["metadata": ["name": "a", "resourceVersion": "5"]]),
        .modified(["metadata": ["name": "a", "resourceVersion": "6"], "data": ["k": "é"]]),
        .bookmark(resourceVersion: "9"),
        .deleted(["metadata": ["name": "a", "resourceVersion": "10"]]),
        .error(K8s.Status(code: 410, reason: "Expired", message: "too old resource version: 1 (5)")),
    ]

    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func eventsSplitAcrossChunksOfAnySizeDecodeTheSame(chunkSize: Int) throws {
        var decoder = WatchLineDecoder()
        var events: [WatchEvent] = []
        var index = 0
        while index < Self.stream.count {
            let end = min(index + chunkSize, Self.stream.count)
            events += try decoder.feed(Self.stream[index..<end])
            index = end
        }
        #expect(try decoder.finish() == nil)
        #expect(events == Self.expected)
    }

    @Test func aLastLineWithoutNewlineIsDeliveredAtTheEnd() throws {
        var decoder = WatchLineDecoder()
        let events = try decoder.feed(Array(#"{"type":"ADDED","object":{"metadata":{"name":"b"}}}"#.utf8))
        #expect(events.isEmpty)
        #expect(try decoder.finish() == .added(["metadata": ["name": "b"]]))
    }

    @Test func theBufferIsBounded() {
        var decoder = WatchLineDecoder(maximumLineBytes: 32)
        #expect(throws: KubeError.self) { try decoder.feed(Array(repeating: UInt8(ascii: "x"), count: 40)) }
    }

    @Test(arguments: [
        #"{"type":"ADDED"}"#, #"{"type":"RENAMED","object":{}}"#, #"not json"#, #"{"type":"BOOKMARK","object":{}}"#,
    ])
    func malformedEventsAreDecodingErrors(line: String) {
        var decoder = WatchLineDecoder()
        #expect(throws: KubeError.self) { try decoder.feed(Array((line + "\n").utf8)) }
    }
}

@Suite struct StatusDecodingTests {
    @Test func aStatusBodyBecomesTheAPIError() {
        let body = Array(#"""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"x\" already exists",
             "reason":"AlreadyExists","details":{"name":"x","kind":"configmaps"},"code":409}
            """#.utf8)
        let status = KubeClient.status(from: body, httpStatus: .conflict)
        #expect(status.code == 409)
        #expect(status.reason == "AlreadyExists")
        #expect(status.details?.name == "x")
        #expect(KubeError.api(status).isAlreadyExists)
        #expect(!KubeError.api(status).isConflict)
    }

    @Test func aBodyThatIsNotAStatusKeepsTheHTTPStatus() {
        let status = KubeClient.status(from: Array("upstream gone".utf8), httpStatus: .gone)
        #expect(status.code == 410)
        #expect(status.reason == "Expired")
        #expect(status.message == "upstream gone")
        #expect(KubeError.api(status).isGone)
        let empty = KubeClient.status(from: [], httpStatus: .notFound)
        #expect(KubeError.api(empty).isNotFound)
        #expect(empty.message == "Not Found")
    }
}
