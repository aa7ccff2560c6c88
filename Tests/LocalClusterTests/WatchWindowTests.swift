import ServingAPI
import Testing

@testable import LocalCluster

@Suite struct WatchWindowTests {
    private func event(_ version: Int64) -> WatchEvent {
        WatchEvent(kind: .added, storageKey: "/configmaps", object: ["metadata": ["name": .string("c\(version)")]], resourceVersion: version)
    }

    @Test func replaysTheEventsAfterAVersion() {
        var window = WatchWindow(capacity: 10, startingAt: 4)
        for version: Int64 in 5...8 { window.append(event(version)) }
        #expect(window.replay(after: 6) == .events([event(7), event(8)]))
        #expect(window.replay(after: 4) == .events((Int64(5)...8).map(event)))
        #expect(window.replay(after: 8) == .events([]))
    }

    @Test func aVersionOlderThanTheWindowIsExpired() {
        var window = WatchWindow(capacity: 3, startingAt: 0)
        for version: Int64 in 1...5 { window.append(event(version)) }
        #expect(window.events.map(\.resourceVersion) == [3, 4, 5])
        #expect(window.replay(after: 1) == .expired(oldest: 3))
        #expect(window.replay(after: 2) == .events([event(3), event(4), event(5)]))
    }

    @Test func afterARestartOnlyTheCurrentVersionResumes() {
        let window = WatchWindow(capacity: 100, startingAt: 40)
        #expect(window.replay(after: 39) == .expired(oldest: 41))
        #expect(window.replay(after: 40) == .events([]))
    }
}
