import Foundation
import Logging
import ServiceLifecycle
import ServingAPI
import Synchronization

/// One thing to report about an object (an events.k8s.io/v1 Event before it is written).
public struct EventNote: Sendable, Equatable {
    public enum Kind: String, Sendable { case normal = "Normal", warning = "Warning" }
    public var regarding: JSONValue
    public var type: Kind
    public var reason: String
    public var action: String
    public var note: String

    public init(regarding: JSONValue, type: Kind, reason: String, action: String, note: String) {
        self.regarding = regarding
        self.type = type
        self.reason = reason
        self.action = action
        self.note = note
    }

    /// What makes two events "the same" for series counting.
    var seriesKey: String {
        let object = regarding.uid ?? "\(regarding.kind ?? "")/\(regarding.namespace ?? "")/\(regarding.name ?? "")"
        return [object, type.rawValue, reason, action, note].joined(separator: "\u{1}")
    }
}

/// Writes events.k8s.io/v1 Events without ever blocking or failing the caller: `record` puts the event in a
/// bounded buffer (the oldest is dropped when full) and the recorder's `run()` (a Service) writes them. A repeat
/// of the same event within `seriesWindow` bumps the existing Event's `series.count` instead of creating another.
public final class EventRecorder: Service, Sendable {
    public static let eventType = K8s.ResourceType(group: "events.k8s.io", version: "v1", plural: "events",
        kind: "Event", namespaced: true)

    let client: KubeClient
    let reportingController: String
    let reportingInstance: String
    let clock: any KubeClock
    let logger: Logger
    let capacity: Int
    let seriesWindow: Duration
    private let buffer = Mutex(EventBuffer())
    private let generator: Mutex<any RandomNumberGenerator & Sendable>
    private let signal = Signal()
    private let stopping = Atomic(false)

    public init(client: KubeClient, reportingController: String, reportingInstance: String, capacity: Int = 1000,
        seriesWindow: Duration = .seconds(360), clock: any KubeClock = SystemKubeClock(),
        generator: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
        logger: Logger = Logger(label: "swiftlet.events"))
    {
        self.client = client
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.capacity = capacity
        self.seriesWindow = seriesWindow
        self.clock = clock
        self.generator = Mutex(generator)
        self.logger = logger
    }

    /// Queues an event; returns at once.
    public func record(_ event: EventNote) {
        let dropped = buffer.withLock { $0.push(event, at: clock.now(), capacity: capacity) }
        if dropped { logger.debug("event buffer full; dropped the oldest event") }
        signal.notify()
    }

    public func record(regarding: JSONValue, type: EventNote.Kind, reason: String, action: String, note: String) {
        record(EventNote(regarding: regarding, type: type, reason: reason, action: action, note: note))
    }

    /// Writes events until graceful shutdown; then writes what is still queued and returns.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await self.drainUntilCancelled()
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.signal.notify()
        }
    }

    func drainUntilCancelled() async {
        while !Task.isCancelled {
            let batch = buffer.withLock { $0.takeAll() }
            if batch.isEmpty {
                if stopping.load(ordering: .relaxed) { return }
                await signal.wait()
                continue
            }
            for (event, time) in batch { await write(event, at: time) }
        }
    }

    /// Writes one event: a new Event, or a series bump of the Event written for the same thing recently.
    func write(_ event: EventNote, at time: Date) async {
        let key = event.seriesKey
        let previous = buffer.withLock { $0.series[key] }
        do {
            if let previous, time.duration(since: previous.lastObserved) < seriesWindow {
                let count = previous.count + 1
                let patch: JSONValue = ["series": ["count": .int(Int64(count)),
                    "lastObservedTime": .string(K8s.microTimestamp(time))]]
                _ = try await client.patch(Self.eventType, namespace: previous.namespace, name: previous.name,
                    .merge(patch))
                buffer.withLock { $0.series[key] = EventSeries(name: previous.name, namespace: previous.namespace,
                    count: count, lastObserved: time) }
            } else {
                let object = eventObject(event, at: time)
                _ = try await client.create(Self.eventType, namespace: object.namespace, object)
                buffer.withLock { buffer in
                    buffer.series[key] = EventSeries(name: object.name ?? "", namespace: object.namespace ?? "default",
                        count: 1, lastObserved: time)
                    buffer.forgetSeries(before: time.adding(.zero - seriesWindow))
                }
            }
        } catch {
            if error.isNotFound { buffer.withLock { $0.series[key] = nil } }
            logger.info("could not write event", metadata: [LogKey.error: "\(error)"])
        }
    }

    func eventObject(_ event: EventNote, at time: Date) -> JSONValue {
        let regarding = event.regarding
        let namespace = regarding.namespace ?? "default"
        let suffix = generator.withLock { generator in String(generator.next() & 0xffff_ffff_ffff, radix: 16) }
        var reference: JSONValue = [:]
        reference["apiVersion"] = regarding.apiVersion.map(JSONValue.string)
        reference["kind"] = regarding.kind.map(JSONValue.string)
        reference["name"] = regarding.name.map(JSONValue.string)
        reference["namespace"] = regarding.namespace.map(JSONValue.string)
        reference["uid"] = regarding.uid.map(JSONValue.string)
        reference["resourceVersion"] = regarding.resourceVersion.map(JSONValue.string)
        return [
            "apiVersion": "events.k8s.io/v1", "kind": "Event",
            "metadata": ["name": .string("\(regarding.name ?? "object").\(suffix)"), "namespace": .string(namespace)],
            "eventTime": .string(K8s.microTimestamp(time)), "reportingController": .string(reportingController),
            "reportingInstance": .string(reportingInstance), "action": .string(event.action),
            "reason": .string(event.reason), "note": .string(String(event.note.prefix(1024))),
            "type": .string(event.type.rawValue), "regarding": reference,
        ]
    }
}

struct EventSeries: Sendable, Equatable {
    var name: String
    var namespace: String
    var count: Int
    var lastObserved: Date
}

/// The recorder's bounded queue and its memory of recent events (for series).
struct EventBuffer: Sendable {
    var pending: [(EventNote, Date)] = []
    var series: [String: EventSeries] = [:]

    /// Adds an event; returns whether the oldest had to be dropped.
    mutating func push(_ event: EventNote, at time: Date, capacity: Int) -> Bool {
        pending.append((event, time))
        guard pending.count > capacity else { return false }
        pending.removeFirst(pending.count - capacity)
        return true
    }

    /// Drops the memory of events last seen before `cutoff` (they can no longer form a series).
    mutating func forgetSeries(before cutoff: Date) {
        guard series.count > 256 else { return }
        series = series.filter { $0.value.lastObserved >= cutoff }
    }

    mutating func takeAll() -> [(EventNote, Date)] {
        defer { pending.removeAll() }
        return pending
    }
}
