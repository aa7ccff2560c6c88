import Foundation
import ServingAPI
import Testing

@testable import Reconcilers

@Suite struct RBACManifestTests {
    /// The verbs the Kubernetes API server authorizes on resources (the RBAC verbs of `kubectl api-resources -o wide`).
    static let kubernetesVerbs: Set<String> = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized

    /// manifests/rbac*.yaml and the chart's templates/rbac.yaml hold exactly what the generator writes.
    @Test(arguments: RBACManifest.files.map(\.path)) func committedFileIsUpToDate(_ path: String) throws {
        let expected = try #require(RBACManifest.files.first(where: { $0.path == path })).contents
        let onDisk = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        #expect(onDisk == expected, "\(path) is stale: run swift run swiftlet rbac (see RBACCommand's help)")
    }

    @Test(arguments: [false, true]) func everyVerbIsAKubernetesVerb(_ gatewayAPI: Bool) {
        let rules = ControllerPermissions.clusterRules(gatewayAPI: gatewayAPI) + ControllerPermissions.namespaceRules
        for rule in rules {
            #expect(!rule.verbs.isEmpty && !rule.resources.isEmpty, "\(rule)")
            #expect(Set(rule.verbs).isSubset(of: Self.kubernetesVerbs), "\(rule.verbs) in \(rule)")
            #expect(!rule.verbs.contains("*") && !rule.resources.contains("*") && rule.apiGroup != "*", "no wildcards: \(rule)")
        }
    }

    @Test func theStreamHoldsTheObjectsInApplyOrder() {
        let documents = RBACManifest.documents(namespace: "ops", gatewayAPI: false)
        #expect(documents.map { $0["kind"]?.stringValue } == ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"])
        #expect(documents[0][path: ["metadata", "namespace"]] == "ops")
        #expect(documents[1][path: ["metadata", "namespace"]] == nil)
        #expect(documents[3][path: ["metadata", "namespace"]] == "ops")
        for binding in [documents[2], documents[4]] {
            #expect(binding["subjects"] == [["kind": "ServiceAccount", "name": "swiftlet-controller", "namespace": "ops"]])
        }
        #expect(documents[2][path: ["roleRef", "name"]] == "swiftlet-controller")
        #expect(documents[4][path: ["roleRef", "kind"]] == "Role")
    }

    @Test func rolesCarryTheDeclaredRules() {
        let documents = RBACManifest.documents(namespace: "swiftlet-system", gatewayAPI: true)
        let rules = { (name: String) in documents.first { $0[path: ["metadata", "name"]] == .string(name) && $0["rules"] != nil }?["rules"] }
        #expect(rules("swiftlet-controller") == .array(ControllerPermissions.clusterRules(gatewayAPI: false).map(\.json)))
        #expect(rules("swiftlet-leader-election") == .array(ControllerPermissions.namespaceRules.map(\.json)))
        #expect(rules("swiftlet-controller-gateway-api") == [
            ["apiGroups": ["gateway.networking.k8s.io"], "resources": ["httproutes"], "verbs": ["list", "watch", "patch", "delete"]],
        ])
        #expect(documents.count == 7)
    }

    @Test func theManifestReadsBackAsTheDocuments() throws {
        let text = RBACManifest.manifest(gatewayAPI: true)
        #expect(try JSONValue.parsingYAML(text) == RBACManifest.documents(namespace: "swiftlet-system", gatewayAPI: true))
    }

    @Test func theHelmTemplateGuardsTheGatewayRulesAndTemplatesNames() {
        let template = RBACManifest.helmTemplate
        let guardLine = "{{- if eq .Values.gateway.mode \"gatewayAPI\" }}"
        let parts = template.components(separatedBy: guardLine)
        #expect(parts.count == 2)
        #expect(!parts[0].contains("httproutes") && parts[1].contains("httproutes"))
        #expect(template.hasSuffix("{{- end }}\n"))
        #expect(template.contains("namespace: {{ .Release.Namespace }}"))
        #expect(template.contains("name: {{ include \"swiftlet.serviceAccountName\" . }}"))
        #expect(!template.contains("SWIFTLET_HELM") && !template.contains("\nkind: ServiceAccount"))
    }
}
