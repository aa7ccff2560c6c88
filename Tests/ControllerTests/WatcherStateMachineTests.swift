import ServingAPI
import Testing
@testable import Controller

func object(_ name: String, _ version: String, namespace: String = "ns") -> JSONValue {
    ["metadata": ["name": .string(name), "namespace": .string(namespace), "resourceVersion": .string(version)]]
}

@Suite struct WatcherStateMachineTests {
    var generator = SplitMix64(seed: 7)

    @Test mutating func listsPageByPageThenWatchesFromTheListsVersion() {
        var machine = WatcherStateMachine()
        #expect(machine.start() == .list(continueToken: nil))
        let first = machine.listed(ObjectList(items: [object("a", "3")], resourceVersion: "", continueToken: "t1"))
        #expect(first.changes.isEmpty)
        #expect(first.next == .list(continueToken: "t1"))
        let last = machine.listed(ObjectList(items: [object("b", "4")], resourceVersion: "10", continueToken: nil))
        #expect(last.changes == [.applied(object("a", "3")), .applied(object("b", "4")), .synced])
        #expect(last.next == .watch(resourceVersion: "10"))
    }

    @Test mutating func watchEventsAreReportedAndAdvanceTheResumeVersion() {
        var machine = WatcherStateMachine()
        _ = machine.start()
        _ = machine.listed(ObjectList(items: [object("a", "3")], resourceVersion: "10"))
        #expect(machine.received(.modified(object("a", "11")), using: &generator) == ([.applied(object("a", "11"))], nil))
        #expect(machine.received(.added(object("b", "12")), using: &generator).changes == [.applied(object("b", "12"))])
        #expect(machine.received(.deleted(object("a", "13")), using: &generator).changes == [.deleted(object("a", "13"))])
        #expect(machine.received(.bookmark(resourceVersion: "20"), using: &generator).changes.isEmpty)
        #expect(machine.resourceVersion == "20")
        #expect(machine.watchEnded(withEvents: true, lasted: .milliseconds(10), using: &generator)
            == .watch(resourceVersion: "20"))
        #expect(machine.watchEnded(withEvents: false, lasted: .seconds(290), using: &generator)
            == .watch(resourceVersion: "20"))
        guard case .sleep = machine.watchEnded(withEvents: false, lasted: .milliseconds(10), using: &generator) else {
            Issue.record("a watch closed at once with nothing must back off")
            return
        }
        #expect(machine.backoffElapsed() == .watch(resourceVersion: "20"))
        #expect(Set(machine.known.keys) == [ObjectKey(namespace: "ns", name: "b")])
    }

    @Test mutating func aBrokenWatchBacksOffExponentiallyAndResumesFromTheLastVersion() {
        var machine = WatcherStateMachine(backoff: Backoff(initial: .seconds(1), maximum: .seconds(8), jitter: 0))
        _ = machine.start()
        _ = machine.listed(ObjectList(items: [], resourceVersion: "10"))
        _ = machine.received(.added(object("a", "15")), using: &generator)
        var delays: [Duration] = []
        for _ in 0..<5 {
            guard case .sleep(let delay) = machine.watchBroke(.transport("reset"), using: &generator) else {
                Issue.record("expected a sleep")
                return
            }
            delays.append(delay)
            #expect(machine.backoffElapsed() == .watch(resourceVersion: "15"))
        }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)])
        _ = machine.received(.bookmark(resourceVersion: "16"), using: &generator)
        #expect(machine.watchBroke(.transport("reset"), using: &generator) == .sleep(.seconds(1)))
    }

    @Test mutating func goneRelistsAndReportsWhatChangedWhileAway() {
        var machine = WatcherStateMachine()
        _ = machine.start()
        _ = machine.listed(ObjectList(items: [object("a", "3"), object("b", "4"), object("c", "5")], resourceVersion: "10"))
        let gone = K8s.Status(code: 410, reason: "Expired", message: "too old resource version")
        #expect(machine.received(.error(gone), using: &generator).next == .list(continueToken: nil))
        let relisted = machine.listed(ObjectList(
            items: [object("a", "3"), object("b", "40"), object("d", "41")], resourceVersion: "50"))
        #expect(relisted.changes == [
            .applied(object("b", "40")), .applied(object("d", "41")), .deleted(object("c", "5")), .synced,
        ])
        #expect(relisted.next == .watch(resourceVersion: "50"))
    }

    @Test mutating func aGoneAnswerToTheWatchRequestRelistsAtOnce() {
        var machine = WatcherStateMachine()
        _ = machine.start()
        _ = machine.listed(ObjectList(items: [], resourceVersion: "10"))
        let gone = KubeError.api(K8s.Status(code: 410, reason: "Expired", message: "gone"))
        #expect(machine.watchFailed(gone, using: &generator) == .list(continueToken: nil))
        let other = KubeError.api(K8s.Status(code: 500, reason: "InternalError", message: "boom"))
        _ = machine.listed(ObjectList(items: [], resourceVersion: "11"))
        guard case .sleep = machine.watchFailed(other, using: &generator) else {
            Issue.record("a 500 must back off")
            return
        }
        #expect(machine.backoffElapsed() == .watch(resourceVersion: "11"))
    }

    @Test mutating func anErrorEventOtherThanGoneBacksOffAndResumes() {
        var machine = WatcherStateMachine()
        _ = machine.start()
        _ = machine.listed(ObjectList(items: [], resourceVersion: "10"))
        let result = machine.received(.error(K8s.Status(code: 500, reason: "InternalError", message: "x")), using: &generator)
        guard case .sleep = result.next else {
            Issue.record("expected a sleep")
            return
        }
        #expect(machine.backoffElapsed() == .watch(resourceVersion: "10"))
    }

    @Test mutating func aFailedPageRestartsTheListFromTheFirstPageAfterBackoff() {
        var machine = WatcherStateMachine()
        _ = machine.start()
        _ = machine.listed(ObjectList(items: [object("a", "1")], resourceVersion: "", continueToken: "t"))
        guard case .sleep = machine.listFailed(.transport("refused"), using: &generator) else {
            Issue.record("expected a sleep")
            return
        }
        #expect(machine.backoffElapsed() == .list(continueToken: nil))
        let done = machine.listed(ObjectList(items: [object("b", "2")], resourceVersion: "5"))
        #expect(done.changes == [.applied(object("b", "2")), .synced])
    }

    @Test mutating func eventsArrivingWhileNotWatchingAreIgnored() {
        var machine = WatcherStateMachine()
        _ = machine.start()
        #expect(machine.received(.added(object("a", "1")), using: &generator) == ([], nil))
        #expect(machine.known.isEmpty)
    }
}
