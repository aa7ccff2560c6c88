import ServingAPI
import Testing
@testable import Controller

/// A simulated API server for the watcher state machine: objects, a bounded window of past events, paged lists,
/// and watches that break, time out or are answered 410. No sockets, no timers.
struct SimulatedServer {
    var objects: [String: JSONValue] = [:]
    var version = 1
    var log: [(version: Int, event: WatchEvent)] = []
    let window: Int

    mutating func mutate(using generator: inout SplitMix64) {
        version += 1
        let name = "o\(Int.random(in: 0..<8, using: &generator))"
        var object = object(name, String(version))
        object["data"] = .int(Int64(version))
        let event: WatchEvent
        if objects[name] == nil {
            event = .added(object)
            objects[name] = object
        } else if Bool.random(using: &generator) {
            event = .modified(object)
            objects[name] = object
        } else {
            event = .deleted(object)
            objects[name] = nil
        }
        log.append((version, event))
        if log.count > window { log.removeFirst(log.count - window) }
    }

    func page(after token: String?, size: Int) -> ObjectList {
        let sorted = objects.sorted { $0.key < $1.key }.map(\.value)
        let start = Int(token ?? "0") ?? 0
        let end = min(start + size, sorted.count)
        return ObjectList(items: Array(sorted[start..<end]), resourceVersion: String(version),
            continueToken: end < sorted.count ? String(end) : nil)
    }

    /// The events after `resourceVersion`, or `nil` (410) when the window no longer reaches back that far.
    func events(after resourceVersion: String) -> [WatchEvent]? {
        let from = Int(resourceVersion) ?? 0
        if let oldest = log.first?.version, from < oldest - 1 { return nil }
        return log.filter { $0.version > from }.map(\.event)
    }
}

@Suite struct WatcherSimulationTests {
    /// Whatever the interleaving of writes, dropped connections, 410s and relists, a consumer that applies the
    /// watcher's changes ends with exactly the server's objects, and sees `synced` after every list.
    @Test(arguments: UInt64(0)..<40)
    func aConsumerOfTheChangesEndsWithTheServersObjects(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var server = SimulatedServer(window: Int.random(in: 2...20, using: &generator))
        for _ in 0..<5 { server.mutate(using: &generator) }
        var machine = WatcherStateMachine()
        var consumer: [ObjectKey: JSONValue] = [:]
        var pending: [WatchEvent] = []
        var connected = false
        var lists = 0
        var completedLists = 0
        var syncs = 0
        func apply(_ changes: [WatcherChange]) {
            for change in changes {
                switch change {
                case .applied(let object): consumer[ObjectKey(object)!] = object
                case .deleted(let object): consumer[ObjectKey(object)!] = nil
                case .synced: syncs += 1
                }
            }
        }
        var action = machine.start()
        for step in 0..<400 {
            let settling = step >= 300
            if !connected {
                switch action {
                case .list(let token):
                    if token == nil { lists += 1 }
                    if !settling && Int.random(in: 0..<10, using: &generator) == 0 {
                        action = machine.listFailed(.transport("refused"), using: &generator)
                    } else {
                        let page = server.page(after: token, size: 3)
                        if page.continueToken == nil { completedLists += 1 }
                        let (changes, next) = machine.listed(page)
                        apply(changes)
                        action = next
                    }
                case .watch(let version):
                    if let events = server.events(after: version) {
                        pending = events
                        connected = true
                    } else {
                        action = machine.watchFailed(.api(K8s.Status(code: 410, reason: "Expired", message: "")),
                            using: &generator)
                    }
                case .sleep:
                    action = machine.backoffElapsed()
                }
                continue
            }
            let roll = settling ? 1 : Int.random(in: 0..<20, using: &generator)
            switch roll {
            case 0:
                connected = false
                action = machine.watchBroke(.transport("reset"), using: &generator)
            case 1...8 where !pending.isEmpty:
                let (changes, next) = machine.received(pending.removeFirst(), using: &generator)
                apply(changes)
                if let next { connected = false; action = next }
            case 9:
                connected = false
                action = machine.watchEnded(withEvents: true, lasted: .seconds(60), using: &generator)
            case 10:
                connected = false
                let gone = K8s.Status(code: 410, reason: "Expired", message: "too old")
                let (_, next) = machine.received(.error(gone), using: &generator)
                action = next ?? action
            case 11:
                pending.append(.bookmark(resourceVersion: String(server.version)))
            default:
                if !settling {
                    server.mutate(using: &generator)
                    pending.append(server.log.last!.event)
                }
            }
        }
        #expect(pending.isEmpty || !connected, "the simulation must settle")
        let expected = Dictionary(uniqueKeysWithValues: server.objects.values.map { (ObjectKey($0)!, $0) })
        #expect(consumer == expected)
        #expect(Set(machine.known.keys) == Set(expected.keys))
        #expect(syncs == completedLists)
        #expect(lists >= completedLists && completedLists >= 1)
    }
}
