import Foundation
import ServingAPI

/// The spec of a coordination.k8s.io/v1 Lease, as leader election reads and writes it.
struct LeaseRecord: Sendable, Equatable {
    var holderIdentity: String?
    var leaseDurationSeconds: Int
    var acquireTime: Date?
    var renewTime: Date?
    var leaseTransitions: Int

    init(holderIdentity: String?, leaseDurationSeconds: Int, acquireTime: Date?, renewTime: Date?,
        leaseTransitions: Int)
    {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    init(spec: JSONValue) {
        holderIdentity = spec["holderIdentity"]?.stringValue
        leaseDurationSeconds = Int(spec["leaseDurationSeconds"]?.intValue ?? 0)
        acquireTime = spec["acquireTime"]?.stringValue.flatMap(K8s.parseTimestamp)
        renewTime = spec["renewTime"]?.stringValue.flatMap(K8s.parseTimestamp)
        leaseTransitions = Int(spec["leaseTransitions"]?.intValue ?? 0)
    }

    var spec: JSONValue {
        var spec: JSONValue = [
            "leaseDurationSeconds": .int(Int64(leaseDurationSeconds)), "leaseTransitions": .int(Int64(leaseTransitions)),
        ]
        spec["holderIdentity"] = holderIdentity.map(JSONValue.string)
        spec["acquireTime"] = acquireTime.map { .string(K8s.microTimestamp($0)) }
        spec["renewTime"] = renewTime.map { .string(K8s.microTimestamp($0)) }
        return spec
    }

    /// Whether a holder is named at all (a released lease names none).
    var isHeld: Bool { !(holderIdentity ?? "").isEmpty }
}

/// Leader election timing (client-go's standard durations: 15s lease, 10s renew deadline, 2s retry).
public struct LeaderElectionTiming: Sendable, Equatable {
    public var leaseDuration: Duration
    public var renewDeadline: Duration
    public var retryPeriod: Duration

    public init(leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2))
    {
        precondition(leaseDuration > renewDeadline && renewDeadline > retryPeriod && retryPeriod > .zero,
            "leader election needs leaseDuration > renewDeadline > retryPeriod > 0")
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }
}

/// Leader election over a Lease as a value: after each read of the lease it says whether to create it, take it
/// over or renew it (a write guarded by the read's resourceVersion, so a 409 means another candidate won), or
/// wait. Only our own clock is trusted (as client-go): another holder's lease expires `leaseDurationSeconds` after
/// we last saw it change, whatever time its holder wrote; and we lead until `renewDeadline` after the start of our
/// last successful write, so a renewal that hangs or fails ends leadership on time. Release clears the holder.
struct LeaderElectionStateMachine {
    enum Action: Equatable {
        case create(LeaseRecord)
        case update(LeaseRecord, resourceVersion: String)
        case wait(Duration)
    }

    let identity: String
    let timing: LeaderElectionTiming
    /// Whether an attempt has finished (so `isLeader` means something).
    private(set) var leadershipKnown = false
    /// When our last successful create or update began (the renewTime it wrote).
    private(set) var lastRenewal: Date?
    /// The lease as last read, and when (by our clock) we first saw it as it is.
    private var observedRecord: LeaseRecord?
    private var observedTime: Date?

    init(identity: String, timing: LeaderElectionTiming) {
        self.identity = identity
        self.timing = timing
    }

    var leaseSeconds: Int { max(1, Int(timing.leaseDuration.seconds.rounded(.up))) }

    /// Leadership lapses by itself `renewDeadline` after the last successful renewal began.
    func isLeader(now: Date) -> Bool {
        guard let lastRenewal else { return false }
        return now < lastRenewal.adding(timing.renewDeadline)
    }

    /// The lease as just read (`nil`: it does not exist), with its resourceVersion.
    mutating func observed(_ lease: (record: LeaseRecord, resourceVersion: String)?, now: Date) -> Action {
        guard let (record, version) = lease else {
            observedRecord = nil
            return .create(LeaseRecord(holderIdentity: identity, leaseDurationSeconds: leaseSeconds,
                acquireTime: now, renewTime: now, leaseTransitions: 0))
        }
        if record != observedRecord {
            observedRecord = record
            observedTime = now
        }
        if record.holderIdentity == identity {
            var renewed = record
            renewed.renewTime = now
            renewed.leaseDurationSeconds = leaseSeconds
            if renewed.acquireTime == nil { renewed.acquireTime = now }
            return .update(renewed, resourceVersion: version)
        }
        let unchangedFor = now.timeIntervalSince(observedTime ?? now)
        if !record.isHeld || unchangedFor >= TimeInterval(record.leaseDurationSeconds) {
            // As client-go: every change of holder (a released lease included) counts as a transition.
            return .update(LeaseRecord(holderIdentity: identity, leaseDurationSeconds: leaseSeconds, acquireTime: now,
                renewTime: now, leaseTransitions: record.leaseTransitions + 1), resourceVersion: version)
        }
        // Someone else holds a lease that has not expired by our clock.
        lastRenewal = nil
        leadershipKnown = true
        return .wait(timing.retryPeriod)
    }

    /// Our create or update, begun at `startedAt`, went through: we lead until `renewDeadline` after that.
    mutating func written(startedAt: Date) -> Action {
        lastRenewal = startedAt
        leadershipKnown = true
        return .wait(timing.retryPeriod)
    }

    /// A read or write failed (a 409 Conflict or AlreadyExists means another candidate wrote first). A leader
    /// keeps leading until its renew deadline passes.
    mutating func failed() -> Action {
        leadershipKnown = true
        return .wait(timing.retryPeriod)
    }

    /// On shutdown: the record that hands the lease back (no holder, 1s duration, as client-go's
    /// ReleaseOnCancel), if we lead and the lease as read is still ours; leadership ends either way.
    mutating func release(current: LeaseRecord?, now: Date) -> LeaseRecord? {
        defer { lastRenewal = nil }
        guard isLeader(now: now), let current, current.holderIdentity == identity else { return nil }
        return LeaseRecord(holderIdentity: nil, leaseDurationSeconds: 1, acquireTime: now, renewTime: now,
            leaseTransitions: current.leaseTransitions)
    }
}
