import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct PermissionsTests {
    /// The verbs the Kubernetes API authorizes on resources.
    static let kubernetesVerbs: Set = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]

    @Test func gatewayAPIAddsHTTPRoutes() {
        let without = ControllerPermissions.clusterRules(gatewayAPI: false)
        let with = ControllerPermissions.clusterRules(gatewayAPI: true)
        #expect(!without.contains { $0.resources.contains("httproutes") })
        #expect(with.contains { $0.resources == ["httproutes"] && $0.verbs.contains("watch") })
        #expect(with.count == without.count + 1)
    }

    @Test(arguments: [false, true])
    func everyVerbIsAKubernetesVerb(gatewayAPI: Bool) {
        for rule in ControllerPermissions.clusterRules(gatewayAPI: gatewayAPI) + ControllerPermissions.namespaceRules {
            #expect(!rule.verbs.isEmpty, "\(rule.resources)")
            #expect(!rule.resources.isEmpty)
            for verb in rule.verbs {
                #expect(Self.kubernetesVerbs.contains(verb), "\(verb) on \(rule.resources)")
            }
            #expect(Set(rule.verbs).count == rule.verbs.count, "duplicate verbs on \(rule.resources)")
        }
    }

    @Test func statusIsPatchedOnlyThroughTheSubresource() {
        let rules = ControllerPermissions.clusterRules(gatewayAPI: false)
        let status = rules.filter { $0.resources.allSatisfy { $0.hasSuffix("/status") } }
        #expect(status.count == 1)
        #expect(status.first?.verbs == ["patch"])
        #expect(status.first?.resources.count == 3)
    }

    @Test func secretsAreNeverListedOrWatched() {
        let secrets = ControllerPermissions.clusterRules(gatewayAPI: true).filter { $0.resources.contains("secrets") }
        #expect(secrets.count == 1)
        #expect(!(secrets.first?.verbs.contains("list") ?? true))
        #expect(!(secrets.first?.verbs.contains("watch") ?? true))
    }

    @Test func ruleJSON() {
        let rule = PolicyRule(apiGroup: "apps", resources: ["deployments"], verbs: ["list", "watch"])
        #expect(rule.json == ["apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["list", "watch"]])
    }
}
