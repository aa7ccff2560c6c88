import Foundation
import Testing
@testable import Controller

@Suite struct LeaderElectionStateMachineTests {
    let t0 = Date(timeIntervalSince1970: 2_000_000)
    let timing = LeaderElectionTiming()

    func record(_ holder: String?, renewed: Date, transitions: Int = 0, seconds: Int = 15) -> LeaseRecord {
        LeaseRecord(holderIdentity: holder, leaseDurationSeconds: seconds, acquireTime: renewed, renewTime: renewed,
            leaseTransitions: transitions)
    }

    @Test func anAbsentLeaseIsCreated() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        #expect(machine.observed(nil, now: t0) == .create(record("me", renewed: t0)))
        #expect(!machine.isLeader(now: t0))
        #expect(machine.written(startedAt: t0) == .wait(.seconds(2)))
        #expect(machine.isLeader(now: t0) && machine.leadershipKnown)
    }

    @Test func aValidLeaseOfAnotherHolderIsLeftAlone() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        let theirs = record("them", renewed: t0)
        #expect(machine.observed((theirs, "7"), now: t0) == .wait(.seconds(2)))
        #expect(machine.observed((theirs, "7"), now: t0.addingTimeInterval(14.9)) == .wait(.seconds(2)))
        #expect(!machine.isLeader(now: t0) && machine.leadershipKnown)
    }

    @Test func aLeaseUnchangedForItsDurationByOurClockIsTakenOverWithTheReadVersion() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        let theirs = record("them", renewed: t0, transitions: 3)
        #expect(machine.observed((theirs, "7"), now: t0) == .wait(.seconds(2)))
        let now = t0.addingTimeInterval(15)
        #expect(machine.observed((theirs, "7"), now: now)
            == .update(record("me", renewed: now, transitions: 4), resourceVersion: "7"))
    }

    @Test func theHoldersClockIsNeverComparedWithOurs() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        // The holder's clock is an hour behind ours: its renewTime looks long expired, but the lease keeps changing.
        let skewed = t0.addingTimeInterval(-3600)
        for step in 0..<20 {
            let now = t0.addingTimeInterval(Double(step) * 2)
            let renewal = record("them", renewed: skewed.addingTimeInterval(Double(step) * 2))
            #expect(machine.observed((renewal, "\(step)"), now: now) == .wait(.seconds(2)))
        }
    }

    @Test func aReleasedLeaseIsTakenOverAtOnce() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        let released = record(nil, renewed: t0, transitions: 4, seconds: 1)
        #expect(machine.observed((released, "8"), now: t0)
            == .update(record("me", renewed: t0, transitions: 5), resourceVersion: "8"))
    }

    @Test func theLeaderRenewsKeepingItsAcquireTime() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        _ = machine.observed(nil, now: t0)
        _ = machine.written(startedAt: t0)
        let later = t0.addingTimeInterval(2)
        var renewed = record("me", renewed: t0)
        renewed.renewTime = later
        #expect(machine.observed((record("me", renewed: t0), "9"), now: later) == .update(renewed, resourceVersion: "9"))
    }

    @Test func leadershipLapsesAtTheRenewDeadlineEvenIfNoAttemptReturns() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        _ = machine.observed(nil, now: t0)
        _ = machine.written(startedAt: t0)
        #expect(machine.isLeader(now: t0.addingTimeInterval(9.9)))
        #expect(!machine.isLeader(now: t0.addingTimeInterval(10)), "a hung renewal does not extend leadership")
        #expect(machine.failed() == .wait(.seconds(2)))
        #expect(!machine.isLeader(now: t0.addingTimeInterval(10)))
    }

    @Test func aSlowWriteCountsFromWhenItBegan() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        _ = machine.observed(nil, now: t0)
        _ = machine.written(startedAt: t0)
        #expect(!machine.isLeader(now: t0.addingTimeInterval(10)), "finishing the write late gives no extra time")
    }

    @Test func aLostRaceIsNotLeadership() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        _ = machine.observed(nil, now: t0)
        _ = machine.failed()
        #expect(!machine.isLeader(now: t0) && machine.leadershipKnown)
    }

    @Test func anotherHolderSeenByTheLeaderEndsItsLeadership() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        _ = machine.observed(nil, now: t0)
        _ = machine.written(startedAt: t0)
        let now = t0.addingTimeInterval(2)
        _ = machine.observed((record("them", renewed: t0.addingTimeInterval(1)), "3"), now: now)
        #expect(!machine.isLeader(now: now))
    }

    @Test func releaseClearsTheHolderOnlyWhenWeHoldIt() {
        var machine = LeaderElectionStateMachine(identity: "me", timing: timing)
        _ = machine.observed(nil, now: t0)
        _ = machine.written(startedAt: t0)
        let mine = record("me", renewed: t0, transitions: 2)
        #expect(machine.release(current: mine, now: t0) == record(nil, renewed: t0, transitions: 2, seconds: 1))
        #expect(!machine.isLeader(now: t0))
        #expect(machine.release(current: mine, now: t0) == nil)
    }

    @Test func leaseRecordsRoundTripThroughTheLeaseSpec() {
        let original = record("me", renewed: Date(timeIntervalSince1970: 1_700_000_000.123456), transitions: 5)
        let decoded = LeaseRecord(spec: original.spec)
        #expect(decoded.holderIdentity == "me")
        #expect(decoded.leaseTransitions == 5)
        #expect(abs((decoded.renewTime ?? .distantPast).timeIntervalSince(original.renewTime!)) < 0.001)
    }
}
