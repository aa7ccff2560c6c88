import Testing
@testable import Reconcilers

@Suite struct ConcurrencyScalingTests {
    let scaling = ConcurrencyScaling(target: 4, minReplicas: 1, maxReplicas: 5, windowSamples: 5)

    @Test func scalesUpToTheRecentAverageOverTheTarget() {
        #expect(scaling.desired(current: 1, ready: 1, samples: [0, 0, 8, 8, 8]) == 2)
        #expect(scaling.desired(current: 1, ready: 1, samples: [9, 9, 9]) == 3)
        #expect(scaling.desired(current: 2, ready: 2, samples: [40, 40, 40]) == 5)  // the maximum
    }

    @Test func holdsWhileTheWindowsPeakNeedsTheReplicas() {
        // Quiet for the last seconds, but 12 in flight earlier in the window: 3 replicas stay.
        #expect(scaling.desired(current: 3, ready: 3, samples: [12, 4, 0, 0, 0]) == 3)
        // The peak needs 2: one goes.
        #expect(scaling.desired(current: 3, ready: 3, samples: [8, 1, 0, 0, 0]) == 2)
        // A quiet window: back to the minimum.
        #expect(scaling.desired(current: 3, ready: 3, samples: [0, 0, 0, 0, 0]) == 1)
    }

    @Test func neverBelowTheMinimumNorAboveTheMaximum() {
        let bounded = ConcurrencyScaling(target: 1, minReplicas: 2, maxReplicas: 3, windowSamples: 3)
        #expect(bounded.desired(current: 2, ready: 2, samples: []) == 2)
        #expect(bounded.desired(current: 1, ready: 1, samples: [0]) == 2)
        #expect(bounded.desired(current: 2, ready: 2, samples: [10, 10, 10]) == 3)
        #expect(bounded.desired(current: 2, ready: 2, samples: [0, 0, 0]) == 2)
    }

    let toZero = ConcurrencyScaling(target: 2, minReplicas: 0, maxReplicas: 4, windowSamples: 4)

    @Test func scalesToZeroOnlyAfterAWholeQuietWindowWithAReplicaReady() {
        #expect(toZero.desired(current: 1, ready: 1, samples: [0, 0, 0, 0]) == 0)
        // The window is not covered yet (just started, or just restarted): the replica stays.
        #expect(toZero.desired(current: 1, ready: 1, samples: [0, 0]) == 1)
        // A request in the window keeps it.
        #expect(toZero.desired(current: 1, ready: 1, samples: [1, 0, 0, 0]) == 1)
        // No replica ever became ready (a model that does not load): it is not hidden at zero.
        #expect(toZero.desired(current: 1, ready: 0, samples: [0, 0, 0, 0]) == 1)
        // Several replicas, a quiet window: all go at once.
        #expect(toZero.desired(current: 3, ready: 3, samples: [0, 0, 0, 0]) == 0)
    }

    @Test func aWaitingRequestBringsAReplicaBackFromZero() {
        #expect(toZero.desired(current: 0, ready: 0, samples: [0, 0, 0, 0]) == 0)
        #expect(toZero.desired(current: 0, ready: 0, samples: [0, 0, 0, 1]) == 1)
        #expect(toZero.desired(current: 0, ready: 0, samples: [7, 7, 7]) == 4)
        // Starting (wanted 1, none ready yet) while the request waits: the replica stays.
        #expect(toZero.desired(current: 1, ready: 0, samples: [0, 0, 0, 1]) == 1)
    }
}

@Suite struct ConcurrencySampleTests {
    @Test func aRequestBetweenSamplesCountsAsOneInFlight() {
        #expect(ConcurrencyScaling.sample(DeploymentLoad(inFlight: 0, requests: 10), requestsBefore: 10) == 0)
        #expect(ConcurrencyScaling.sample(DeploymentLoad(inFlight: 0, requests: 11), requestsBefore: 10) == 1)
        #expect(ConcurrencyScaling.sample(DeploymentLoad(inFlight: 5, requests: 90), requestsBefore: 10) == 5)
        // A router restarted (its total went back): counted as used.
        #expect(ConcurrencyScaling.sample(DeploymentLoad(inFlight: 0, requests: 2), requestsBefore: 10) == 1)
        // The first sample has nothing to compare with; no load known is no request.
        #expect(ConcurrencyScaling.sample(DeploymentLoad(inFlight: 0, requests: 7), requestsBefore: nil) == 0)
        #expect(ConcurrencyScaling.sample(nil, requestsBefore: 3) == 0)
    }
}
