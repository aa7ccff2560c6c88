import Foundation
import ServingAPI
import Testing

@testable import LocalCluster

/// A seeded generator, so uids and generated names are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }
}

/// A store on a fresh SQLite file in a temporary directory, with the four initial namespaces.
func makeStore(directory: URL? = nil, window: Int = 100) async throws -> (ObjectStore, URL) {
    let directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let store = try ObjectStore(
        path: directory.appendingPathComponent("state.db").path, watchWindow: window,
        clock: { Date(timeIntervalSince1970: 1_800_000_000) }, random: SeededGenerator(state: 7))
    try await APIServer.bootstrap(store)
    return (store, directory)
}

let configMaps = ResourceInfo.builtIns.first { $0.type.plural == "configmaps" }!
let deployments = ResourceInfo.builtIns.first { $0.type.plural == "deployments" }!

/// A Deployment the API accepts: a selector matching its template's labels, one container.
func validDeployment(_ name: String, replicas: Int64 = 1) -> JSONValue {
    let labels: JSONValue = ["app": .string(name)]
    return [
        "metadata": ["name": .string(name)],
        "spec": [
            "replicas": .int(replicas), "selector": ["matchLabels": labels],
            "template": ["metadata": ["labels": labels], "spec": ["containers": [["name": "main", "image": "nginx"]]]],
        ],
    ]
}

func key(_ info: ResourceInfo, _ name: String, namespace: String = "default") -> ObjectKey {
    ObjectKey(storageKey: info.storageKey, namespace: info.type.namespaced ? namespace : "", name: name)
}

@Suite struct ObjectStoreTests {
    @Test func everyWriteTakesTheNextResourceVersion() async throws {
        let (store, _) = try await makeStore()
        let start = await store.state.resourceVersion
        var versions: [Int64] = []
        for name in ["a", "b", "c"] {
            let created = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": .string(name)]]) }
            versions.append(Int64(created.resourceVersion ?? "") ?? 0)
        }
        #expect(versions == [start + 1, start + 2, start + 3])
        let updated = try await store.change {
            try $0.update(configMaps, key(configMaps, "a"), object: ["metadata": ["name": "a"], "data": ["k": "v"]])
        }
        #expect(updated.resourceVersion == String(start + 4))
    }

    @Test func aStaleResourceVersionConflicts() async throws {
        let (store, _) = try await makeStore()
        let created = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "x"]]) }
        let stale = created.resourceVersion ?? ""
        _ = try await store.change {
            try $0.update(configMaps, key(configMaps, "x"), object: ["metadata": ["name": "x", "resourceVersion": .string(stale)], "data": ["a": "1"]])
        }
        do {
            _ = try await store.change {
                try $0.update(configMaps, key(configMaps, "x"), object: ["metadata": ["name": "x", "resourceVersion": .string(stale)], "data": ["a": "2"]])
            }
            Issue.record("a stale resourceVersion must conflict")
        } catch {
            #expect(error.status.code == 409 && error.status.reason == "Conflict")
        }
        // Without a resourceVersion the update is unconditional.
        let forced = try await store.change {
            try $0.update(configMaps, key(configMaps, "x"), object: ["metadata": ["name": "x"], "data": ["a": "3"]])
        }
        #expect(forced["data"] == ["a": "3"])
    }

    @Test func createRefusesMissingNamespacesAndDuplicates() async throws {
        let (store, _) = try await makeStore()
        do {
            _ = try await store.change { try $0.create(configMaps, namespace: "nowhere", object: ["metadata": ["name": "x"]]) }
            Issue.record("the namespace does not exist")
        } catch {
            #expect(error.status.code == 404 && error.status.message == "namespaces \"nowhere\" not found")
        }
        _ = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "x"]]) }
        do {
            _ = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "x"]]) }
            Issue.record("x exists")
        } catch {
            #expect(error.status.code == 409 && error.status.reason == "AlreadyExists")
        }
    }

    @Test func generationFollowsSpecChangesOnly() async throws {
        let (store, _) = try await makeStore()
        let deployment = validDeployment("web")
        let created = try await store.change { try $0.create(deployments, namespace: "default", object: deployment) }
        #expect(created.generation == 1)
        var labelled = created
        labelled.labels = ["tier": "front"]
        let afterLabels = try await store.change { [labelled] in try $0.update(deployments, key(deployments, "web"), object: labelled) }
        #expect(afterLabels.generation == 1)
        var status = afterLabels
        status["status"] = ["replicas": 1]
        status[path: ["spec", "replicas"]] = 9
        let afterStatus = try await store.change { [status] in try $0.update(deployments, key(deployments, "web"), object: status, subresource: "status") }
        #expect(afterStatus.generation == 1)
        #expect(afterStatus[path: ["spec", "replicas"]] == 1)
        #expect(afterStatus[path: ["status", "replicas"]] == 1)
        var scaled = afterStatus
        scaled[path: ["spec", "replicas"]] = 3
        scaled["status"] = ["replicas": 99]
        let afterSpec = try await store.change { [scaled] in try $0.update(deployments, key(deployments, "web"), object: scaled) }
        #expect(afterSpec.generation == 2)
        #expect(afterSpec[path: ["status", "replicas"]] == 1)
    }

    @Test func finalizersHoldADeleteUntilTheLastIsRemoved() async throws {
        let (store, _) = try await makeStore()
        _ = try await store.change {
            try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "held", "finalizers": ["example.com/keep"]]])
        }
        let outcome = try await store.change { try $0.delete(configMaps, key(configMaps, "held")) }
        guard case .pending(let pending) = outcome else {
            Issue.record("a finalizer must hold the object")
            return
        }
        #expect(pending.deletionTimestamp != nil)
        #expect(pending[path: ["metadata", "deletionGracePeriodSeconds"]] == 0)
        var released = pending
        released.finalizers = []
        _ = try await store.change { [released] in try $0.update(configMaps, key(configMaps, "held"), object: released) }
        #expect(await store.state.object(key(configMaps, "held")) == nil)
    }

    @Test func stateSurvivesReopening() async throws {
        let (store, directory) = try await makeStore()
        _ = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "kept"], "data": ["a": "b"]]) }
        let version = await store.state.resourceVersion
        let (reopened, _) = try await makeStore(directory: directory)
        #expect(await reopened.state.resourceVersion == version)
        #expect(await reopened.state.object(key(configMaps, "kept"))?["data"] == ["a": "b"])
        let next = try await reopened.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "new"]]) }
        #expect(next.resourceVersion == String(version + 1))
    }

    @Test func aWatchFromBeforeTheWindowGetsExpired() async throws {
        let (store, _) = try await makeStore(window: 2)
        for name in ["a", "b", "c", "d"] {
            _ = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": .string(name)]]) }
        }
        let filter = WatchFilter(storageKey: configMaps.storageKey, namespace: "default")
        let (_, stream) = await store.watch(filter, from: 1)
        var messages: [WatchMessage] = []
        for await message in stream { messages.append(message) }
        guard messages.count == 1, case .error(let status) = messages[0] else {
            Issue.record("expected one ERROR, got \(messages)")
            return
        }
        #expect(status.code == 410 && status.reason == "Expired")
    }

    @Test func aWatchResumesAfterItsVersionAndSeesLaterChanges() async throws {
        let (store, _) = try await makeStore()
        let first = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "a"]]) }
        _ = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": "b"]]) }
        let filter = WatchFilter(storageKey: configMaps.storageKey, namespace: "default")
        let (id, stream) = await store.watch(filter, from: Int64(first.resourceVersion ?? ""))
        _ = try await store.change { try $0.delete(configMaps, key(configMaps, "a")) }
        await store.stopWatching(id)
        var seen: [String] = []
        for await message in stream {
            if case .event(let kind, let object) = message { seen.append("\(kind.rawValue) \(object.name ?? "")") }
        }
        #expect(seen == ["ADDED b", "DELETED a"])
    }
}

extension ObjectStore {
    /// `write` for tests, whose closures throw untyped.
    func change<T: Sendable>(_ body: @Sendable (inout StoreTransaction) throws -> T) throws(APIServerError) -> T {
        try write { transaction throws(APIServerError) in
            do {
                return try body(&transaction)
            } catch let error as APIServerError {
                throw error
            } catch {
                throw .internalError("\(error)")
            }
        }
    }
}

@Suite struct WatcherBufferTests {
    @Test func aWatcherThatFallsTooFarBehindIsClosed() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try ObjectStore(path: directory.appendingPathComponent("state.db").path, watchWindow: 100, watcherBuffer: 2)
        try await APIServer.bootstrap(store)
        let filter = WatchFilter(storageKey: configMaps.storageKey, namespace: "default")
        let (_, stream) = await store.watch(filter, from: await store.state.resourceVersion)
        for index in 0..<5 {
            _ = try await store.change { try $0.create(configMaps, namespace: "default", object: ["metadata": ["name": .string("c\(index)")]]) }
        }
        var received = 0
        for await _ in stream { received += 1 }  // ends: the store closed the watcher when its buffer overflowed
        #expect(received == 2)
    }

    @Test func labelChangesMoveObjectsInAndOutOfAFilteredWatch() {
        var filter = WatchFilter(storageKey: "/configmaps", namespace: nil)
        filter.labels = LabelSelector(matchLabels: ["tier": "front"])
        let plain: JSONValue = ["metadata": ["name": "c"]]
        var labelled = plain
        labelled.labels = ["tier": "front"]
        let entering = WatchEvent(kind: .modified, storageKey: "/configmaps", object: labelled, previous: plain, resourceVersion: 2)
        let leaving = WatchEvent(kind: .modified, storageKey: "/configmaps", object: plain, previous: labelled, resourceVersion: 3)
        let outside = WatchEvent(kind: .added, storageKey: "/configmaps", object: plain, resourceVersion: 1)
        guard case .event(.added, _)? = filter.message(for: entering), case .event(.deleted, _)? = filter.message(for: leaving) else {
            Issue.record("entering is ADDED, leaving is DELETED")
            return
        }
        #expect(filter.message(for: outside) == nil)
    }
}
