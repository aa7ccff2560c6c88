import Foundation
import Logging
import ServiceLifecycle
import ServingAPI
import Synchronization
import Testing
@testable import Controller

/// Which instance reconciled which key, in order.
final class ReconcileLog: Sendable {
    let entries = Mutex<[(instance: String, key: String)]>([])
    func add(_ instance: String, _ key: ObjectKey) { entries.withLock { $0.append((instance, key.description)) } }
    func instances(for key: String) -> Set<String> { Set(entries.withLock { $0 }.filter { $0.key == key }.map(\.instance)) }
    var all: [(instance: String, key: String)] { entries.withLock { $0 } }
}

/// Records the reconcile and, for keys present in the cache, an event about the object.
struct RecordingReconciler: Reconciler {
    let instance: String
    let log: ReconcileLog

    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileAction {
        log.add(instance, key)
        if let object = context.store.get(key) {
            context.events?.record(regarding: object, type: .normal, reason: "Seen", action: "Reconcile",
                note: "reconciled by \(instance)")
        }
        return .awaitChange
    }
}

@Suite(.serialized, .enabled(if: APIServerProcess.binaryExists, "needs .build/debug/swiftlet (swift build --product swiftlet)"))
struct ControllerEndToEndTests {
    static let secrets = K8s.ResourceType(group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true)

    func configMap(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "default"]]
    }

    @Test func aControllerReconcilesNewObjectsOwnedChangesAndRecordsEvents() async throws {
        let server = try APIServerProcess()
        defer { server.remove() }
        try await server.start()
        let client = try server.client()
        let log = ReconcileLog()
        let events = EventRecorder(client: client, reportingController: "swiftlet.test/controller",
            reportingInstance: "test-0")
        let controller = Controller(
            configuration: ControllerConfiguration(name: "maps", primary: ConfigMap.resourceType, owned: [Self.secrets],
                namespace: "default"),
            client: client, reconciler: RecordingReconciler(instance: "only", log: log), events: events)
        let health = try await HealthServer(port: 0, isReady: HealthServer.readiness(controllers: [controller], elector: nil))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await controller.runUntilCancelled() }
            group.addTask { await events.drainUntilCancelled() }
            group.addTask { try await health.run() }
            try await eventually("caches synced") { controller.hasSynced }
            #expect(health.answer(path: "/readyz").0 == .ok)
            #expect(health.answer(path: "/healthz").0 == .ok)
            let parent = try await client.create(ConfigMap.resourceType, namespace: "default", configMap("parent"))
            try await eventually("parent reconciled") { !log.instances(for: "default/parent").isEmpty }
            let before = log.all.count
            var secret: JSONValue = ["apiVersion": "v1", "kind": "Secret",
                "metadata": ["name": "child", "namespace": "default", "ownerReferences": [[
                    "apiVersion": "v1", "kind": "ConfigMap", "name": "parent", "uid": .string(parent.uid ?? ""),
                    "controller": true,
                ]]]]
            _ = try await client.create(Self.secrets, namespace: "default", secret)
            try await eventually("the owned secret triggers its owner") {
                log.all.dropFirst(before).contains { $0.key == "default/parent" }
            }
            secret["metadata"] = ["name": "orphan", "namespace": "default"]
            _ = try await client.create(Self.secrets, namespace: "default", secret)
            try await eventually("events written and repeated as a series") {
                let list = try await client.list(EventRecorder.eventType, namespace: "default")
                return list.items.contains { $0[path: ["regarding", "name"]] == "parent" && $0[path: ["series", "count"]] != nil }
            }
            let list = try await client.list(EventRecorder.eventType, namespace: "default")
            let aboutParent = list.items.filter { $0[path: ["regarding", "name"]] == "parent" }
            #expect(aboutParent.count == 1, "a repeat bumps series.count instead of creating another Event")
            #expect(aboutParent.first?["reportingController"] == "swiftlet.test/controller")
            #expect(!log.all.contains { $0.key == "default/orphan" }, "secrets without a controller owner trigger nothing")
            group.cancelAll()
        }
        try await client.shutdown()
        await server.stop()
    }

    @Test func exactlyOneElectedControllerReconcilesAndTheOtherTakesOver() async throws {
        let server = try APIServerProcess()
        defer { server.remove() }
        try await server.start()
        let client = try server.client()
        let log = ReconcileLog()
        let timing = LeaderElectionTiming(leaseDuration: .seconds(4), renewDeadline: .seconds(3),
            retryPeriod: .milliseconds(500))
        func instance(_ name: String) -> (LeaderElector, Controller) {
            let elector = LeaderElector(client: client, namespace: "default", name: "test-controller", identity: name,
                timing: timing)
            let controller = Controller(
                configuration: ControllerConfiguration(name: "maps", primary: ConfigMap.resourceType, namespace: "default"),
                client: client, reconciler: RecordingReconciler(instance: name, log: log), leaderElector: elector)
            return (elector, controller)
        }
        let (electorA, controllerA) = instance("a")
        let (electorB, controllerB) = instance("b")
        let groupA = ServiceGroup(services: [electorA, controllerA], logger: Logger(label: "test.a"))
        let groupB = ServiceGroup(services: [electorB, controllerB], logger: Logger(label: "test.b"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await groupA.run() }
            try await eventually("a leads") { electorA.isLeader }
            group.addTask { try await groupB.run() }
            try await eventually("b knows it does not lead") { electorB.leadershipKnown }
            for index in 0..<3 { _ = try await client.create(ConfigMap.resourceType, namespace: "default", configMap("x\(index)")) }
            try await eventually("all reconciled") { (0..<3).allSatisfy { !log.instances(for: "default/x\($0)").isEmpty } }
            #expect(Set(log.all.map(\.instance)) == ["a"])
            #expect(!electorB.isLeader)

            await groupA.triggerGracefulShutdown()
            try await eventually("b takes over") { electorB.isLeader }
            _ = try await client.create(ConfigMap.resourceType, namespace: "default", configMap("after"))
            try await eventually("b reconciles") { log.instances(for: "default/after") == ["b"] }
            let lease = try await client.get(LeaderElector.leaseType, namespace: "default", name: "test-controller")
            #expect(lease[path: ["spec", "holderIdentity"]] == "b")
            #expect(lease[path: ["spec", "leaseTransitions"]]?.intValue ?? 0 >= 1)
            await groupB.triggerGracefulShutdown()
            try await group.waitForAll()
        }
        let released = try await client.get(LeaderElector.leaseType, namespace: "default", name: "test-controller")
        #expect(released[path: ["spec", "holderIdentity"]] == nil, "shutdown releases the lease")
        try await client.shutdown()
        await server.stop()
    }

    /// Short lease timing, so that expiry and lapse happen within a test.
    static let shortTiming = LeaderElectionTiming(leaseDuration: .seconds(3), renewDeadline: .seconds(2),
        retryPeriod: .milliseconds(300))

    /// Runs `body` with a client of a fresh `swiftlet apiserver` process; stops both afterwards.
    func withServer(_ body: (KubeClient) async throws -> Void) async throws {
        let server = try APIServerProcess()
        defer { server.remove() }
        try await server.start()
        let client = try server.client()
        try await body(client)
        try await client.shutdown()
        await server.stop()
    }

    @Test func aLeaderThatStopsRenewingIsReplacedOnceItsLeaseExpires() async throws {
        try await withServer { client in
            let timing = Self.shortTiming
            let electorA = LeaderElector(client: client, namespace: "default", name: "crash", identity: "a", timing: timing)
            let electorB = LeaderElector(client: client, namespace: "default", name: "crash", identity: "b", timing: timing)
            // A crash: A's renewals stop and nothing releases the lease (run() would release it on the way out).
            let crashing = Task { await electorA.campaign() }
            try await eventually("a leads") { electorA.isLeader }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await electorB.run() }
                try await eventually("b knows it does not lead") { electorB.leadershipKnown }
                #expect(!electorB.isLeader, "a holds a lease that has not expired")
                crashing.cancel()
                await crashing.value
                try await eventually("b takes over once a's lease expires") { electorB.isLeader }
                let lease = try await client.get(LeaderElector.leaseType, namespace: "default", name: "crash")
                #expect(lease[path: ["spec", "holderIdentity"]] == "b")
                group.cancelAll()
            }
        }
    }

    @Test func aReconcileStillRunningWhenLeadershipLapsesIsCancelled() async throws {
        try await withServer { client in
            let timing = Self.shortTiming
            let elector = LeaderElector(client: client, namespace: "default", name: "lapse", identity: "a", timing: timing)
            let outcome = Outcome()
            let controller = Controller(
                configuration: ControllerConfiguration(name: "slow", primary: ConfigMap.resourceType, namespace: "default"),
                client: client, reconciler: SlowReconciler(outcome: outcome), leaderElector: elector)
            let campaign = Task { await elector.campaign() }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await controller.runUntilCancelled() }
                try await eventually("a leads and has synced") { elector.isLeader && controller.hasSynced }
                _ = try await client.create(ConfigMap.resourceType, namespace: "default", configMap("slow"))
                try await eventually("the reconcile started") { outcome.withLock { $0 } == "started" }
                campaign.cancel()  // renewals stop: leadership lapses 2 s after the last one
                await campaign.value
                try await eventually("the running reconcile is cancelled") { outcome.withLock { $0 } == "cancelled" }
                group.cancelAll()
            }
        }
    }
}

final class Outcome: Sendable {
    private let state = Mutex<String?>(nil)
    func withLock<T>(_ body: (inout String?) -> T) -> T { state.withLock { body(&$0) } }
}

/// Takes far longer than the test: only cancellation ends it.
struct SlowReconciler: Reconciler {
    let outcome: Outcome

    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileAction {
        outcome.withLock { $0 = "started" }
        do {
            try await Task.sleep(for: .seconds(600))
        } catch {
            outcome.withLock { $0 = "cancelled" }
            throw error
        }
        outcome.withLock { $0 = "finished" }
        return .awaitChange
    }
}
