import Foundation
import Testing
@testable import Controller

@Suite struct WorkQueueStateMachineTests {
    let t0 = Date(timeIntervalSince1970: 1_000_000)
    let a = ObjectKey(namespace: "ns", name: "a")
    let b = ObjectKey(namespace: "ns", name: "b")
    let c = ObjectKey(namespace: "ns", name: "c")
    var generator = SplitMix64(seed: 1)

    func queue(concurrency: Int = 4, backoff: Backoff = Backoff(initial: .seconds(1), maximum: .seconds(10), jitter: 0),
        rate: TokenBucket = TokenBucket(rate: 1000, burst: 1000)) -> WorkQueueStateMachine
    {
        WorkQueueStateMachine(maximumConcurrent: concurrency, backoff: backoff, rateLimit: rate)
    }

    @Test func duplicateKeysAreOneEntryAndComeOutInDueOrder() {
        var queue = queue()
        queue.add(b, now: t0)
        queue.add(a, now: t0.addingTimeInterval(1))
        queue.add(b, now: t0.addingTimeInterval(2))
        #expect(queue.depth == 2)
        let now = t0.addingTimeInterval(3)
        #expect(queue.next(now: now) == .run(b, waited: .seconds(3)))
        #expect(queue.next(now: now) == .run(a, waited: .seconds(2)))
        #expect(queue.next(now: now) == .idle)
    }

    @Test mutating func aKeyIsNeverProcessedTwiceAtOnceAndIsRequeuedIfAddedMeanwhile() {
        var queue = queue()
        queue.add(a, now: t0)
        #expect(queue.next(now: t0) == .run(a, waited: .zero))
        queue.add(a, now: t0)
        #expect(queue.next(now: t0) == .idle)
        #expect(queue.depth == 1)
        queue.done(a, .success(requeueAfter: nil), now: t0, using: &generator)
        #expect(queue.next(now: t0) == .run(a, waited: .zero))
        queue.done(a, .success(requeueAfter: nil), now: t0, using: &generator)
        #expect(queue.next(now: t0) == .idle)
    }

    @Test mutating func delayedAddsWaitAndAnEarlierAddWins() {
        var queue = queue()
        queue.add(a, now: t0, after: .seconds(10))
        #expect(queue.next(now: t0) == .wait(until: t0.addingTimeInterval(10)))
        queue.add(a, now: t0, after: .seconds(4))
        #expect(queue.next(now: t0) == .wait(until: t0.addingTimeInterval(4)))
        queue.add(a, now: t0, after: .seconds(8))
        #expect(queue.next(now: t0.addingTimeInterval(4)) == .run(a, waited: .seconds(4)))
        queue.done(a, .success(requeueAfter: .seconds(30)), now: t0.addingTimeInterval(5), using: &generator)
        #expect(queue.next(now: t0.addingTimeInterval(5)) == .wait(until: t0.addingTimeInterval(35)))
    }

    @Test mutating func failuresBackOffPerKeyAndSuccessResets() {
        var queue = queue()
        var now = t0
        queue.add(a, now: now)
        var delays: [Duration] = []
        for _ in 0..<6 {
            guard case .run = queue.next(now: now) else {
                Issue.record("expected a to run at \(now)")
                return
            }
            delays.append(queue.done(a, .failure, now: now, using: &generator) ?? .zero)
            #expect(queue.next(now: now) == .wait(until: now.adding(delays.last!)))
            now = now.adding(delays.last!)
        }
        #expect(delays == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        _ = queue.next(now: now)
        queue.done(a, .success(requeueAfter: nil), now: now, using: &generator)
        #expect(queue.failures[a] == nil)
        queue.add(b, now: now)
        _ = queue.next(now: now)
        #expect(queue.done(b, .failure, now: now, using: &generator) == .seconds(1))
    }

    @Test mutating func terminalFailuresAreNotRetriedButAChangeRunsAgain() {
        var queue = queue()
        queue.add(a, now: t0)
        _ = queue.next(now: t0)
        #expect(queue.done(a, .terminalFailure, now: t0, using: &generator) == nil)
        #expect(queue.next(now: t0.addingTimeInterval(3600)) == .idle)
        queue.add(a, now: t0)
        _ = queue.next(now: t0)
        queue.add(a, now: t0)
        queue.done(a, .terminalFailure, now: t0, using: &generator)
        #expect(queue.next(now: t0) == .run(a, waited: .zero))
    }

    @Test mutating func concurrencyIsBounded() {
        var queue = queue(concurrency: 2)
        for key in [a, b, c] { queue.add(key, now: t0) }
        #expect(queue.next(now: t0) == .run(a, waited: .zero))
        #expect(queue.next(now: t0) == .run(b, waited: .zero))
        #expect(queue.next(now: t0) == .busy)
        queue.done(b, .success(requeueAfter: nil), now: t0, using: &generator)
        #expect(queue.next(now: t0) == .run(c, waited: .zero))
    }

    @Test func newKeysAreNeverRateLimited() {
        var queue = queue(rate: TokenBucket(rate: 1, burst: 1))
        for key in [a, b, c] { queue.add(key, now: t0) }
        #expect(queue.next(now: t0) == .run(a, waited: .zero))
        #expect(queue.next(now: t0) == .run(b, waited: .zero))
        #expect(queue.next(now: t0) == .run(c, waited: .zero))
    }

    @Test func theGlobalRateLimitSpacesRetriesAfterTheBurst() {
        let shortBackoff = Backoff(initial: .milliseconds(1), maximum: .milliseconds(1), jitter: 0)
        var queue = queue(backoff: shortBackoff, rate: TokenBucket(rate: 2, burst: 1))
        var generator = SplitMix64(seed: 1)
        for key in [a, b, c] { queue.add(key, now: t0) }
        for key in [a, b, c] { #expect(queue.next(now: t0) == .run(key, waited: .zero)) }
        #expect(queue.done(a, .failure, now: t0, using: &generator) == .milliseconds(1), "the burst: only the backoff")
        #expect(queue.done(b, .failure, now: t0, using: &generator) == .milliseconds(500))
        #expect(queue.done(c, .failure, now: t0, using: &generator) == .seconds(1))
        #expect(queue.next(now: t0) == .wait(until: t0.addingTimeInterval(0.001)))
    }
}

@Suite struct BackoffTests {
    @Test(arguments: [UInt64(1), 2, 3, 99])
    func delaysAreJitteredBelowTheExponentialAndNeverAboveTheCap(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(5), factor: 2, jitter: 0.5)
        for attempt in 0..<20 {
            let delay = backoff.delay(attempt: attempt, using: &generator)
            let full = min(0.1 * Double(1 << attempt), 5)
            #expect(delay.seconds <= full + 1e-9)
            #expect(delay.seconds >= full * 0.5 - 1e-9)
        }
    }

    @Test func theSameSeedGivesTheSameDelays() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        let backoff = Backoff.watcher
        let one = (0..<10).map { backoff.delay(attempt: $0, using: &first) }
        let two = (0..<10).map { backoff.delay(attempt: $0, using: &second) }
        #expect(one == two)
        #expect(Set(one).count > 1)
    }
}
