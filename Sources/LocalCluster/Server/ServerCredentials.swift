import Foundation

/// The data directory's credentials, made at first start and reused: a CA and a server certificate for
/// 127.0.0.1/localhost (made with the `openssl` CLI), and the bearer token every request must carry.
struct ServerCredentials: Sendable {
    let caCertificatePath: String
    let certificatePath: String
    let keyPath: String
    let token: String

    static func prepare(in directory: URL, random: inout some RandomNumberGenerator) throws(APIServerError) -> ServerCredentials {
        let pki = directory.appendingPathComponent("pki")
        let credentials = ServerCredentials(
            caCertificatePath: pki.appendingPathComponent("ca.crt").path, certificatePath: pki.appendingPathComponent("server.crt").path,
            keyPath: pki.appendingPathComponent("server.key").path,
            token: try loadOrMakeToken(directory.appendingPathComponent("token"), random: &random))
        let files = FileManager.default
        if !files.fileExists(atPath: credentials.certificatePath) || !files.fileExists(atPath: credentials.keyPath) {
            try makeCertificates(in: pki)
        }
        return credentials
    }

    private static func loadOrMakeToken(_ file: URL, random: inout some RandomNumberGenerator) throws(APIServerError) -> String {
        if let existing = try? String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
            !existing.isEmpty
        {
            return existing
        }
        let token = (0..<32).map { _ in String(UInt8.random(in: 0...255, using: &random), radix: 16) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        do {
            try Data(token.utf8).write(to: file, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        } catch {
            throw .internalError("cannot write the token file \(file.path): \(error)")
        }
        return token
    }

    private static func makeCertificates(in pki: URL) throws(APIServerError) {
        do {
            try FileManager.default.createDirectory(at: pki, withIntermediateDirectories: true)
            try Data("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n".utf8)
                .write(to: pki.appendingPathComponent("server.ext"))
        } catch {
            throw .internalError("cannot create \(pki.path): \(error)")
        }
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(
            ["req", "-x509"] + key + [
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650", "-subj", "/CN=swiftlet-ca",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ], in: pki)
        try openssl(["req"] + key + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=swiftlet-apiserver"], in: pki)
        try openssl(
            [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt",
                "-days", "3650", "-extfile", "server.ext",
            ], in: pki)
    }

    private static func openssl(_ arguments: [String], in directory: URL) throws(APIServerError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .internalError("cannot run openssl: \(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .internalError("openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: message, as: UTF8.self))")
        }
    }

    /// The kubeconfig that points kubectl at this server: cluster `swiftlet`, user `swiftlet-admin`, context `swiftlet`.
    func kubeconfig(server: String) throws(APIServerError) -> String {
        let ca: Data
        do {
            ca = try Data(contentsOf: URL(fileURLWithPath: caCertificatePath))
        } catch {
            throw .internalError("cannot read \(caCertificatePath): \(error)")
        }
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: swiftlet
              cluster:
                server: \(server)
                certificate-authority-data: \(ca.base64EncodedString())
            users:
            - name: swiftlet-admin
              user:
                token: \(token)
            contexts:
            - name: swiftlet
              context:
                cluster: swiftlet
                user: swiftlet-admin
                namespace: default
            current-context: swiftlet
            preferences: {}

            """
    }
}
