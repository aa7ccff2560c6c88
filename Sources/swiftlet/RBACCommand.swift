import ArgumentParser
import Foundation
import Reconcilers

struct RBACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac",
        abstract: "Write the controller's ServiceAccount, ClusterRole, Role and bindings as YAML (from its declared permissions).",
        discussion: """
            swiftlet rbac --output manifests/rbac.yaml
            swiftlet rbac --gateway-api --output manifests/rbac-gateway-api.yaml
            swiftlet rbac --helm --output charts/swiftlet/templates/rbac.yaml
            """
    )

    @Option(help: "A file to write; stdout when not given.")
    var output: String?
    @Flag(name: .customLong("gateway-api"), help: "Add the ClusterRole for Gateway API HTTPRoutes (swiftlet controller --gateway-api).")
    var gatewayAPI = false
    @Option(help: "The controller's namespace (its ServiceAccount, leader-election Role and RoleBinding).")
    var namespace = RBACManifest.defaultNamespace
    @Flag(help: "Write the Helm chart's templates/rbac.yaml instead (Gateway API rules under gateway.mode=gatewayAPI).")
    var helm = false

    func validate() throws {
        if helm, gatewayAPI || namespace != RBACManifest.defaultNamespace {
            throw ValidationError("--helm takes neither --gateway-api nor --namespace: the chart's values decide them")
        }
    }

    func run() throws {
        let text = helm ? RBACManifest.helmTemplate : RBACManifest.manifest(namespace: namespace, gatewayAPI: gatewayAPI)
        guard let output else {
            print(text, terminator: "")
            return
        }
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        print(output)
    }
}
