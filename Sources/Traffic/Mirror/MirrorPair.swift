/// The two halves of one mirrored comparison, met on the event loop both run on: whichever of the primary answer and
/// the mirror's answer arrives second compares them and records the result.
final class MirrorPair {
    struct Outcome {
        let status: Int
        /// `nil` when the body was too large to keep.
        let body: [UInt8]?
        let seconds: Double
    }

    let metrics: DeploymentMetrics
    private var primary: Outcome??
    private var mirror: Outcome??

    init(metrics: DeploymentMetrics) { self.metrics = metrics }

    /// The primary's answer, or `nil` when it failed (then there is nothing to compare with).
    func primaryFinished(_ outcome: Outcome?) {
        primary = .some(outcome)
        compareIfComplete()
    }

    /// The mirror's answer, or `nil` when it failed.
    func mirrorFinished(_ outcome: Outcome?) {
        mirror = .some(outcome)
        compareIfComplete()
    }

    private func compareIfComplete() {
        guard case .some(let primary) = primary, case .some(let mirror) = mirror else { return }
        guard let mirror else { return metrics.mirrored(.failed) }
        guard let primary, let primaryBody = primary.body, let mirrorBody = mirror.body else {
            // The primary failed or a body was too large to keep: the copy was served but not compared.
            return
        }
        let agreed = OutputComparison.agree(
            status: primary.status, body: primaryBody, status: mirror.status, body: mirrorBody)
        metrics.mirrored(agreed ? .agreed : .disagreed, latencyDifferenceSeconds: mirror.seconds - primary.seconds)
    }
}
