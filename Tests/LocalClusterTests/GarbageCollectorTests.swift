import Foundation
import ServingAPI
import Testing

@testable import LocalCluster

@Suite struct GarbageCollectorTests {
    /// A Deployment `owner` and a ConfigMap `child` it owns.
    private func ownerAndChild(_ store: ObjectStore) async throws -> (owner: JSONValue, child: JSONValue) {
        let owner = try await store.change {
            try $0.create(deployments, namespace: "default", object: validDeployment("owner"))
        }
        let reference = K8s.OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "owner", uid: owner.uid ?? "", controller: true)
        let child = try await store.change {
            try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "child", "ownerReferences": [reference.json]]])
        }
        return (owner, child)
    }

    @Test func decidesToDeleteDependentsWhoseOwnersAreGone() {
        var state = ClusterState()
        let child: JSONValue = [
            "metadata": ["name": "child", "namespace": "default", "uid": "c", "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "gone", "uid": "missing"]]],
        ]
        let other: JSONValue = ["metadata": ["name": "owner", "namespace": "default", "uid": "o"]]
        let kept: JSONValue = [
            "metadata": ["name": "kept", "namespace": "default", "uid": "k", "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": "o"]]],
        ]
        state.objects["/configmaps"] = ["default/child": child, "default/owner": other, "default/kept": kept]
        #expect(GarbageCollector.decide(state) == [.delete(ObjectKey(storageKey: "/configmaps", namespace: "default", name: "child"))])
    }

    @Test func aProtectedNamespaceWithAMissingOwnerStaysAndDoesNotFailTheWrite() {
        var state = ClusterState()
        let owned: JSONValue = [
            "metadata": ["name": "default", "uid": "d", "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "gone", "uid": "missing"]]],
        ]
        state.objects[ResourceInfo.namespaces.storageKey] = ["/default": owned]
        #expect(GarbageCollector.decide(state) == [])
    }

    @Test func aDependentCreatedWithAMissingOwnerIsCollectedAtOnce() async throws {
        let (store, _) = try await makeStore()
        let reference = K8s.OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "never", uid: "no-such-uid")
        _ = try await store.change {
            try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "stray", "ownerReferences": [reference.json]]])
        }
        #expect(await store.state.object(key(configMaps, "stray")) == nil)
    }

    @Test func theCollectorRunsOnlyWhenAWriteCanHaveGivenItWork() async throws {
        let (store, _) = try await makeStore()
        var plain = StoreTransaction(state: await store.state, now: Date(), random: AnyRandomNumberGenerator(SystemRandomNumberGenerator()))
        plain.put(key(configMaps, "plain"), ["metadata": ["name": "plain", "namespace": "default", "uid": "p"]])
        #expect(!GarbageCollector.mayHaveWork(plain), "a write without owners, deletions or terminating objects")
        func owner(_ uid: String) -> JSONValue { ["apiVersion": "v1", "kind": "ConfigMap", "name": "plain", "uid": .string(uid)] }
        var owned = plain
        owned.put(key(configMaps, "owned"), ["metadata": ["name": "owned", "namespace": "default", "ownerReferences": [owner("p")]]])
        #expect(!GarbageCollector.mayHaveWork(owned), "a write whose owner exists leaves nothing to collect")
        var orphan = plain
        orphan.put(key(configMaps, "orphan"), ["metadata": ["name": "orphan", "namespace": "default",
            "ownerReferences": [owner("p"), owner("gone")]]])
        #expect(!GarbageCollector.mayHaveWork(orphan), "one owner left is enough")
        orphan.put(key(configMaps, "orphan"), ["metadata": ["name": "orphan", "namespace": "default",
            "ownerReferences": [owner("gone")]]])
        #expect(GarbageCollector.mayHaveWork(orphan), "a write whose owners are all gone")
        var removal = plain
        removal.remove(key(configMaps, "plain"))
        #expect(GarbageCollector.mayHaveWork(removal))
        var held = StoreTransaction(state: plain.state, now: Date(), random: AnyRandomNumberGenerator(SystemRandomNumberGenerator()))
        held.put(key(configMaps, "held"), ["metadata": ["name": "held", "namespace": "default", "deletionTimestamp": "2026-01-01T00:00:00Z", "finalizers": ["x"]]])
        var later = StoreTransaction(state: held.state, now: Date(), random: AnyRandomNumberGenerator(SystemRandomNumberGenerator()))
        later.put(key(configMaps, "other"), ["metadata": ["name": "other", "namespace": "default"]])
        #expect(GarbageCollector.mayHaveWork(later), "while something is terminating, any write may unblock it")
    }

    @Test func backgroundDeletionRemovesTheOwnerThenTheDependent() async throws {
        let (store, _) = try await makeStore()
        _ = try await ownerAndChild(store)
        let outcome = try await store.change { try $0.delete(deployments, key(deployments, "owner"), propagation: .background) }
        guard case .deleted = outcome else {
            Issue.record("background deletion removes the owner at once")
            return
        }
        #expect(await store.state.object(key(configMaps, "child")) == nil)
    }

    @Test func foregroundDeletionWaitsForDependentsHeldByFinalizers() async throws {
        let (store, _) = try await makeStore()
        let (_, child) = try await ownerAndChild(store)
        var held = child
        held.finalizers = ["example.com/hold"]
        _ = try await store.change { [held] in try $0.update(configMaps, key(configMaps, "child"), object: held) }
        let outcome = try await store.change { try $0.delete(deployments, key(deployments, "owner"), propagation: .foreground) }
        guard case .pending(let owner) = outcome else {
            Issue.record("foreground deletion keeps the owner while dependents exist")
            return
        }
        #expect(owner.finalizers == ["foregroundDeletion"])
        let waitingChild = await store.state.object(key(configMaps, "child"))
        #expect(waitingChild?.deletionTimestamp != nil)
        var released = try #require(waitingChild)
        released.finalizers = []
        _ = try await store.change { [released] in try $0.update(configMaps, key(configMaps, "child"), object: released) }
        #expect(await store.state.object(key(configMaps, "child")) == nil)
        #expect(await store.state.object(key(deployments, "owner")) == nil)
    }

    @Test func orphanDeletionKeepsDependentsWithoutTheReference() async throws {
        let (store, _) = try await makeStore()
        _ = try await ownerAndChild(store)
        _ = try await store.change { try $0.delete(deployments, key(deployments, "owner"), propagation: .orphan) }
        #expect(await store.state.object(key(deployments, "owner")) == nil)
        let child = await store.state.object(key(configMaps, "child"))
        #expect(child != nil)
        #expect(child?.ownerReferences.isEmpty == true)
    }

    @Test func deletingANamespaceDeletesItsContentThenItself() async throws {
        let (store, _) = try await makeStore()
        let namespaces = ResourceInfo.namespaces
        _ = try await store.change { try $0.create(namespaces, namespace: nil, object: ["metadata": ["name": "team"]]) }
        _ = try await store.change {
            try $0.create(configMaps, namespace: "team", object: ["metadata": ["name": "held", "finalizers": ["example.com/x"]]])
        }
        let outcome = try await store.change { try $0.delete(namespaces, key(namespaces, "team")) }
        guard case .pending(let terminating) = outcome else {
            Issue.record("the namespace waits for its content")
            return
        }
        #expect(terminating[path: ["status", "phase"]] == "Terminating")
        var content = try #require(await store.state.object(key(configMaps, "held", namespace: "team")))
        #expect(content.deletionTimestamp != nil)
        content.finalizers = []
        _ = try await store.change { [content] in try $0.update(configMaps, key(configMaps, "held", namespace: "team"), object: content) }
        #expect(await store.state.object(key(namespaces, "team")) == nil)
    }

    @Test func theInitialNamespacesCannotBeDeleted() async throws {
        let (store, _) = try await makeStore()
        do {
            _ = try await store.change { try $0.delete(ResourceInfo.namespaces, key(ResourceInfo.namespaces, "default")) }
            Issue.record("default may not be deleted")
        } catch {
            #expect(error.status.code == 403)
        }
    }
}
