import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import ServingAPI

/// A Kubernetes REST client: one shared `HTTPClient` (call `shutdown()` when done), TLS from the configuration,
/// credentials refreshed per request. Errors are `KubeError`; API errors carry the server's `Status`.
public final class KubeClient: Sendable {
    public let configuration: ClientConfiguration
    let http: HTTPClient
    let tls: TLSConfiguration
    let authenticator: Authenticator
    let logger: Logger
    /// Bodies larger than this are refused (a list of everything in a big cluster is still far below).
    let maximumBodyBytes = 256 * 1024 * 1024

    public init(
        configuration: ClientConfiguration, clock: any KubeClock = SystemKubeClock(),
        logger: Logger = Logger(label: "swiftlet.kube-client")
    ) throws(KubeError) {
        self.configuration = configuration
        self.logger = logger
        guard configuration.server.hasPrefix("https://") || configuration.server.hasPrefix("http://") else {
            throw .configuration("server \(configuration.server) is not an http(s) URL")
        }
        tls = try Self.tlsConfiguration(configuration)
        var httpConfiguration = HTTPClient.Configuration(tlsConfiguration: tls)
        // No read may idle longer than a watch lives (the server ends watches after their timeoutSeconds, 290 by
        // default): a half-open connection then fails instead of leaving a watch, and the cache, silently stale.
        httpConfiguration.timeout = .init(connect: .seconds(10), read: .seconds(330))
        httpConfiguration.decompression = .disabled
        // Watches hold a connection each for minutes; the default of 8 per host would starve other requests.
        httpConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        authenticator = Authenticator(credentials: configuration.credentials, clock: clock)
    }

    /// Closes every connection; in-flight requests fail. Call once, when the client is no longer used.
    public func shutdown() async throws { try await http.shutdown() }

    static func tlsConfiguration(_ configuration: ClientConfiguration) throws(KubeError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.shutdownTimeout = .milliseconds(500)
        if configuration.insecureSkipTLSVerify, configuration.certificateAuthorityPEM != nil {
            throw .configuration("a certificate authority and insecure-skip-tls-verify cannot both be set (as kubectl refuses)")
        }
        if let name = configuration.tlsServerName {
            throw .configuration("tls-server-name (\(name)) is not supported: the certificate is checked against the server URL's host")
        }
        do {
            if configuration.insecureSkipTLSVerify {
                tls.certificateVerification = .none
            } else if let pem = configuration.certificateAuthorityPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(pem))
            }
            if let certificate = configuration.clientCertificatePEM, let key = configuration.clientKeyPEM {
                try addClientCertificate(&tls, certificate: certificate, key: key)
            }
        } catch {
            throw .configuration("TLS material is unusable: \(error)")
        }
        return tls
    }

    static func addClientCertificate(_ tls: inout TLSConfiguration, certificate: [UInt8], key: [UInt8]) throws {
        tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
    }
}

/// One API request, before credentials.
struct KubeRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var body: [UInt8]?
    var contentType = "application/json"

    func url(server: String) -> String {
        guard !query.isEmpty else { return server + path }
        let encoded = query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        return server + path + "?" + encoded
    }

    static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

extension KubeClient {
    /// Sends a request and returns the response with its head checked: a non-2xx answer becomes `KubeError.api`
    /// (the server's `Status`, or one made from the HTTP status). A 401 with refreshable credentials is retried
    /// once with fresh ones.
    func execute(_ request: KubeRequest, timeout: Duration = .seconds(60)) async throws(KubeError)
        -> HTTPClientResponse
    {
        var response = try await executeOnce(request, timeout: timeout)
        if response.status == .unauthorized && authenticator.canRefresh {
            _ = try? await response.body.collect(upTo: 1 << 20)
            await authenticator.invalidate()
            response = try await executeOnce(request, timeout: timeout)
        }
        guard (200..<300).contains(response.status.code) else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { Array($0.readableBytesView) } ?? []
            throw .api(Self.status(from: body, httpStatus: response.status))
        }
        return response
    }

    private func executeOnce(_ request: KubeRequest, timeout: Duration) async throws(KubeError) -> HTTPClientResponse {
        let credential = try await authenticator.current()
        var outgoing = HTTPClientRequest(url: request.url(server: configuration.server))
        outgoing.method = request.method
        outgoing.headers.add(name: "Accept", value: "application/json")
        outgoing.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let token = credential.bearerToken { outgoing.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: request.contentType)
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            if let certificate = credential.clientCertificatePEM, let key = credential.clientKeyPEM {
                var tls = self.tls
                try Self.addClientCertificate(&tls, certificate: certificate, key: key)
                outgoing.tlsConfiguration = tls
            }
            return try await http.execute(outgoing, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)), logger: logger)
        } catch {
            throw .transport("\(request.method) \(request.path): \(error)")
        }
    }

    /// Sends a request and returns its whole JSON body.
    func send(_ request: KubeRequest) async throws(KubeError) -> JSONValue {
        let response = try await execute(request)
        let body: ByteBuffer
        do { body = try await response.body.collect(upTo: maximumBodyBytes) } catch {
            throw .transport("\(request.method) \(request.path): reading the answer failed: \(error)")
        }
        do { return try JSONValue(parsing: body.readableBytesView) } catch {
            throw .decoding("\(request.method) \(request.path): \(error)")
        }
    }

    /// The `Status` an error answer carries, or one built from the HTTP status when the body is not a Status.
    static func status(from body: [UInt8], httpStatus: HTTPResponseStatus) -> K8s.Status {
        if let value = try? JSONValue(parsing: body), value.kind == "Status" {
            return status(from: value, httpStatus: httpStatus.code)
        }
        let text = String(decoding: body.prefix(1000), as: UTF8.self)
        return K8s.Status(code: Int(httpStatus.code), reason: reason(for: httpStatus.code),
            message: text.isEmpty ? httpStatus.reasonPhrase : text)
    }

    /// A `Status` object read leniently (every field but the code is optional on the wire).
    static func status(from value: JSONValue, httpStatus: UInt) -> K8s.Status {
        let code = value["code"]?.intValue.map(Int.init) ?? Int(httpStatus)
        var status = K8s.Status(code: code, reason: value["reason"]?.stringValue ?? reason(for: UInt(max(code, 0))),
            message: value["message"]?.stringValue ?? "")
        status.status = value["status"]?.stringValue ?? "Failure"
        if let details = value["details"], case .object = details {
            status.details = K8s.Status.Details(
                name: details["name"]?.stringValue, group: details["group"]?.stringValue,
                kind: details["kind"]?.stringValue,
                causes: details["causes"]?.arrayValue?.map {
                    K8s.Status.Cause(reason: $0["reason"]?.stringValue, message: $0["message"]?.stringValue,
                        field: $0["field"]?.stringValue)
                })
        }
        return status
    }

    /// The `StatusReason` the API server uses for an HTTP status.
    static func reason(for code: UInt) -> String {
        switch code {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 406: "NotAcceptable"
        case 409: "Conflict"
        case 410: "Expired"
        case 413: "RequestEntityTooLarge"
        case 415: "UnsupportedMediaType"
        case 422: "Invalid"
        case 429: "TooManyRequests"
        case 500: "InternalError"
        case 503: "ServiceUnavailable"
        case 504: "Timeout"
        default: "Unknown"
        }
    }
}
