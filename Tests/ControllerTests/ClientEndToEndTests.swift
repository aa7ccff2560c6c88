import Foundation
import ServingAPI
import Testing
@testable import Controller

struct ConfigMap: Resource, Equatable {
    static let resourceType = K8s.ResourceType(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap",
        namespaced: true)
    var metadata: K8s.ObjectMeta
    var data: [String: String]?
}

struct Deployment: Resource {
    static let resourceType = K8s.ResourceType(group: "apps", version: "v1", plural: "deployments", kind: "Deployment",
        namespaced: true)
    var metadata: K8s.ObjectMeta
    var spec: JSONValue
    var status: JSONValue?

    init(name: String) {
        metadata = K8s.ObjectMeta(name: name, namespace: "default")
        spec = [
            "replicas": 1, "selector": ["matchLabels": ["app": .string(name)]],
            "template": ["metadata": ["labels": ["app": .string(name)]],
                "spec": ["containers": [["name": "main", "image": "scorer:1"]]]],
        ]
    }
}

@Suite(.serialized, .enabled(if: APIServerProcess.binaryExists, "needs .build/debug/swiftlet (swift build --product swiftlet)"))
struct ClientEndToEndTests {
    @Test func typedCRUDStatusApplyAndDelete() async throws {
        let server = try APIServerProcess()
        try await server.start()
        let client = try server.client()
        defer { server.remove() }
        do {
            try await crud(client)
            try await status(client)
            try await serverSideApply(client)
        } catch {
            Issue.record("\(error)")
        }
        try await client.shutdown()
        await server.stop()
    }

    func crud(_ client: KubeClient) async throws {
        var map = ConfigMap(metadata: K8s.ObjectMeta(name: "one", namespace: "default", labels: ["tier": "a"]),
            data: ["k": "v"])
        let created = try await client.create(map)
        #expect(created.metadata.uid != nil)
        #expect(created.data == ["k": "v"])
        await #expect { try await client.create(map) } throws: { ($0 as? KubeError)?.isAlreadyExists == true }
        map.metadata.name = "two"
        map.metadata.labels = ["tier": "b"]
        _ = try await client.create(map)
        let tierA = try await client.list(ConfigMap.self, namespace: "default",
            options: ListOptions(labelSelector: try LabelSelector(parsing: "tier=a")))
        #expect(tierA.items.map(\.metadata.name) == ["one"])
        let named = try await client.list(ConfigMap.self, namespace: "default",
            options: ListOptions(fieldSelector: "metadata.name=two"))
        #expect(named.items.map(\.metadata.name) == ["two"])
        let paged = try await client.list(ConfigMap.self, namespace: "default", options: ListOptions(limit: 1))
        #expect(paged.items.count == 1)
        #expect(paged.continueToken != nil)
        let all = try await client.listAll(ConfigMap.resourceType, namespace: "default", options: ListOptions(limit: 1))
        #expect(Set(all.items.compactMap(\.name)).isSuperset(of: ["one", "two"]))

        var fetched = try await client.get(ConfigMap.self, namespace: "default", name: "one")
        fetched.data = ["k": "changed"]
        let updated = try await client.update(fetched)
        #expect(updated.data == ["k": "changed"])
        await #expect { try await client.update(fetched) } throws: { ($0 as? KubeError)?.isConflict == true }

        let merged = try await client.patch(ConfigMap.self, namespace: "default", name: "one",
            .merge(["data": ["extra": "1"]]))
        #expect(merged.data == ["k": "changed", "extra": "1"])
        let jsonPatched = try await client.patch(ConfigMap.self, namespace: "default", name: "one",
            .json([["op": "remove", "path": "/data/extra"]]))
        #expect(jsonPatched.data == ["k": "changed"])

        await #expect {
            try await client.delete(ConfigMap.self, namespace: "default", name: "one",
                options: DeleteOptions(preconditionUID: "not-its-uid"))
        } throws: { ($0 as? KubeError)?.isConflict == true }
        try await client.delete(ConfigMap.self, namespace: "default", name: "one",
            options: DeleteOptions(propagationPolicy: .background, preconditionUID: created.metadata.uid))
        await #expect { try await client.get(ConfigMap.self, namespace: "default", name: "one") } throws: {
            ($0 as? KubeError)?.isNotFound == true
        }
    }

    func status(_ client: KubeClient) async throws {
        let created = try await client.create(Deployment(name: "web"))
        var withStatus = created
        withStatus.status = ["replicas": 1, "observedGeneration": 1]
        withStatus.spec["replicas"] = 5
        let written = try await client.updateStatus(withStatus)
        #expect(written.status?["replicas"] == 1)
        #expect(written.spec["replicas"] == 1, "a status write must not change the spec")
        let patched = try await client.patch(Deployment.self, namespace: "default", name: "web",
            .merge(["status": ["readyReplicas": 1]]), subresource: "status")
        #expect(patched.status?["readyReplicas"] == 1)
        let read = try await client.getStatus(Deployment.self, namespace: "default", name: "web")
        #expect(read.status?["observedGeneration"] == 1)
    }

    func serverSideApply(_ client: KubeClient) async throws {
        let intent = ConfigMap(metadata: K8s.ObjectMeta(name: "applied", namespace: "default"), data: ["owned": "by-a"])
        let first = try await client.apply(intent, fieldManager: "manager-a")
        #expect(first.data == ["owned": "by-a"])
        let raw = try await client.get(ConfigMap.resourceType, namespace: "default", name: "applied")
        let managers = raw[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue }
        #expect(managers == ["manager-a"])
        let rival = ConfigMap(metadata: K8s.ObjectMeta(name: "applied", namespace: "default"), data: ["owned": "by-b"])
        await #expect { try await client.apply(rival, fieldManager: "manager-b") } throws: { error in
            (error as? KubeError)?.status?.code == 409
        }
        let forced = try await client.apply(rival, fieldManager: "manager-b", force: true)
        #expect(forced.data == ["owned": "by-b"])
    }

    @Test func watchStreamsChangesFromAResourceVersion() async throws {
        let server = try APIServerProcess()
        try await server.start()
        let client = try server.client()
        defer { server.remove() }
        let start = try await client.list(ConfigMap.resourceType, namespace: "default")
        let stream = try await client.watch(ConfigMap.resourceType, namespace: "default",
            resourceVersion: start.resourceVersion, timeoutSeconds: 30)
        _ = try await client.create(ConfigMap(metadata: K8s.ObjectMeta(name: "w", namespace: "default"), data: ["a": "1"]))
        _ = try await client.patch(ConfigMap.self, namespace: "default", name: "w", .merge(["data": ["a": "2"]]))
        try await client.delete(ConfigMap.self, namespace: "default", name: "w")
        var seen: [String] = []
        for try await event in stream {
            switch event {
            case .added(let object): seen.append("ADDED \(object.name ?? "") \(object["data"]?["a"]?.stringValue ?? "")")
            case .modified(let object): seen.append("MODIFIED \(object["data"]?["a"]?.stringValue ?? "")")
            case .deleted(let object): seen.append("DELETED \(object.name ?? "")")
            case .bookmark: continue
            case .error(let status): Issue.record("watch error \(status)")
            }
            if seen.count == 3 { break }
        }
        #expect(seen == ["ADDED w 1", "MODIFIED 2", "DELETED w"])
        try await client.shutdown()
        await server.stop()
    }
}
