import Foundation
import ServingAPI
import Synchronization

/// What a request presents: a bearer token and/or a client certificate (exec plugins may return either).
struct PresentedCredential: Sendable, Equatable {
    var bearerToken: String?
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
}

/// Supplies credentials per request and refreshes them: a token file is re-read at most every `fileRefresh`
/// (the kubelet rotates projected tokens) or at once after a 401; an exec plugin's answer is cached until its
/// `expirationTimestamp` (or, without one, until a 401).
actor Authenticator {
    private let credentials: ClientConfiguration.Credentials
    private let clock: any KubeClock
    private let fileRefresh: Duration
    private var cached: PresentedCredential?
    private var cachedAt: Date?
    private var expiresAt: Date?

    init(credentials: ClientConfiguration.Credentials, clock: any KubeClock, fileRefresh: Duration = .seconds(60)) {
        self.credentials = credentials
        self.clock = clock
        self.fileRefresh = fileRefresh
    }

    /// Whether a 401 may be cured by asking again (the credential can change).
    nonisolated var canRefresh: Bool {
        switch credentials {
        case .tokenFile, .exec: true
        case .none, .token: false
        }
    }

    func current() throws(KubeError) -> PresentedCredential {
        let now = clock.now()
        switch credentials {
        case .none: return PresentedCredential()
        case .token(let token): return PresentedCredential(bearerToken: token)
        case .tokenFile(let path):
            if let cached, let cachedAt, now.duration(since: cachedAt) < fileRefresh { return cached }
            let token = try ClientConfiguration.readText(path, what: "token file")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return remember(PresentedCredential(bearerToken: token), at: now, expiresAt: nil)
        case .exec(let command, let args, let env, let apiVersion):
            if let cached, expiresAt.map({ now < $0 }) ?? true { return cached }
            let output = try ExecPlugin.run(command: command, args: args, env: env, apiVersion: apiVersion)
            let (credential, expiry) = try ExecPlugin.parse(output, apiVersion: apiVersion)
            return remember(credential, at: now, expiresAt: expiry)
        }
    }

    /// Forgets the cached credential (after a 401), so the next request reads or runs it again.
    func invalidate() {
        cached = nil
        cachedAt = nil
        expiresAt = nil
    }

    private func remember(_ credential: PresentedCredential, at now: Date, expiresAt: Date?) -> PresentedCredential {
        cached = credential
        cachedAt = now
        self.expiresAt = expiresAt
        return credential
    }
}

/// Runs a client.authentication.k8s.io exec credential plugin and reads its `ExecCredential`.
enum ExecPlugin {
    static func run(command: String, args: [String], env: [String: String], apiVersion: String) throws(KubeError)
        -> [UInt8]
    {
        let process = Process()
        if command.contains("/") {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = args
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [command] + args
        }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(env) { _, new in new }
        let info: JSONValue = ["apiVersion": .string(apiVersion), "kind": "ExecCredential", "spec": ["interactive": false]]
        environment["KUBERNETES_EXEC_INFO"] = info.jsonText
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw .configuration("exec credential plugin \(command) could not start: \(error.localizedDescription)")
        }
        // Both pipes drain at once: a plugin that fills one while we wait on the other would block forever.
        let errorsRead = DispatchGroup()
        let errorsBox = Mutex(Data())
        DispatchQueue.global().async(group: errorsRead) {
            let data = stderr.fileHandleForReading.readDataToEndOfFile()
            errorsBox.withLock { $0 = data }
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        errorsRead.wait()
        let errors = errorsBox.withLock { $0 }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.prefix(2000), as: UTF8.self)
            throw .configuration("exec credential plugin \(command) exited with \(process.terminationStatus): \(message)")
        }
        return Array(output)
    }

    static func parse(_ output: [UInt8], apiVersion: String) throws(KubeError) -> (PresentedCredential, Date?) {
        guard let document = try? JSONValue(parsing: output), document.kind == "ExecCredential" else {
            throw .configuration("exec credential plugin did not print an ExecCredential")
        }
        guard document.apiVersion == apiVersion else {
            throw .configuration("exec credential plugin answered \(document.apiVersion ?? "no apiVersion"), expected \(apiVersion)")
        }
        guard let status = document["status"] else { throw .configuration("ExecCredential has no status") }
        var credential = PresentedCredential(bearerToken: status["token"]?.stringValue)
        credential.clientCertificatePEM = status["clientCertificateData"]?.stringValue.map { Array($0.utf8) }
        credential.clientKeyPEM = status["clientKeyData"]?.stringValue.map { Array($0.utf8) }
        if (credential.clientCertificatePEM == nil) != (credential.clientKeyPEM == nil) {
            throw .configuration("ExecCredential has clientCertificateData without clientKeyData or the reverse")
        }
        if credential.bearerToken == nil && credential.clientCertificatePEM == nil {
            throw .configuration("ExecCredential status has neither token nor clientCertificateData")
        }
        var expiry: Date?
        if let text = status["expirationTimestamp"]?.stringValue {
            guard let date = K8s.parseTimestamp(text) else {
                throw .configuration("ExecCredential expirationTimestamp \(text) is not RFC 3339")
            }
            expiry = date
        }
        return (credential, expiry)
    }
}
