import ServingAPI
import Testing

@testable import LocalCluster

@Suite struct DeploymentValidationTests {
    @Test func aValidDeploymentHasNoCauses() {
        #expect(DeploymentValidation.causes(validDeployment("web"), old: nil).isEmpty)
    }

    @Test func theSelectorMustMatchTheTemplate() {
        var deployment = validDeployment("web")
        deployment[path: ["spec", "template", "metadata", "labels"]] = ["app": "other"]
        let causes = DeploymentValidation.causes(deployment, old: nil)
        #expect(causes.map(\.field) == ["spec.template.metadata.labels"])
        #expect(causes.first?.message?.contains("`selector` does not match template `labels`") == true)
    }

    @Test func theSelectorIsImmutableAndContainersNeedNameAndImage() {
        var changed = validDeployment("web")
        changed[path: ["spec", "selector"]] = ["matchLabels": ["app": "web", "tier": "x"]]
        changed[path: ["spec", "template", "metadata", "labels"]] = ["app": "web", "tier": "x"]
        changed[path: ["spec", "template", "spec", "containers"]] = [["name": "main"]]
        let causes = DeploymentValidation.causes(changed, old: validDeployment("web"))
        #expect(causes.map(\.field) == ["spec.selector", "spec.template.spec.containers[0].image"])
    }
}
