import ServingAPI
import Testing

@testable import LocalCluster

@Suite struct ScaleSubresourceTests {
    let deployment: JSONValue = [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": ["name": "web", "namespace": "prod", "uid": "u", "resourceVersion": "7"],
        "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "web"]]], "status": ["replicas": 1],
    ]

    @Test func readsTheScaleOfADeployment() throws {
        let scale = try ScaleSubresource.scale(of: deployment, deployments)
        #expect(scale["kind"] == "Scale" && scale["apiVersion"] == "autoscaling/v1")
        #expect(scale[path: ["spec", "replicas"]] == 2 && scale[path: ["status", "replicas"]] == 1)
        #expect(scale[path: ["status", "selector"]] == "app=web")
        #expect(scale[path: ["metadata", "resourceVersion"]] == "7")
    }

    @Test func writesReplicasBackWithTheScalesVersionAsPrecondition() throws {
        let written = try ScaleSubresource.apply(
            scale: ["metadata": ["resourceVersion": "7"], "spec": ["replicas": 5]], to: deployment, deployments)
        #expect(written[path: ["spec", "replicas"]] == 5 && written.resourceVersion == "7")
        do {
            _ = try ScaleSubresource.apply(scale: ["spec": ["replicas": -1]], to: deployment, deployments)
            Issue.record("negative replicas are invalid")
        } catch {
            #expect(error.status.code == 422)
        }
    }

    @Test func continueTokensRoundTrip() throws {
        let token = ContinueToken(resourceVersion: 42, lastKey: "prod/web")
        #expect(try ContinueToken(decoding: token.encoded) == token)
        #expect(throws: APIServerError.self) { try ContinueToken(decoding: "not-a-token") }
    }
}
