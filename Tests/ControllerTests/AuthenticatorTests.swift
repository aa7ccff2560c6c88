import Foundation
import ServingAPI
import Testing
@testable import Controller

@Suite struct AuthenticatorTests {
    @Test func tokenFileIsReReadAfterAMinuteOrAfterInvalidation() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/token"
        try "first\n".write(toFile: path, atomically: true, encoding: .utf8)
        let clock = ManualClock()
        let authenticator = Authenticator(credentials: .tokenFile(path), clock: clock)
        #expect(try await authenticator.current().bearerToken == "first")
        try "second".write(toFile: path, atomically: true, encoding: .utf8)
        clock.advance(.seconds(30))
        #expect(try await authenticator.current().bearerToken == "first")
        clock.advance(.seconds(31))
        #expect(try await authenticator.current().bearerToken == "second")
        try "third".write(toFile: path, atomically: true, encoding: .utf8)
        await authenticator.invalidate()
        #expect(try await authenticator.current().bearerToken == "third")
    }

    /// A plugin script that counts its runs in a file and prints an ExecCredential expiring in the given time.
    func plugin(in directory: String, expiration: String?) throws -> String {
        let path = directory + "/plugin.sh"
        let expiry = expiration.map { #","expirationTimestamp":"\#($0)""# } ?? ""
        let script = """
            #!/bin/sh
            echo run >> "\(directory)/runs"
            test "$MY_VAR" = "42" || exit 3
            case "$KUBERNETES_EXEC_INFO" in *ExecCredential*) ;; *) exit 4 ;; esac
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-'"$1"'"\(expiry)}}'
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func runs(in directory: String) -> Int {
        ((try? String(contentsOfFile: directory + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func execPluginIsCachedUntilItsExpiration() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        let expiry = K8s.timestamp(clock.now().addingTimeInterval(300))
        let command = try plugin(in: directory, expiration: expiry)
        let authenticator = Authenticator(
            credentials: .exec(command: command, args: ["x"], env: ["MY_VAR": "42"],
                apiVersion: "client.authentication.k8s.io/v1"), clock: clock)
        #expect(try await authenticator.current().bearerToken == "tok-x")
        clock.advance(.seconds(299))
        _ = try await authenticator.current()
        #expect(runs(in: directory) == 1)
        clock.advance(.seconds(2))
        _ = try await authenticator.current()
        #expect(runs(in: directory) == 2)
    }

    @Test func execPluginFailuresAndBadOutputAreConfigurationErrors() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let command = try plugin(in: directory, expiration: nil)
        let withoutVariable = Authenticator(
            credentials: .exec(command: command, args: [], env: [:], apiVersion: "client.authentication.k8s.io/v1"),
            clock: ManualClock())
        await #expect(throws: KubeError.self) { try await withoutVariable.current() }
        #expect(throws: KubeError.self) {
            try ExecPlugin.parse(Array(#"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{}}"#.utf8),
                apiVersion: "client.authentication.k8s.io/v1")
        }
        let (credential, expiry) = try ExecPlugin.parse(Array(#"""
            {"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1",
             "status":{"clientCertificateData":"C","clientKeyData":"K","expirationTimestamp":"2030-01-01T00:00:00Z"}}
            """#.utf8), apiVersion: "client.authentication.k8s.io/v1")
        #expect(credential.clientCertificatePEM == Array("C".utf8))
        #expect(credential.bearerToken == nil)
        #expect(expiry == K8s.parseTimestamp("2030-01-01T00:00:00Z"))
    }
}
