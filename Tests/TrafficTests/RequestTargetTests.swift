import NIOCore
import NIOHTTP1
import Testing

@testable import Traffic

@Suite struct RequestTargetTests {
    @Test(arguments: [
        ("/endpoints/default/mnist/score", "/score"),
        ("/endpoints/default/mnist/score?verbose=true", "/score?verbose=true"),
        ("/endpoints/default/mnist/swagger.json", "/swagger.json"),
        ("/endpoints/default/mnist/v2/models/mnist/infer", "/v2/models/mnist/infer"),
        ("/endpoints/default/mnist/v2", "/v2"),
    ])
    func pathsNameAnEndpointAndTheScorerRoute(uri: String, upstream: String) throws {
        let target = try RequestTarget.parse(uri: uri, host: "router:8080", domain: nil)
        #expect(target == .endpoint(EndpointKey(namespace: "default", name: "mnist"), upstreamURI: upstream))
    }

    @Test(arguments: ["/endpoints/default/mnist/metrics", "/endpoints/default/mnist", "/endpoints//mnist/score",
        "/endpoints/default/mnist/v2x", "/score", "/"])
    func otherPathsAreNotRoutes(uri: String) {
        #expect(throws: RouterError.noRoute) { try RequestTarget.parse(uri: uri, host: nil, domain: nil) }
    }

    @Test func theRoutersOwnRoutes() throws {
        #expect(try RequestTarget.parse(uri: "/readyz", host: nil, domain: nil) == .local(.readyz))
        #expect(try RequestTarget.parse(uri: "/metrics?x=1", host: nil, domain: "models.example.com") == .local(.metrics))
    }

    @Test func aHostUnderTheDomainNamesTheEndpoint() throws {
        let target = try RequestTarget.parse(uri: "/v2/health/ready", host: "mnist.prod.models.example.com:8080",
            domain: "models.example.com")
        #expect(target == .endpoint(EndpointKey(namespace: "prod", name: "mnist"), upstreamURI: "/v2/health/ready"))
        // Too many labels, another domain: not an endpoint host.
        #expect(throws: RouterError.noRoute) {
            try RequestTarget.parse(uri: "/score", host: "a.b.c.models.example.com", domain: "models.example.com")
        }
    }
}

@Suite struct ForwardedHeadersTests {
    @Test func hopByHopHeadersStayOnTheirHop() {
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/endpoints/default/a/score", headers: [
            "Host": "router", "Connection": "keep-alive, X-Secret-Hop", "X-Secret-Hop": "1", "Keep-Alive": "timeout=5",
            "Content-Length": "2", "Upgrade": "h2c", "Authorization": "Bearer k", "X-Forwarded-For": "10.1.1.1",
        ])
        let upstream = ForwardedHeaders.upstream(head, uri: "/score", requestID: "r1", client: "127.0.0.1")
        for name in ["connection", "x-secret-hop", "keep-alive", "upgrade"] { #expect(!upstream.headers.contains(name: name)) }
        #expect(upstream.uri == "/score")
        #expect(upstream.headers["content-length"] == ["2"])
        #expect(upstream.headers["x-forwarded-for"] == ["10.1.1.1, 127.0.0.1"])
        #expect(upstream.headers["x-forwarded-host"] == ["router"])
        #expect(upstream.headers["x-forwarded-proto"] == ["http"])
        #expect(upstream.headers["x-request-id"] == ["r1"])
    }

    @Test func aChunkedBodyStaysChunked() {
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/", headers: ["Transfer-Encoding": "chunked"])
        #expect(ForwardedHeaders.upstream(head, uri: "/score", requestID: "r", client: nil).headers["transfer-encoding"]
            == ["chunked"])
    }

    @Test func theClientLearnsTheDeploymentAndRequestID() throws {
        let head = try #require(try ResponseHead.parse(
            ByteBuffer(string: "HTTP/1.1 201 Created\r\nContent-Length: 3\r\nConnection: close\r\n\r\n"), method: .POST))
        let written = RawResponse.proxied(head, deployment: "green", requestID: "r9", keepAlive: false, chunked: false,
            allocator: ByteBufferAllocator())
        #expect(String(buffer: written) == "HTTP/1.1 201 Created\r\nContent-Length: 3\r\nx-request-id: r9\r\n"
            + "x-swiftlet-deployment: green\r\nazureml-model-deployment: green\r\nConnection: close\r\n\r\n")
    }
}

@Suite struct AuthenticationTests {
    private let keys = [Array("primary-key".utf8), Array("secondary-key".utf8)]

    @Test func eitherKeyIsAccepted() throws {
        try RoutingDecision.authenticate(["Authorization": "Bearer primary-key"], keys: keys)
        try RoutingDecision.authenticate(["authorization": "bearer secondary-key"], keys: keys)
    }

    @Test(arguments: [nil, "Basic cHJpbWFyeS1rZXk=", "Bearer primary-ke", "Bearer primary-key2", "Bearer "])
    func anythingElseIsRefused(header: String?) {
        let headers = header.map { HTTPHeaders([("Authorization", $0)]) } ?? HTTPHeaders()
        #expect(throws: RouterError.self) { try RoutingDecision.authenticate(headers, keys: keys) }
    }

    @Test func noKeysRefuseEverything() {
        #expect(throws: RouterError.self) { try RoutingDecision.authenticate(["Authorization": "Bearer x"], keys: []) }
    }

    @Test func constantTimeComparisonIsStillEquality() {
        #expect(RoutingDecision.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!RoutingDecision.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!RoutingDecision.constantTimeEquals([1, 2, 3], [1, 2, 3, 0]))
        #expect(!RoutingDecision.constantTimeEquals([], [0]))
    }
}
