import Foundation
import ServingAPI
import Testing
@testable import Controller

@Suite struct KubeClientTests {
    @Test func queryValuesArePercentEncoded() throws {
        var options = ListOptions(labelSelector: try LabelSelector(parsing: "app in (a,b),!beta"),
            fieldSelector: "metadata.name=x", limit: 2, continueToken: "abc/+=")
        options.resourceVersion = "0"
        let request = KubeRequest(method: .GET, path: "/api/v1/pods", query: options.query)
        #expect(request.url(server: "https://h:1") == "https://h:1/api/v1/pods?labelSelector=app%20in%20%28a%2Cb%29%2C%21beta"
            + "&fieldSelector=metadata.name%3Dx&limit=2&continue=abc%2F%2B%3D&resourceVersion=0")
    }

    @Test func patchesCarryTheirContentTypes() {
        #expect(Patch.merge([:]).contentType == "application/merge-patch+json")
        #expect(Patch.json([]).contentType == "application/json-patch+json")
        #expect(Patch.apply([:], fieldManager: "m", force: true).contentType == "application/apply-patch+yaml")
    }

    @Test func deleteOptionsCarryPolicyAndPreconditions() {
        let options = DeleteOptions(propagationPolicy: .foreground, preconditionUID: "u", preconditionResourceVersion: "7")
        #expect(options.json["propagationPolicy"] == "Foreground")
        #expect(options.json["preconditions"] == ["uid": "u", "resourceVersion": "7"])
        #expect(DeleteOptions().json["preconditions"] == nil)
    }

    /// A self-signed certificate and key made with the openssl CLI.
    func certificate(in directory: String) throws -> (certificate: [UInt8], key: [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem", "-days", "1", "-subj", "/CN=test"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return (Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/cert.pem"))),
            Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/key.pem"))))
    }

    @Test func tlsTrustsTheCAAndPresentsTheClientCertificate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (certificate, key) = try certificate(in: directory)
        let configuration = ClientConfiguration(server: "https://127.0.0.1:1", certificateAuthorityPEM: certificate,
            clientCertificatePEM: certificate, clientKeyPEM: key)
        let tls = try KubeClient.tlsConfiguration(configuration)
        #expect(tls.certificateChain.count == 1)
        #expect(tls.privateKey != nil)
        guard case .certificates(let roots) = tls.trustRoots else {
            Issue.record("expected the CA as the only trust root")
            return
        }
        #expect(roots.count == 1)
        var broken = configuration
        broken.clientKeyPEM = Array("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n".utf8)
        #expect(throws: KubeError.self) { try KubeClient.tlsConfiguration(broken) }
        #expect(throws: KubeError.self) { try KubeClient(configuration: ClientConfiguration(server: "ftp://x")) }
    }

    @Test func settingsTheClientCannotHonourAreRefusedNotIgnored() throws {
        var insecureWithCA = ClientConfiguration(server: "https://127.0.0.1:1", certificateAuthorityPEM: Array("pem".utf8))
        insecureWithCA.insecureSkipTLSVerify = true
        #expect(throws: KubeError.self) { try KubeClient.tlsConfiguration(insecureWithCA) }
        var serverName = ClientConfiguration(server: "https://10.0.0.1:6443")
        serverName.tlsServerName = "kubernetes"
        #expect(throws: KubeError.self) { try KubeClient.tlsConfiguration(serverName) }
    }
}

@Suite struct EventRecorderTests {
    let regarding: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap",
        "metadata": ["name": "cm", "namespace": "ns", "uid": "u1", "resourceVersion": "4"]]

    @Test func theBufferIsBoundedDroppingTheOldest() {
        var buffer = EventBuffer()
        let time = Date(timeIntervalSince1970: 0)
        for index in 0..<5 {
            let note = EventNote(regarding: regarding, type: .normal, reason: "R\(index)", action: "A", note: "n")
            _ = buffer.push(note, at: time, capacity: 3)
        }
        #expect(buffer.takeAll().map(\.0.reason) == ["R2", "R3", "R4"])
        #expect(buffer.takeAll().isEmpty)
    }

    @Test func eventsAreEventsK8sIoV1ObjectsAboutTheirObject() async throws {
        let client = try KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:1"))
        let recorder = EventRecorder(client: client, reportingController: "swiftlet.io/controller",
            reportingInstance: "pod-0", generator: SplitMix64(seed: 3))
        let note = EventNote(regarding: regarding, type: .warning, reason: "Failed", action: "Apply", note: "boom")
        let event = recorder.eventObject(note, at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(event.apiVersion == "events.k8s.io/v1")
        #expect(event.namespace == "ns")
        #expect(event.name?.hasPrefix("cm.") == true)
        #expect(event["type"] == "Warning")
        #expect(event["regarding"] == ["apiVersion": "v1", "kind": "ConfigMap", "name": "cm", "namespace": "ns",
            "uid": "u1", "resourceVersion": "4"])
        #expect(event["eventTime"] == "2023-11-14T22:13:20.000000Z")
        #expect(event["reportingInstance"] == "pod-0")
        let same = EventNote(regarding: regarding, type: .warning, reason: "Failed", action: "Apply", note: "boom")
        let other = EventNote(regarding: regarding, type: .warning, reason: "Failed", action: "Apply", note: "other")
        #expect(note.seriesKey == same.seriesKey)
        #expect(note.seriesKey != other.seriesKey)
        try await client.shutdown()
    }
}
