import Foundation
import Logging
import ServiceLifecycle
import ServingAPI
import Synchronization

/// Runs leader election for one identity over the Lease `namespace/name`. A ServiceLifecycle `Service`; on
/// shutdown it releases the lease so another candidate takes over at once. `isLeader` is read by controllers.
public final class LeaderElector: Service, Sendable {
    public static let leaseType = K8s.ResourceType(group: "coordination.k8s.io", version: "v1", plural: "leases",
        kind: "Lease", namespaced: true)

    public let identity: String
    public let namespace: String
    public let name: String
    let client: KubeClient
    let clock: any KubeClock
    let logger: Logger
    private let machine: Mutex<LeaderElectionStateMachine>
    private let changed = Signal()

    public init(client: KubeClient, namespace: String, name: String, identity: String,
        timing: LeaderElectionTiming = LeaderElectionTiming(), clock: any KubeClock = SystemKubeClock(),
        logger: Logger = Logger(label: "swiftlet.leader-election"))
    {
        self.client = client
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.clock = clock
        self.logger = logger
        machine = Mutex(LeaderElectionStateMachine(identity: identity, timing: timing))
    }

    public var isLeader: Bool { machine.withLock { $0.isLeader(now: clock.now()) } }
    /// Whether the first attempt has finished, so `isLeader` is meaningful (readiness).
    public var leadershipKnown: Bool { machine.withLock { $0.leadershipKnown } }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.campaign() }
        await release()
    }

    /// Tries to acquire, then renews, every retry period, until cancelled.
    func campaign() async {
        while !Task.isCancelled {
            let action = await attempt()
            guard case .wait(let delay) = action else { continue }
            do { try await clock.sleep(for: delay) } catch { return }
        }
    }

    private func attempt() async -> LeaderElectionStateMachine.Action {
        let wasLeader = isLeader
        defer { if isLeader != wasLeader { report(isLeader) } }
        let current: (record: LeaseRecord, resourceVersion: String)?
        do {
            current = try await read()
        } catch {
            return machine.withLock { $0.failed() }
        }
        let now = clock.now()
        let action = machine.withLock { $0.observed(current, now: now) }
        do {
            switch action {
            case .create(let record):
                _ = try await client.create(Self.leaseType, namespace: namespace, leaseObject(record, version: nil))
            case .update(let record, let version):
                _ = try await client.update(Self.leaseType, namespace: namespace, leaseObject(record, version: version))
            case .wait:
                return action
            }
            return machine.withLock { $0.written(startedAt: now) }
        } catch {
            return machine.withLock { $0.failed() }
        }
    }

    private func read() async throws(KubeError) -> (record: LeaseRecord, resourceVersion: String)? {
        do throws(KubeError) {
            let lease = try await client.get(Self.leaseType, namespace: namespace, name: name)
            return (LeaseRecord(spec: lease["spec"] ?? [:]), lease.resourceVersion ?? "")
        } catch where error.isNotFound {
            return nil
        }
    }

    private func leaseObject(_ record: LeaseRecord, version: String?) -> JSONValue {
        var metadata: JSONValue = ["name": .string(name), "namespace": .string(namespace)]
        metadata["resourceVersion"] = version.map(JSONValue.string)
        return ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": metadata, "spec": record.spec]
    }

    /// Hands the lease back if we hold it. Runs outside the (possibly cancelled) caller so its requests go out.
    func release() async {
        guard isLeader else { return }
        let task = Task.detached { [self] in
            let current = try? await self.read()
            let record = self.machine.withLock { $0.release(current: current?.record, now: self.clock.now()) }
            if let record, let current {
                _ = try? await self.client.update(Self.leaseType, namespace: self.namespace,
                    self.leaseObject(record, version: current.resourceVersion))
            }
        }
        await task.value
        report(false)
    }

    private func report(_ leader: Bool) {
        logger.info(leader ? "became leader" : "not leader",
            metadata: [LogKey.identity: "\(identity)", LogKey.resource: "lease \(namespace)/\(name)"])
        changed.notify()
    }

    /// Calls `onChange` after every change of leadership, until cancelled.
    func waitForChanges(_ onChange: @Sendable () -> Void) async {
        while !Task.isCancelled {
            await changed.wait()
            onChange()
        }
    }
}
