import ServingAPI
import Testing
@testable import Controller

@Suite struct StoreTests {
    static let configMaps = K8s.ResourceType(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap",
        namespaced: true)
    static let deployments = K8s.ResourceType(group: "apps", version: "v1", plural: "deployments", kind: "Deployment",
        namespaced: true)

    func child(_ name: String, owner: String, controller: Bool = true, kind: String = "Deployment",
        apiVersion: String = "apps/v1", labels: [String: String] = [:]) -> JSONValue
    {
        var value = object(name, "1")
        value[path: ["metadata", "ownerReferences"]] = [[
            "apiVersion": .string(apiVersion), "kind": .string(kind), "name": "parent", "uid": .string(owner),
            "controller": .bool(controller),
        ]]
        value[path: ["metadata", "labels"]] = .object(labels.mapValues(JSONValue.string))
        return value
    }

    @Test func looksUpByKeyOwnerAndSelectorAndSyncsOnce() throws {
        let store = Store(resourceType: Self.configMaps)
        #expect(!store.hasSynced)
        store.apply(.applied(child("x", owner: "u1", labels: ["app": "a"])))
        store.apply(.applied(child("y", owner: "u1", labels: ["app": "b"])))
        store.apply(.applied(child("z", owner: "u2", labels: ["app": "a"])))
        store.apply(.synced)
        #expect(store.hasSynced)
        #expect(store.get(namespace: "ns", name: "x")?.name == "x")
        #expect(store.owned(by: "u1").map(\.name) == ["x", "y"])
        let selector = try LabelSelector(parsing: "app=a")
        #expect(store.list(selector: selector).map(\.name) == ["x", "z"])
        store.apply(.applied(child("y", owner: "u2")))
        #expect(store.owned(by: "u1").map(\.name) == ["x"])
        #expect(store.owned(by: "u2").map(\.name) == ["y", "z"])
        store.apply(.deleted(child("x", owner: "u1")))
        #expect(store.owned(by: "u1").isEmpty)
        #expect(store.count == 2)
        #expect(store.list(namespace: "other").isEmpty)
    }

    @Test func indexesFollowChangesAndDeletions() {
        let store = Store(resourceType: Self.configMaps, indexers: [
            "app": { object in object.labels["app"].map { [$0] } ?? [] },
        ])
        #expect(store.apply(.applied(child("x", owner: "u", labels: ["app": "a"]))) == nil)
        store.apply(.applied(child("y", owner: "u", labels: ["app": "a"])))
        store.apply(.applied(child("z", owner: "u")))
        #expect(store.byIndex("app", "a").map(\.name) == ["x", "y"])
        let previous = store.apply(.applied(child("x", owner: "u", labels: ["app": "b"])))
        #expect(previous?.labels["app"] == "a", "apply returns what the change replaced")
        #expect(store.byIndex("app", "a").map(\.name) == ["y"])
        #expect(store.byIndex("app", "b").map(\.name) == ["x"])
        store.apply(.deleted(child("y", owner: "u")))
        #expect(store.byIndex("app", "a").isEmpty)
        #expect(store.byIndex("missing", "a").isEmpty)
    }

    @Test func ownedObjectsMapToTheirControllingOwnersKey() {
        #expect(controllerOwnerKey(of: child("rs", owner: "u"), ownerType: Self.deployments)
            == ObjectKey(namespace: "ns", name: "parent"))
        #expect(controllerOwnerKey(of: child("rs", owner: "u", controller: false), ownerType: Self.deployments) == nil)
        #expect(controllerOwnerKey(of: child("rs", owner: "u", kind: "StatefulSet"), ownerType: Self.deployments) == nil)
        #expect(controllerOwnerKey(of: child("rs", owner: "u", apiVersion: "other.io/v1"), ownerType: Self.deployments)
            == nil)
        #expect(controllerOwnerKey(of: child("rs", owner: "u", apiVersion: "apps/v1beta2"), ownerType: Self.deployments)
            == ObjectKey(namespace: "ns", name: "parent"))
        #expect(controllerOwnerKey(of: object("plain", "1"), ownerType: Self.deployments) == nil)
    }
}

@Suite struct SignalTests {
    @Test func aNotifyBeforeTheWaitIsNotLost() async {
        let signal = Signal()
        signal.notify()
        await signal.wait()
    }

    @Test func waitingEndsOnNotifyFromAnotherTask() async {
        let signal = Signal()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await signal.wait() }
            group.addTask {
                for _ in 0..<100 { await Task.yield() }
                signal.notify()
            }
        }
    }

    @Test func cancellationEndsAWait() async {
        let signal = Signal()
        let task = Task { await signal.wait() }
        task.cancel()
        await task.value
    }
}
