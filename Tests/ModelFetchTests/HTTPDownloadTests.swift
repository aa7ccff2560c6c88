import Foundation
import Testing
@testable import ModelFetch

/// Downloads against a real HTTP server on 127.0.0.1.
@Suite struct HTTPDownloadTests {
    private func fetch(
        _ url: String, _ directory: TemporaryDirectory, sha256: String? = nil, credentials: String? = nil,
        timeoutSeconds: Int = 30
    ) async throws(ModelFetchError) -> FetchResult {
        let request = try ModelFetchRequest(
            uri: url, sha256: sha256, destination: directory.path + "/dest", credentialsDirectory: credentials,
            timeoutSeconds: timeoutSeconds)
        return try await fetcher().fetch(request)
    }

    @Test func downloadsAndVerifies() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let expected = try sha256sum(bytes: TestHTTPServer.modelBody)
        try await TestHTTPServer.with { server in
            let result = try await fetch("http://127.0.0.1:\(server.port)/model.onnx", directory, sha256: expected)
            #expect(result.bytes == Int64(TestHTTPServer.modelBody.count))
            #expect(result.sha256 == expected)
            #expect(directory.read("dest/model.onnx") == TestHTTPServer.modelBody)
            #expect(directory.entries("dest") == ["model.onnx"])
            #expect(server.requests.first?.headers["Authorization"] == [])
        }
    }

    @Test func notFound() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestHTTPServer.with { server in
            let url = "http://127.0.0.1:\(server.port)/missing.onnx"
            let error = await #expect(throws: ModelFetchError.self) { try await fetch(url, directory) }
            #expect(error?.code == .notFound)
            #expect(error?.message == "model not found: GET \(url) answered 404")
            #expect(directory.entries("dest") == [])
        }
    }

    @Test func bearerTokenFromTheCredentialsDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestHTTPServer.with { server in
            let url = "http://127.0.0.1:\(server.port)/private.onnx"
            let error = await #expect(throws: ModelFetchError.self) { try await fetch(url, directory) }
            #expect(error?.code == .unauthorized)
            #expect(error?.message.contains("answered 401 (sent no token") == true)
            try directory.write("secret/token", Array("  \(TestHTTPServer.token)\n".utf8))
            let result = try await fetch(url, directory, credentials: directory.path + "/secret")
            #expect(result.bytes == Int64(TestHTTPServer.modelBody.count))
            #expect(server.requests.last?.headers["Authorization"] == ["Bearer \(TestHTTPServer.token)"])
        }
    }

    @Test func followsARedirect() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestHTTPServer.with { server in
            _ = try await fetch("http://127.0.0.1:\(server.port)/redirect", directory)
            #expect(directory.read("dest/model.onnx") == TestHTTPServer.modelBody)
            #expect(server.requests.map(\.path) == ["/redirect", "/model.onnx"])
        }
    }

    @Test func streamsALargeBodyWhileHashing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let body = TestHTTPServer.largeBody()
        let expected = try sha256sum(bytes: body)
        try await TestHTTPServer.with { server in
            let result = try await fetch("http://127.0.0.1:\(server.port)/large", directory, sha256: expected)
            #expect(result.bytes == Int64(TestHTTPServer.largeSize))
            #expect(result.sha256 == expected)
            #expect(directory.read("dest/model.onnx") == body)
        }
    }

    @Test func otherStatusesCarryTheStartOfTheBody() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestHTTPServer.with { server in
            let error = await #expect(throws: ModelFetchError.self) {
                try await fetch("http://127.0.0.1:\(server.port)/broken", directory)
            }
            #expect(error?.code == .httpStatus)
            #expect(error?.message.contains("answered 500 Internal Server Error: " + String(repeating: "e", count: 200)) == true)
            #expect(error?.message.contains(String(repeating: "e", count: 201)) == false)
        }
    }

    @Test func unreachable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = try await TestHTTPServer.unusedPort()
        let error = await #expect(throws: ModelFetchError.self) {
            try await fetch("http://127.0.0.1:\(port)/model.onnx", directory)
        }
        #expect(error?.code == .unreachable)
        #expect(error?.message.hasPrefix("unreachable: 127.0.0.1: ") == true)
    }

    @Test func theWholeFetchIsBounded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestHTTPServer.with { server in
            let error = await #expect(throws: ModelFetchError.self) {
                try await fetch("http://127.0.0.1:\(server.port)/slow", directory, timeoutSeconds: 1)
            }
            #expect(error?.code == .timeout)
            #expect(directory.entries("dest") == [])
        }
    }

    @Test func s3GetIsSignedAndPathStyle() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await TestHTTPServer.with { server in
            try directory.write("aws/AWS_ACCESS_KEY_ID", Array("AKIDTEST".utf8))
            try directory.write("aws/AWS_SECRET_ACCESS_KEY", Array("secret".utf8))
            try directory.write("aws/AWS_REGION", Array("eu-central-1".utf8))
            try directory.write("aws/AWS_ENDPOINT_URL", Array("http://127.0.0.1:\(server.port)/".utf8))
            let result = try await fetch(
                "s3://models-bucket/path/to/model.onnx", directory, credentials: directory.path + "/aws")
            #expect(result.bytes == Int64(TestHTTPServer.modelBody.count))
            let request = try #require(server.requests.last)
            #expect(request.path == "/models-bucket/path/to/model.onnx")
            #expect(request.headers["x-amz-content-sha256"] == ["UNSIGNED-PAYLOAD"])
            #expect(request.headers["x-amz-date"] == ["20130524T000000Z"])
            let authorization = request.headers["Authorization"].first ?? ""
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/20130524/eu-central-1/s3/aws4_request,"))
        }
    }
}
