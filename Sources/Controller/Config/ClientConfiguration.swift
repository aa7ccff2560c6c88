import Foundation
import ServingAPI

/// Everything the client needs to reach one API server: where, how to trust it, who we are, and the default
/// namespace. Built from a kubeconfig (`load`, `fromKubeconfig`) or from a pod's service account (`inCluster`).
public struct ClientConfiguration: Sendable, Equatable {
    public enum Credentials: Sendable, Equatable {
        case none
        case token(String)
        /// A bearer token read from a file, re-read when it may have rotated (at most every minute, or after a 401).
        case tokenFile(String)
        /// An exec credential plugin (client.authentication.k8s.io/v1 ExecCredential).
        case exec(command: String, args: [String], env: [String: String], apiVersion: String)
    }

    /// `https://host:port` (no trailing slash).
    public var server: String
    /// PEM certificates to trust; `nil` means the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var clientCertificatePEM: [UInt8]?
    public var clientKeyPEM: [UInt8]?
    public var credentials: Credentials
    public var namespace: String
    /// What requests say they come from (the audit log's `userAgent`): `swiftlet` for the controller, a suffix for
    /// the other components (`swiftlet-router`), so each one's requests can be told apart.
    public var userAgent = "swiftlet"

    public init(
        server: String, certificateAuthorityPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil,
        credentials: Credentials = .none, namespace: String = "default"
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.credentials = credentials
        self.namespace = namespace
    }
}

extension ClientConfiguration {
    /// The configuration kubectl would use: the files in `KUBECONFIG` (colon-separated, merged), else
    /// `~/.kube/config`, else the in-cluster service account; `context` overrides the current context.
    public static func load(
        context: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(KubeError) -> ClientConfiguration {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            let paths = list.split(separator: ":").map(String.init).filter { FileManager.default.fileExists(atPath: $0) }
            guard !paths.isEmpty else { throw .configuration("none of the files in KUBECONFIG=\(list) exists") }
            return try fromKubeconfig(paths: paths, context: context)
        }
        if let home = environment["HOME"], FileManager.default.fileExists(atPath: home + "/.kube/config") {
            return try fromKubeconfig(paths: [home + "/.kube/config"], context: context)
        }
        if environment["KUBERNETES_SERVICE_HOST"] != nil {
            return try inCluster(environment: environment)
        }
        throw .configuration("no kubeconfig (KUBECONFIG, ~/.kube/config) and not running in a cluster")
    }

    public static func fromKubeconfig(path: String, context: String? = nil) throws(KubeError) -> ClientConfiguration {
        try fromKubeconfig(paths: [path], context: context)
    }

    static func fromKubeconfig(paths: [String], context: String?) throws(KubeError) -> ClientConfiguration {
        var merged: KubeConfig?
        for path in paths {
            let text = try readText(path, what: "kubeconfig")
            let directory = (path as NSString).deletingLastPathComponent
            let config = try KubeConfig(text: text, directory: directory.isEmpty ? "." : directory)
            merged = merged.map { $0.merged(with: config) } ?? config
        }
        guard let merged else { throw .configuration("no kubeconfig file given") }
        return try resolve(merged, context: context)
    }

    /// The configuration for one context of a kubeconfig (`context`, else its current context).
    static func resolve(_ config: KubeConfig, context explicit: String?) throws(KubeError) -> ClientConfiguration {
        guard let contextName = explicit ?? config.currentContext else {
            throw .configuration("kubeconfig has no current-context and no context was given")
        }
        guard let context = config.contexts[contextName] else {
            throw .configuration("kubeconfig has no context \"\(contextName)\"")
        }
        guard let cluster = config.clusters[context.cluster] else {
            throw .configuration("kubeconfig context \"\(contextName)\" names unknown cluster \"\(context.cluster)\"")
        }
        var result = ClientConfiguration(
            server: cluster.server, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName, namespace: context.namespace ?? "default")
        result.certificateAuthorityPEM = try pem(
            data: cluster.certificateAuthorityData, file: cluster.certificateAuthority, what: "certificate-authority")
        guard let userName = context.user else { return result }
        guard let user = config.users[userName] else {
            throw .configuration("kubeconfig context \"\(contextName)\" names unknown user \"\(userName)\"")
        }
        result.clientCertificatePEM = try pem(
            data: user.clientCertificateData, file: user.clientCertificate, what: "client-certificate")
        result.clientKeyPEM = try pem(data: user.clientKeyData, file: user.clientKey, what: "client-key")
        if (result.clientCertificatePEM == nil) != (result.clientKeyPEM == nil) {
            throw .configuration("kubeconfig user \"\(userName)\" has a client certificate without a key or a key without a certificate")
        }
        if let token = user.token, !token.isEmpty {
            result.credentials = .token(token)
        } else if let file = user.tokenFile {
            result.credentials = .tokenFile(file)
        } else if let exec = user.exec {
            result.credentials = .exec(
                command: exec.command, args: exec.args,
                env: Dictionary(exec.env.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }),
                apiVersion: exec.apiVersion)
        }
        return result
    }

    /// PEM bytes from inline base64 (`...-data`, which wins) or from a file.
    static func pem(data: String?, file: String?, what: String) throws(KubeError) -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw .configuration("kubeconfig \(what)-data is not valid base64")
            }
            return Array(decoded)
        }
        guard let file else { return nil }
        return Array(try readText(file, what: what).utf8)
    }

    static func readText(_ path: String, what: String) throws(KubeError) -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .configuration("cannot read \(what) \(path): \(error.localizedDescription)")
        }
    }
}
