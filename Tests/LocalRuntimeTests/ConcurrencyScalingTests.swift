import Testing
@testable import LocalRuntime

@Suite struct ConcurrencyScalingTests {
    let scaling = ConcurrencyScaling(target: 4, minReplicas: 1, maxReplicas: 5)

    @Test func scalesUpToTheRecentAverageOverTheTarget() {
        #expect(scaling.desired(current: 1, samples: [0, 0, 8, 8, 8]) == 2)
        #expect(scaling.desired(current: 1, samples: [9, 9, 9]) == 3)
        #expect(scaling.desired(current: 2, samples: [40, 40, 40]) == 5)  // the maximum
    }

    @Test func holdsWhileTheWindowsPeakNeedsTheReplicas() {
        // Quiet for the last seconds, but 12 in flight earlier in the window: 3 replicas stay.
        #expect(scaling.desired(current: 3, samples: [12, 4, 0, 0, 0]) == 3)
        // The peak needs 2: one goes.
        #expect(scaling.desired(current: 3, samples: [8, 1, 0, 0, 0]) == 2)
        // A quiet window: back to the minimum.
        #expect(scaling.desired(current: 3, samples: [0, 0, 0, 0, 0]) == 1)
    }

    @Test func neverBelowTheMinimumNorAboveTheMaximum() {
        let bounded = ConcurrencyScaling(target: 1, minReplicas: 2, maxReplicas: 3)
        #expect(bounded.desired(current: 2, samples: []) == 2)
        #expect(bounded.desired(current: 1, samples: [0]) == 2)
        #expect(bounded.desired(current: 2, samples: [10, 10, 10]) == 3)
        // minReplicas 0 (scale to zero) is not done locally: one replica stays.
        #expect(ConcurrencyScaling(target: 1, minReplicas: 0, maxReplicas: 2).desired(current: 1, samples: [0]) == 1)
    }
}
