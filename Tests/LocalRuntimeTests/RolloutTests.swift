import Foundation
import Testing
@testable import LocalRuntime

@Suite struct RolloutTests {
    func replica(_ name: String, current: Bool = true, ready: Bool = true, age: TimeInterval = 0) -> Rollout.Replica {
        Rollout.Replica(name: name, current: current, ready: ready, created: Date(timeIntervalSince1970: 1_000 - age))
    }

    @Test func scalingUpStartsTheMissingReplicas() {
        #expect(Rollout.step(wanted: 2, replicas: []) == .init(start: 2, stop: []))
        #expect(Rollout.step(wanted: 3, replicas: [replica("a")]) == .init(start: 2, stop: []))
        #expect(Rollout.step(wanted: 1, replicas: [replica("a")]) == .init(start: 0, stop: []))
    }

    @Test func scalingDownStopsUnreadyReplicasFirstThenTheNewest() {
        let replicas = [replica("old", age: 30), replica("new", age: 1), replica("starting", ready: false, age: 5)]
        #expect(Rollout.step(wanted: 2, replicas: replicas) == .init(start: 0, stop: ["starting"]))
        #expect(Rollout.step(wanted: 1, replicas: replicas) == .init(start: 0, stop: ["starting", "new"]))
        #expect(Rollout.step(wanted: 0, replicas: replicas).stop.count == 3)
    }

    @Test func aNewTemplateKeepsTheOldReplicaUntilANewOneIsReady() {
        let old = replica("old", current: false)
        // The new replica is started; the old one serves meanwhile.
        #expect(Rollout.step(wanted: 1, replicas: [old]) == .init(start: 1, stop: []))
        #expect(Rollout.step(wanted: 1, replicas: [old, replica("new", ready: false)]) == .init(start: 0, stop: []))
        // Once it is ready, the old one goes.
        #expect(Rollout.step(wanted: 1, replicas: [old, replica("new")]) == .init(start: 0, stop: ["old"]))
    }

    @Test func withTwoWantedOldReplicasGoOneReadyReplacementAtATime() {
        let olds = [replica("old-1", current: false, age: 20), replica("old-2", current: false, age: 10)]
        let oneReady = olds + [replica("new-1"), replica("new-2", ready: false)]
        #expect(Rollout.step(wanted: 2, replicas: oneReady) == .init(start: 0, stop: ["old-2"]))
        let bothReady = olds + [replica("new-1"), replica("new-2")]
        #expect(Rollout.step(wanted: 2, replicas: bothReady) == .init(start: 0, stop: ["old-2", "old-1"]))
    }

    @Test func unreadyOldReplicasAreNotKeptForCapacityTheyDoNotGive() {
        let replicas = [replica("old-broken", current: false, ready: false), replica("old", current: false)]
        #expect(Rollout.step(wanted: 1, replicas: replicas) == .init(start: 1, stop: ["old-broken"]))
    }
}
