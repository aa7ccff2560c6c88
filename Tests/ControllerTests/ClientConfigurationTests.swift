import Foundation
import ServingAPI
import Testing
@testable import Controller

@Suite struct ClientConfigurationTests {
    static let twoContexts = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://127.0.0.1:6443/
            certificate-authority: certs/ca.pem
        - name: prod-cluster
          cluster:
            server: https://10.0.0.1:443
            insecure-skip-tls-verify: true
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
            namespace: team-a
        - name: prod
          context:
            cluster: prod-cluster
            user: prod-user
        users:
        - name: dev-user
          user:
            tokenFile: token.txt
        - name: prod-user
          user:
            token: prod-token
        - name: exec-user
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: /usr/local/bin/get-token
              args: ["--cluster"]
        """

    @Test func resolvesTheCurrentContextWithPathsRelativeToTheKubeconfig() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/certs", withIntermediateDirectories: true)
        try "CA PEM".write(toFile: directory + "/certs/ca.pem", atomically: true, encoding: .utf8)
        let text = Self.twoContexts.replacingOccurrences(of: #"args: ["--cluster"]"#, with: "args: []")
        try text.write(toFile: directory + "/config", atomically: true, encoding: .utf8)

        let dev = try ClientConfiguration.fromKubeconfig(path: directory + "/config")
        #expect(dev.server == "https://127.0.0.1:6443")
        #expect(dev.certificateAuthorityPEM == Array("CA PEM".utf8))
        #expect(dev.credentials == .tokenFile(directory + "/token.txt"))
        #expect(dev.namespace == "team-a")

        let prod = try ClientConfiguration.fromKubeconfig(path: directory + "/config", context: "prod")
        #expect(prod.insecureSkipTLSVerify)
        #expect(prod.credentials == .token("prod-token"))
        #expect(prod.namespace == "default")
    }

    @Test func inlineDataIsBase64DecodedAndExecIsRead() throws {
        var config = try KubeConfig(text: KubeConfigParsingTests.kindConfig, directory: "/nowhere")
        var resolved = try ClientConfiguration.resolve(config, context: nil)
        #expect(resolved.certificateAuthorityPEM == Array("LS0t".utf8))
        #expect(resolved.clientCertificatePEM == Array("CERT".utf8))
        #expect(resolved.clientKeyPEM == Array("KEY".utf8))
        #expect(resolved.credentials == .none)

        config.users["kind-kind"]?.clientCertificateData = nil
        config.users["kind-kind"]?.clientKeyData = nil
        config.users["kind-kind"]?.exec = KubeConfig.ExecConfig(command: "get-token", args: ["a"],
            env: [(name: "X", value: "1")], apiVersion: "client.authentication.k8s.io/v1")
        resolved = try ClientConfiguration.resolve(config, context: "kind-kind")
        #expect(resolved.credentials == .exec(command: "get-token", args: ["a"], env: ["X": "1"],
            apiVersion: "client.authentication.k8s.io/v1"))
    }

    @Test func unknownNamesAreConfigurationErrors() throws {
        let text = Self.twoContexts.replacingOccurrences(of: #"args: ["--cluster"]"#, with: "args: []")
        let config = try KubeConfig(text: text, directory: "/x")
        #expect(throws: KubeError.self) { try ClientConfiguration.resolve(config, context: "staging") }
        var broken = config
        broken.contexts["dev"]?.cluster = "gone"
        #expect { try ClientConfiguration.resolve(broken, context: nil) } throws: { error in
            "\(error)".contains("unknown cluster \"gone\"")
        }
        #expect(throws: KubeError.self) {
            try KubeConfig(text: "clusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: true\n", directory: nil)
        }
    }

    @Test func kubeconfigListMergesFirstWins() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = """
            current-context: one
            contexts:
            - name: one
              context:
                cluster: c
            """
        let second = """
            current-context: two
            clusters:
            - name: c
              cluster:
                server: https://second:1
            contexts:
            - name: one
              context:
                cluster: nope
            """
        try first.write(toFile: directory + "/a", atomically: true, encoding: .utf8)
        try second.write(toFile: directory + "/b", atomically: true, encoding: .utf8)
        let resolved = try ClientConfiguration.load(
            environment: ["KUBECONFIG": "\(directory)/a:\(directory)/missing:\(directory)/b"])
        #expect(resolved.server == "https://second:1")
    }

    @Test func inClusterReadsTheServiceAccount() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = InClusterPaths(token: directory + "/token", certificateAuthority: directory + "/ca.crt",
            namespace: directory + "/namespace")
        try "tok".write(toFile: paths.token, atomically: true, encoding: .utf8)
        try "CA".write(toFile: paths.certificateAuthority, atomically: true, encoding: .utf8)
        try "serving\n".write(toFile: paths.namespace, atomically: true, encoding: .utf8)
        let configuration = try ClientConfiguration.inCluster(paths: paths,
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443"])
        #expect(configuration.server == "https://[fd00::1]:443")
        #expect(configuration.certificateAuthorityPEM == Array("CA".utf8))
        #expect(configuration.credentials == .tokenFile(paths.token))
        #expect(configuration.namespace == "serving")
        #expect(throws: KubeError.self) { try ClientConfiguration.inCluster(paths: paths, environment: [:]) }
    }
}
