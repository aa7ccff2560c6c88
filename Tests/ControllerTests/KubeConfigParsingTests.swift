import ServingAPI
import Testing
@testable import Controller

/// Kubeconfigs as kubectl, kind and minikube write them, read through `KubeConfig.document` (YAML or JSON).
@Suite struct KubeConfigParsingTests {
    static let kindConfig = """
        apiVersion: v1
        clusters:
        - cluster:
            certificate-authority-data: TFMwdA==
            server: https://127.0.0.1:43123
          name: kind-kind
        contexts:
        - context:
            cluster: kind-kind
            user: kind-kind
          name: kind-kind
        current-context: kind-kind
        kind: Config
        preferences: {}
        users:
        - name: kind-kind
          user:
            client-certificate-data: Q0VSVA==
            client-key-data: S0VZ
        """

    @Test func parsesAKindKubeconfigWithListsAtTheirKeysColumn() throws {
        let value = try KubeConfig.document(Self.kindConfig)
        #expect(value["current-context"] == "kind-kind")
        #expect(value["preferences"] == .object([:]))
        #expect(value["clusters"]?.arrayValue?.count == 1)
        #expect(value["clusters"]?.arrayValue?.first?["name"] == "kind-kind")
        #expect(value[path: ["clusters"]]?.arrayValue?.first?[path: ["cluster", "server"]] == "https://127.0.0.1:43123")
        #expect(value["users"]?.arrayValue?.first?[path: ["user", "client-key-data"]] == "S0VZ")
    }

    @Test func parsesIndentedSequencesQuotedScalarsAndComments() throws {
        let text = """
            # a comment
            users:
              - name: "quoted: name" # trailing comment
                user:
                  exec:
                    command: 'it''s'
                    args:
                      - --flag
                      - "a\\tb\\u0041"
                    env: null
                  token: abc#notacomment
            flag: true
            count: 3
            empty:
            """
        let value = try KubeConfig.document(text)
        let user = try #require(value["users"]?.arrayValue?.first)
        #expect(user["name"] == "quoted: name")
        #expect(user[path: ["user", "exec", "command"]] == "it's")
        #expect(user[path: ["user", "exec", "args"]] == ["--flag", "a\tbA"])
        #expect(user[path: ["user", "exec", "env"]] == .null)
        #expect(user[path: ["user", "token"]] == "abc#notacomment")
        #expect(value["flag"] == true)
        #expect(value["count"] == 3)
        #expect(value["empty"] == .null)
    }

    @Test func acceptsJSON() throws {
        let value = try KubeConfig.document(#" {"current-context": "x", "clusters": []}"#)
        #expect(value["current-context"] == "x")
        #expect(value["clusters"] == [])
    }

    @Test(arguments: [
        ("a: 1\n\tb: 2\n", 2),
        ("a: &anchor 1\n", 1),
        ("a: 1\na: 2\n", 2),
        ("a:\n  b: 1\n c: 2\n", 3),
        ("a: \"open\n", 1),
    ])
    func rejectsWhatIsOutsideTheSubsetNamingTheLine(text: String, line: Int) {
        #expect {
            try KubeConfig.document(text)
        } throws: { error in
            guard case KubeError.configuration(let message) = error else { return false }
            return message.contains("line \(line)")
        }
    }

    @Test func aKubeconfigIsOneMapping() {
        #expect(throws: KubeError.self) { try KubeConfig.document("a: 1\n---\nb: 2\n") }
        #expect(throws: KubeError.self) { try KubeConfig(text: "just a scalar line\n", directory: nil) }
    }
}
