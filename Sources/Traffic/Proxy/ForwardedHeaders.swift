import NIOHTTP1

/// The request head's rewriting for the scorer: hop-by-hop headers (RFC 9110 §7.6.1, and those `Connection`
/// names) stay on their hop; the scorer learns the client through `X-Forwarded-*`; a request id ties both sides' logs
/// together. (The answer's head is rewritten as bytes: `ResponseHead`, `RawResponse.proxied`.)
enum ForwardedHeaders {
    static let requestID = "x-request-id"
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]

    static func stripHopByHop(_ headers: inout HTTPHeaders) {
        let named = headers[canonicalForm: "connection"].map { $0.lowercased() }
        guard headers.contains(where: { hopByHop.contains($0.name.lowercased()) }) else { return }
        headers = HTTPHeaders(headers.filter { !hopByHop.contains($0.name.lowercased()) && !named.contains($0.name.lowercased()) })
    }

    /// The request head the scorer gets.
    static func upstream(
        _ head: HTTPRequestHead, uri: String, requestID: String, client: String?
    ) -> HTTPRequestHead {
        var headers = head.headers
        let chunked = headers[canonicalForm: "transfer-encoding"].contains { $0.lowercased() == "chunked" }
        stripHopByHop(&headers)
        // A body without a length keeps its chunked framing on the next hop.
        if chunked, !headers.contains(name: "content-length") { headers.add(name: "transfer-encoding", value: "chunked") }
        if let client {
            let previous = headers.first(name: "x-forwarded-for")
            headers.replaceOrAdd(name: "x-forwarded-for", value: previous.map { "\($0), \(client)" } ?? client)
        }
        if !headers.contains(name: "x-forwarded-proto") { headers.add(name: "x-forwarded-proto", value: "http") }
        if let host = head.headers.first(name: "host"), !headers.contains(name: "x-forwarded-host") {
            headers.add(name: "x-forwarded-host", value: host)
        }
        headers.replaceOrAdd(name: Self.requestID, value: requestID)
        return HTTPRequestHead(version: .http1_1, method: head.method, uri: uri, headers: headers)
    }
}
