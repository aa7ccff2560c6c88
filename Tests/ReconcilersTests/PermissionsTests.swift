import Testing
@testable import Reconcilers

@Suite struct PermissionsTests {
    @Test func gatewayAPIAddsHTTPRoutes() {
        let without = ControllerPermissions.clusterRules(gatewayAPI: false)
        let with = ControllerPermissions.clusterRules(gatewayAPI: true)
        #expect(!without.contains { $0.resources.contains("httproutes") })
        #expect(with.contains { $0.resources == ["httproutes"] && $0.verbs.contains("watch") })
    }
}
