import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import ServingAPI
import Synchronization

/// How to run the embedded API server.
public struct APIServerConfiguration: Sendable {
    /// Holds the database (`state.db`), the credentials (`pki/`, `token`) and the written `kubeconfig`.
    public var dataDirectory: URL
    public var host = "127.0.0.1"
    /// 0 picks a free port; `APIServer.port` has the bound one.
    public var port = 6443
    /// Changes kept for resuming watches; a watch from an older resourceVersion gets 410 Expired.
    public var watchWindow = 1000
    /// How often a watch that allows bookmarks gets one.
    public var bookmarkInterval: Duration = .seconds(60)
    /// Appends one `audit.k8s.io/v1` Event line (level Metadata, stage ResponseComplete) per request to this file.
    public var auditLogPath: String?
    /// Where a pod's log file is, for `kubectl logs` (`pods/{name}/log`): `swiftlet up`'s local runtime writes them.
    /// Nil: the subresource answers that no log is kept here.
    public var podLogPath: (@Sendable (_ pod: JSONValue) -> String?)?
    /// Called once the server listens and the kubeconfig is written.
    public var onReady: (@Sendable (_ address: String, _ kubeconfigPath: String) -> Void)?

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }

    public var kubeconfigPath: String { dataDirectory.appendingPathComponent("kubeconfig").path }
}

/// The embedded Kubernetes-compatible API server (a ServiceLifecycle `Service`): SQLite storage in the data
/// directory, HTTPS with a generated CA, bearer-token auth, and enough of the real API for kubectl and the
/// controller. Stops on graceful shutdown (SIGTERM/SIGINT in a ServiceGroup).
public final class APIServer: Service, Sendable {
    public let configuration: APIServerConfiguration
    private let logger: Logger
    private let bound = Mutex<Int?>(nil)

    public init(configuration: APIServerConfiguration, logger: Logger = Logger(label: "swiftlet.apiserver")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The port the server listens on, once it does.
    public var port: Int? { bound.withLock { $0 } }

    public var kubeconfigPath: String { configuration.kubeconfigPath }

    public func run() async throws {
        let directory = configuration.dataDirectory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw APIServerError.internalError("cannot create \(directory.path): \(error)")
        }
        var random = SystemRandomNumberGenerator()
        let credentials = try ServerCredentials.prepare(in: directory, random: &random)
        let store = try ObjectStore(path: directory.appendingPathComponent("state.db").path, watchWindow: configuration.watchWindow)
        try await Self.bootstrap(store)
        var handler = APIHandler(store: store, token: credentials.token)
        handler.bookmarkInterval = configuration.bookmarkInterval
        handler.podLogPath = configuration.podLogPath
        let audit = try configuration.auditLogPath.map { path throws(APIServerError) in try AuditLog(path: path, logger: logger) }
        let server = try await APIHTTPServer(
            host: configuration.host, port: configuration.port, tls: try Self.tlsContext(credentials),
            group: MultiThreadedEventLoopGroup.singleton, logger: logger, audit: audit,
            respond: { [handler] in await handler.respond($0) })
        let port = server.port ?? configuration.port
        bound.withLock { $0 = port }
        // A wildcard listener is reached through loopback (the certificate names 127.0.0.1 and localhost).
        let clientHost = ["0.0.0.0", "::", ""].contains(configuration.host) ? "127.0.0.1" : configuration.host
        let address = "https://\(clientHost):\(port)"
        try writeKubeconfig(credentials.kubeconfig(server: address))
        logger.info("API server listening", metadata: ["address": "\(address)", "kubeconfig": "\(kubeconfigPath)"])
        configuration.onReady?(address, kubeconfigPath)
        try await withGracefulShutdownHandler {
            try await server.serve()
        } onGracefulShutdown: {
            server.stopAccepting()
        }
        await store.stopAllWatches()
    }

    /// The namespaces every cluster starts with.
    static func bootstrap(_ store: ObjectStore) async throws(APIServerError) {
        try await store.write { transaction throws(APIServerError) in
            for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
                let key = ObjectKey(storageKey: ResourceInfo.namespaces.storageKey, namespace: "", name: name)
                guard transaction.get(key) == nil else { continue }
                _ = try transaction.create(ResourceInfo.namespaces, namespace: nil, object: ["metadata": ["name": .string(name)]])
            }
        }
    }

    private static func tlsContext(_ credentials: ServerCredentials) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(credentials.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: credentials.keyPath, format: .pem)))
        tls.applicationProtocols = ["http/1.1"]
        return try NIOSSLContext(configuration: tls)
    }

    private func writeKubeconfig(_ text: String) throws {
        let url = URL(fileURLWithPath: kubeconfigPath)
        try Data(text.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }
}
