import Foundation
import ServingAPI
import Synchronization
import Testing
@testable import Controller

/// Counts what a watcher reported (the number of complete lists, in particular).
final class ChangeLog: Sendable {
    let syncs = Mutex(0)
    func record(_ change: WatcherChange) { if change == .synced { syncs.withLock { $0 += 1 } } }
}

@Suite(.serialized, .enabled(if: APIServerProcess.binaryExists, "needs .build/debug/swiftlet (swift build --product swiftlet)"))
struct WatcherEndToEndTests {
    func configMap(_ name: String, _ value: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "default"],
            "data": ["v": .string(value)]]
    }

    /// The watcher's cache as name → (resourceVersion, data), to compare with a fresh list.
    func snapshot(_ objects: [JSONValue]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: objects.map { ($0.name ?? "", ($0.resourceVersion ?? "") + " " + ($0["data"]?.jsonText ?? "")) })
    }

    /// Runs a watcher, takes the server down while it is backing off, makes `writes` changes (creates, updates and
    /// deletes) after a restart, then lets the watcher resume; its store must end equal to a fresh list.
    func recover(writes: Int, watchWindow: Int?) async throws -> Int {
        let server = try APIServerProcess(watchWindow: watchWindow)
        defer { server.remove() }
        try await server.start()
        let client = try server.client()
        for index in 0..<6 { _ = try await client.create(ConfigMap.resourceType, namespace: "default", configMap("m\(index)", "0")) }
        let clock = GatedClock()
        let log = ChangeLog()
        let watcher = Watcher(client: client, resourceType: ConfigMap.resourceType, namespace: "default", clock: clock,
            backoff: Backoff(initial: .milliseconds(50), maximum: .milliseconds(200)), pageSize: 4, watchTimeoutSeconds: 60)
        var syncs = 0
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await watcher.run { log.record($0) } }
            try await eventually("the first list") { watcher.store.hasSynced }
            _ = try await client.patch(ConfigMap.resourceType, namespace: "default", name: "m0", .merge(["data": ["v": "1"]]))
            try await eventually("the watch delivers m0's update") { watcher.store.get(namespace: "default", name: "m0")?["data"]?["v"] == "1" }
            clock.close()
            await server.stop()
            try await eventually("the watcher backs off") { clock.sleeping > 0 }
            try await server.start()
            for index in 0..<writes {
                let name = "m\(index % 6)"
                switch index % 3 {
                case 0: _ = try await client.patch(ConfigMap.resourceType, namespace: "default", name: name, .merge(["data": ["v": .string("w\(index)")]]))
                case 1: _ = try? await client.delete(ConfigMap.resourceType, namespace: "default", name: name)
                default: _ = try? await client.create(ConfigMap.resourceType, namespace: "default", configMap("n\(index)", "new"))
                }
            }
            _ = try await client.create(ConfigMap.resourceType, namespace: "default", configMap("last", "marker"))
            clock.openGate()
            try await eventually("the watcher catches up") { watcher.store.get(namespace: "default", name: "last") != nil }
            let fresh = try await client.listAll(ConfigMap.resourceType, namespace: "default")
            #expect(snapshot(watcher.store.list()) == snapshot(fresh.items))
            syncs = log.syncs.withLock { $0 }
            group.cancelAll()
        }
        try await client.shutdown()
        await server.stop()
        return syncs
    }

    @Test func aWatcherRelistsAfter410AndSeesDeletionsMadeWhileAway() async throws {
        let syncs = try await recover(writes: 40, watchWindow: 5)
        #expect(syncs >= 2, "more writes than the watch window while away must force a relist")
    }

    @Test func aWatcherResumesAfterTheServerRestartsWithoutLosingUpdates() async throws {
        _ = try await recover(writes: 3, watchWindow: nil)
    }
}
