import Foundation
import NIOHTTP1

/// Request correlation headers, as azmlinfsrv sets them: `x-request-id` (given or a new UUID),
/// `x-ms-client-request-id`, the legacy `x-ms-request-id`, and `TraceId` echoed back.
/// Checked before the request runs: an over-long id is a 431.
struct RequestIDs {
    static let limit = 100

    var requestID: String
    var legacy: String
    var client: String
    var trace: String?

    struct TooLong: Error {
        var message: String
        var response: ScorerResponse { .azureError(.init(statusCode: 431), message) }
    }

    init(headers: HTTPHeaders) throws(TooLong) {
        requestID = headers.first(name: "x-request-id") ?? UUID().uuidString.lowercased()
        guard requestID.count <= Self.limit else {
            throw TooLong(message: "x-request-id must not exceed \(Self.limit) characters")
        }
        legacy = headers.first(name: "x-ms-request-id") ?? ""
        client = headers.first(name: "x-ms-client-request-id") ?? ""
        if !legacy.isEmpty {
            if client.isEmpty { client = legacy }
        } else {
            legacy = client.isEmpty ? requestID : client
        }
        guard legacy.count <= Self.limit, client.count <= Self.limit else {
            throw TooLong(message: "x-ms-request-id and x-ms-client-request-id must not exceed \(Self.limit) characters")
        }
        trace = headers.first(name: "TraceId")
    }

    func apply(to response: inout ScorerResponse) {
        response.headers.replaceOrAdd(name: "x-request-id", value: requestID)
        response.headers.replaceOrAdd(name: "x-ms-request-id", value: legacy)
        if !client.isEmpty { response.headers.replaceOrAdd(name: "x-ms-client-request-id", value: client) }
        if let trace { response.headers.add(name: "TraceId", value: trace) }
    }
}
