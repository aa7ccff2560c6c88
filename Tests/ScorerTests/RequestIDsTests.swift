import NIOHTTP1
import Testing

@testable import Scorer

@Suite struct RequestIDsTests {
    private func headers(of request: HTTPHeaders) throws -> HTTPHeaders {
        var response = ScorerResponse(status: .ok)
        try RequestIDs(headers: request).apply(to: &response)
        return response.headers
    }

    @Test func givenRequestIDIsEchoedAndBecomesTheLegacyID() throws {
        let out = try headers(of: ["x-request-id": "abc"])
        #expect(out["x-request-id"] == ["abc"] && out["x-ms-request-id"] == ["abc"])
        #expect(out["x-ms-client-request-id"].isEmpty)
    }

    @Test func missingRequestIDIsANewUUID() throws {
        let out = try headers(of: [:])
        #expect(out.first(name: "x-request-id")?.count == 36)
    }

    @Test func clientIDFillsTheLegacyID() throws {
        let out = try headers(of: ["x-ms-client-request-id": "c"])
        #expect(out["x-ms-request-id"] == ["c"] && out["x-ms-client-request-id"] == ["c"])
    }

    @Test func legacyIDFillsTheClientID() throws {
        let out = try headers(of: ["x-ms-request-id": "l", "TraceId": "t"])
        #expect(out["x-ms-client-request-id"] == ["l"] && out["TraceId"] == ["t"])
    }

    @Test(arguments: ["x-request-id", "x-ms-request-id", "x-ms-client-request-id"])
    func overLongIDsAre431(header: String) {
        #expect(throws: RequestIDs.TooLong.self) {
            try RequestIDs(headers: [header: String(repeating: "x", count: 101)])
        }
    }
}
