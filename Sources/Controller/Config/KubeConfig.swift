import Foundation
import ServingAPI

/// A kubeconfig file's content: named clusters, users and contexts, and the current context.
/// Read from YAML (ServingAPI's reader: the block YAML kubectl, kind and minikube write) or JSON; file paths in it
/// are relative to its directory.
struct KubeConfig: Sendable, Equatable {
    struct Cluster: Sendable, Equatable {
        var server: String
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify = false
        var tlsServerName: String?
    }

    struct ExecConfig: Sendable, Equatable {
        var command: String
        var args: [String] = []
        var env: [(name: String, value: String)] = []
        var apiVersion: String

        static func == (lhs: ExecConfig, rhs: ExecConfig) -> Bool {
            lhs.command == rhs.command && lhs.args == rhs.args && lhs.apiVersion == rhs.apiVersion
                && lhs.env.map(\.name) == rhs.env.map(\.name) && lhs.env.map(\.value) == rhs.env.map(\.value)
        }
    }

    struct User: Sendable, Equatable {
        var token: String?
        var tokenFile: String?
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var exec: ExecConfig?
    }

    struct Context: Sendable, Equatable {
        var cluster: String
        var user: String?
        var namespace: String?
    }

    var clusters: [String: Cluster] = [:]
    var users: [String: User] = [:]
    var contexts: [String: Context] = [:]
    var currentContext: String?
    /// The directory relative paths are resolved against.
    var directory: String?
}

extension KubeConfig {
    init(text: String, directory: String?) throws(KubeError) {
        let document = try Self.document(text)
        guard case .object = document else { throw .configuration("kubeconfig is not a mapping") }
        self.directory = directory
        currentContext = document["current-context"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        for (name, body) in try Self.namedEntries(document, "clusters", "cluster") {
            guard let server = body["server"]?.stringValue else {
                throw .configuration("kubeconfig cluster \"\(name)\" has no server")
            }
            clusters[name] = Cluster(
                server: server, certificateAuthority: Self.path(body["certificate-authority"], in: directory),
                certificateAuthorityData: body["certificate-authority-data"]?.stringValue,
                insecureSkipTLSVerify: body["insecure-skip-tls-verify"]?.boolValue ?? false,
                tlsServerName: body["tls-server-name"]?.stringValue)
        }
        for (name, body) in try Self.namedEntries(document, "users", "user") {
            users[name] = User(
                token: body["token"]?.stringValue, tokenFile: Self.path(body["tokenFile"], in: directory),
                clientCertificate: Self.path(body["client-certificate"], in: directory),
                clientCertificateData: body["client-certificate-data"]?.stringValue,
                clientKey: Self.path(body["client-key"], in: directory), clientKeyData: body["client-key-data"]?.stringValue,
                exec: try Self.exec(body["exec"] ?? .null, user: name))
        }
        for (name, body) in try Self.namedEntries(document, "contexts", "context") {
            guard let cluster = body["cluster"]?.stringValue else {
                throw .configuration("kubeconfig context \"\(name)\" names no cluster")
            }
            contexts[name] = Context(
                cluster: cluster, user: body["user"]?.stringValue, namespace: body["namespace"]?.stringValue)
        }
    }

    /// A file path from the kubeconfig, made absolute against the kubeconfig's directory.
    static func path(_ value: JSONValue?, in directory: String?) -> String? {
        guard let path = value?.stringValue, !path.isEmpty else { return nil }
        guard !path.hasPrefix("/"), let directory else { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// `[{name: N, <field>: {...}}]` as (N, body) pairs; a missing or null list is empty.
    static func namedEntries(_ document: JSONValue, _ list: String, _ field: String) throws(KubeError)
        -> [(String, JSONValue)]
    {
        guard let value = document[list], !value.isNull else { return [] }
        guard let entries = value.arrayValue else { throw .configuration("kubeconfig \(list) is not a list") }
        var result: [(String, JSONValue)] = []
        for entry in entries {
            guard let name = entry["name"]?.stringValue else {
                throw .configuration("kubeconfig \(list) has an entry without a name")
            }
            guard let body = entry[field], case .object = body else {
                throw .configuration("kubeconfig \(list) entry \"\(name)\" has no \(field) mapping")
            }
            result.append((name, body))
        }
        return result
    }

    static func exec(_ value: JSONValue, user: String) throws(KubeError) -> ExecConfig? {
        if value.isNull { return nil }
        guard let command = value["command"]?.stringValue else {
            throw .configuration("kubeconfig user \"\(user)\" has an exec section without a command")
        }
        let apiVersion = value["apiVersion"]?.stringValue ?? "client.authentication.k8s.io/v1"
        guard apiVersion == "client.authentication.k8s.io/v1" || apiVersion == "client.authentication.k8s.io/v1beta1"
        else {
            throw .configuration("kubeconfig user \"\(user)\": exec apiVersion \(apiVersion) is not supported "
                + "(expected client.authentication.k8s.io/v1)")
        }
        let args = value["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let env = (value["env"]?.arrayValue ?? []).compactMap { item -> (name: String, value: String)? in
            guard let name = item["name"]?.stringValue, let value = item["value"]?.stringValue else { return nil }
            return (name, value)
        }
        return ExecConfig(command: command, args: args, env: env, apiVersion: apiVersion)
    }

    /// Kubeconfigs merged as kubectl does for `KUBECONFIG=a:b`: the first file to define a name (or the current
    /// context) wins.
    func merged(with later: KubeConfig) -> KubeConfig {
        var result = self
        result.clusters.merge(later.clusters) { first, _ in first }
        result.users.merge(later.users) { first, _ in first }
        result.contexts.merge(later.contexts) { first, _ in first }
        result.currentContext = currentContext ?? later.currentContext
        return result
    }

    /// The one document of a kubeconfig: JSON when it starts with `{`, else YAML.
    static func document(_ text: String) throws(KubeError) -> JSONValue {
        do {
            if text.drop(while: \.isWhitespace).hasPrefix("{") { return try JSONValue(parsing: text) }
            let documents = try JSONValue.parsingYAML(text)
            guard documents.count == 1 else {
                throw JSONParseError(message: "\(documents.count) YAML documents, expected one")
            }
            return documents[0]
        } catch {
            throw .configuration("kubeconfig: \(error)")
        }
    }
}
