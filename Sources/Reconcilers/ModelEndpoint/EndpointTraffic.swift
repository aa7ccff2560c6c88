import Foundation
import ServingAPI

/// One ModelDeployment of an endpoint, as the endpoint's reconcile sees it and its status reports it.
public typealias EndpointMember = ModelEndpoint.DeploymentStatus

extension ModelEndpoint.DeploymentStatus {
    /// A cached ModelDeployment's name, whether its `Available` condition is true, the Model it references and
    /// whether it scales to zero, read from its JSON (endpoints reconcile on every deployment status change: no
    /// decoding of whole objects).
    init(_ deployment: JSONValue) {
        let available = deployment[path: ["status", "conditions"]]?.arrayValue?.contains {
            $0["type"]?.stringValue == "Available" && $0["status"]?.stringValue == K8s.Condition.Status.true.rawValue
        } ?? false
        let scalesToZero = deployment[path: ["spec", "scale", "minReplicas"]]?.intValue == 0
        self.init(name: deployment.name ?? "", ready: available,
            model: deployment[path: ["spec", "model", "ref"]]?.stringValue, scalesToZero: scalesToZero ? true : nil)
    }
}

/// The traffic an endpoint applies, as a pure function of its spec, its deployments and what it applied before.
/// The spec's split is applied only when every deployment it sends live or mirrored traffic to exists and is
/// ready; otherwise the last good split stays (`TrafficApplied` False says why), so an edit naming a deployment
/// that is not there yet never sends requests nowhere.
struct EndpointTraffic: Equatable {
    var traffic: [String: Int]?
    var mirrorTraffic: [String: Int]?
    var trafficApplied: K8s.Condition
    var ready: K8s.Condition

    init(_ endpoint: ModelEndpoint, members: [EndpointMember]) {
        let byName = Dictionary(members.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        traffic = endpoint.status.traffic
        mirrorTraffic = endpoint.status.mirrorTraffic
        do {
            let split = try endpoint.validated()
            let targets = Set(split.weights.filter { $0.percent > 0 }.map(\.deployment) + split.mirrors.map(\.deployment))
            if let problem = Self.problem(targets: targets.sorted(), byName) {
                trafficApplied = K8s.Condition(type: "TrafficApplied", status: .false, reason: problem.reason,
                    message: problem.message + Self.keeping(traffic))
            } else {
                traffic = split.traffic
                mirrorTraffic = split.mirrors.isEmpty ? nil : Dictionary(uniqueKeysWithValues: split.mirrors.map { ($0.deployment, $0.percent) })
                trafficApplied = K8s.Condition(type: "TrafficApplied", status: .true, reason: "Applied",
                    message: "the router applies " + Self.describe(traffic))
            }
        } catch {
            trafficApplied = K8s.Condition(type: "TrafficApplied", status: .false, reason: "InvalidTraffic",
                message: error.description + Self.keeping(traffic))
        }
        ready = Self.readiness(traffic ?? [:], byName)
        let generation = endpoint.metadata.generation
        trafficApplied.observedGeneration = generation
        ready.observedGeneration = generation
    }

    private static func problem(targets: [String], _ members: [String: EndpointMember]) -> (reason: String, message: String)? {
        let unknown = targets.filter { members[$0] == nil }
        if !unknown.isEmpty {
            let known = members.keys.sorted()
            return ("UnknownDeployment", "traffic names \(unknown.joined(separator: ", ")), not a ModelDeployment of "
                + "this endpoint (spec.endpoint); expected one of: " + (known.isEmpty ? "(none yet)" : known.joined(separator: ", ")))
        }
        let unready = targets.filter { members[$0]?.ready == false }
        if !unready.isEmpty {
            return ("DeploymentNotReady", "traffic goes to \(unready.joined(separator: ", ")), not Available yet")
        }
        return nil
    }

    private static func readiness(_ traffic: [String: Int], _ members: [String: EndpointMember]) -> K8s.Condition {
        let live = traffic.filter { $0.value > 0 }.keys.sorted()
        guard !live.isEmpty else {
            return K8s.Condition(type: "Ready", status: .false, reason: "NoLiveTraffic",
                message: "no deployment receives traffic (every percent is 0, or none was applied yet)")
        }
        let unready = live.filter { members[$0]?.ready != true }
        guard unready.isEmpty else {
            return K8s.Condition(type: "Ready", status: .false, reason: "DeploymentNotReady",
                message: "receiving traffic but not Available: " + unready.joined(separator: ", "))
        }
        return K8s.Condition(type: "Ready", status: .true, reason: "Serving",
            message: "every deployment receiving traffic is Available")
    }

    private static func keeping(_ traffic: [String: Int]?) -> String {
        traffic.map { "; the router keeps the last good split, " + describe($0) } ?? "; no split is applied yet"
    }

    /// `blue 90, green 10`: a split for messages and events, in name order.
    static func describe(_ traffic: [String: Int]?) -> String {
        guard let traffic, !traffic.isEmpty else { return "no traffic" }
        return traffic.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
