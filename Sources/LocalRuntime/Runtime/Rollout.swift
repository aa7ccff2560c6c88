import Foundation

/// Which replicas of a Deployment to start and stop, as a pure function of the wanted count and the replicas there
/// are: as `maxSurge: 1, maxUnavailable: 0` roll a template, an older replica stops only once a current one is ready
/// in its place; scaling down stops unready replicas first, then the newest.
enum Rollout {
    struct Replica: Equatable, Sendable {
        var name: String
        /// Runs the Deployment's current pod template.
        var current: Bool
        var ready: Bool
        var created: Date
    }

    struct Step: Equatable, Sendable {
        /// New replicas of the current template to start.
        var start: Int
        /// Replicas to stop, by name.
        var stop: [String]
    }

    static func step(wanted: Int, replicas: [Replica]) -> Step {
        // Unready first, then newest first: the order replicas are given up in.
        let byStopOrder = { (a: Replica, b: Replica) in a.ready != b.ready ? !a.ready : a.created > b.created }
        let current = replicas.filter(\.current)
        let surplus = current.sorted(by: byStopOrder).prefix(max(0, current.count - wanted))
        let staying = current.filter { replica in !surplus.contains { $0.name == replica.name } }
        let old = replicas.filter { !$0.current }
        let keepOld = max(0, wanted - staying.filter(\.ready).count)
        let retiring = old.sorted(by: byStopOrder).prefix(max(0, old.count - keepOld))
        return Step(start: max(0, wanted - current.count), stop: (surplus + retiring).map(\.name))
    }
}
