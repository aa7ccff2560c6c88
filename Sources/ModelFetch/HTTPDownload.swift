import AsyncHTTPClient
import Foundation
import NIOCore

/// One GET streamed to a new file while it is hashed: the HTTP, HTTPS and S3 transport.
struct HTTPDownload {
    static let maxRedirects = 5
    static let errorBodyPrefix = 200

    let client: HTTPClient
    let url: String
    let headers: [(name: String, value: String)]
    /// How the request authenticated itself, for 401/403 messages ("sent a bearer token from ...").
    let authentication: String
    let timeout: Duration

    static func configuration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: maxRedirects, allowCycles: false))
        // An init container is restarted by Kubernetes: fail fast on a refused connection and report it.
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    func run(to file: String) async throws(ModelFetchError) -> StagedFile {
        var request = HTTPClientRequest(url: url)
        for header in headers { request.headers.add(name: header.name, value: header.value) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
        } catch {
            throw classify(error)
        }
        switch response.status.code {
        case 200..<300:
            return try await stream(response.body, to: file)
        case 404:
            throw ModelFetchError(.notFound, "model not found: GET \(url) answered 404")
        case 401, 403:
            throw ModelFetchError(
                .unauthorized, "unauthorized: GET \(url) answered \(response.status.code) (\(authentication))")
        default:
            let body = await Self.prefix(of: response.body)
            throw ModelFetchError(
                .httpStatus, "GET \(url) answered \(response.status.code) \(response.status.reasonPhrase): \(body)")
        }
    }

    private func stream(_ body: HTTPClientResponse.Body, to path: String) async throws(ModelFetchError) -> StagedFile {
        var file = try HashingFile(creating: path)
        do {
            for try await buffer in body {
                try buffer.withUnsafeReadableBytes { (chunk) throws(ModelFetchError) in try file.write(chunk) }
            }
        } catch let error as ModelFetchError {
            file.abandon()
            throw error
        } catch {
            file.abandon()
            if Task.isCancelled { throw ModelFetchError(.timeout, "GET \(url) was cancelled: \(error)") }
            throw ModelFetchError(.io, "connection lost while downloading \(url): \(error)")
        }
        return try file.finish()
    }

    private func classify(_ error: any Error) -> ModelFetchError {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .cancelled {
                return ModelFetchError(.timeout, "GET \(url) did not answer in time: \(error)")
            }
            if error == .redirectLimitReached || error == .redirectCycleDetected {
                return ModelFetchError(
                    .httpStatus, "GET \(url): \(error): expected at most \(Self.maxRedirects) redirects")
            }
        }
        let host = URL(string: url)?.host ?? url
        return ModelFetchError(.unreachable, "unreachable: \(host): \(error)")
    }

    /// The first bytes of an error response's body, as text.
    private static func prefix(of body: HTTPClientResponse.Body) async -> String {
        var bytes: [UInt8] = []
        do {
            for try await buffer in body {
                bytes += buffer.readableBytesView.prefix(errorBodyPrefix - bytes.count)
                if bytes.count >= errorBodyPrefix { break }
            }
        } catch {
            bytes += Array(" (body cut short: \(error))".utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Duration {
    /// The whole duration in nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
