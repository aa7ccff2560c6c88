import Foundation
import ServingAPI

/// Builds the route table, as a pure function of the watched objects (ModelEndpoints, the scorers' EndpointSlices,
/// the endpoints' key Secrets) and the previous table, whose pods (with their in-flight counts) and sticky tables are
/// reused where unchanged.
struct RouteTableBuilder {
    static let serviceNameLabel = EndpointSliceAddresses.serviceNameLabel
    static let endpointLabel = "serving.swiftlet.dev/endpoint"

    var endpoints: [JSONValue]
    var slices: [JSONValue]
    var secrets: [JSONValue]
    var isSynced: Bool

    func build(previous: RouteTable, metrics: RouterMetrics) -> RouteTable {
        let pods = podsByDeployment(previous: previous)
        let keysByEndpoint = keys()
        var routes: [EndpointKey: EndpointRoute] = [:]
        for object in endpoints {
            guard let namespace = object[path: ["metadata", "namespace"]]?.stringValue,
                let name = object[path: ["metadata", "name"]]?.stringValue
            else { continue }
            let key = EndpointKey(namespace: namespace, name: name)
            let policy = Self.policy(of: object, reusing: previous.endpoints[key]?.policy)
            let names = Set(policy?.pinnable ?? []).union(policy?.split.mirrors.map(\.deployment) ?? [])
            let scalingToZero = Set((object[path: ["status", "deployments"]]?.arrayValue ?? []).compactMap {
                $0["scalesToZero"]?.boolValue == true ? $0["name"]?.stringValue : nil
            })
            let deployments = Dictionary(uniqueKeysWithValues: names.map { deployment in
                let backends = pods[DeploymentKey(namespace: namespace, name: deployment)] ?? []
                return (deployment, DeploymentRoute(name: deployment, pods: PodPool(backends: backends),
                    metrics: metrics.deployment(endpoint: key, deployment: deployment),
                    scalesToZero: scalingToZero.contains(deployment)))
            })
            let authMode = object[path: ["spec", "auth", "mode"]]?.stringValue ?? ModelEndpoint.Auth.defaultMode.rawValue
            let keys = authMode == ModelEndpoint.Auth.Mode.none.rawValue ? nil : (keysByEndpoint[key] ?? [])
            routes[key] = EndpointRoute(key: key, policy: policy, keys: keys, deployments: deployments)
        }
        return RouteTable(endpoints: routes, isSynced: isSynced)
    }

    /// The applied split from the status; `nil` when none is applied yet or it does not validate.
    static func policy(of endpoint: JSONValue, reusing previous: EndpointPolicy?) -> EndpointPolicy? {
        guard let traffic = endpoint[path: ["status", "traffic"]]?.objectValue else { return nil }
        let percents = traffic.compactMapValues { $0.intValue.map(Int.init) }
        let mirror = (endpoint[path: ["status", "mirrorTraffic"]]?.objectValue ?? [:])
            .compactMapValues { $0.intValue.map(Int.init) }
        guard let split = try? TrafficSplit(traffic: percents, mirror: mirror) else { return nil }
        let listed = (endpoint[path: ["status", "deployments"]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        return EndpointPolicy(split: split, deployments: listed,
            stickyBy: endpoint[path: ["spec", "stickyBy"]]?.stringValue, reusing: previous)
    }

    private struct DeploymentKey: Hashable {
        let namespace: String
        let name: String
    }

    /// Ready pod addresses per (namespace, Service name), reusing the previous table's `Backend` for each.
    private func podsByDeployment(previous: RouteTable) -> [DeploymentKey: [Backend]] {
        var known: [DeploymentKey: [String: Backend]] = [:]
        for route in previous.endpoints.values {
            for deployment in route.deployments.values {
                let key = DeploymentKey(namespace: route.key.namespace, name: deployment.name)
                for backend in deployment.pods.backends { known[key, default: [:]][backend.address] = backend }
            }
        }
        var pods: [DeploymentKey: [Backend]] = [:]
        for slice in slices {
            guard let namespace = slice[path: ["metadata", "namespace"]]?.stringValue,
                let service = slice[path: ["metadata", "labels", Self.serviceNameLabel]]?.stringValue,
                let addresses = EndpointSliceAddresses(slice)
            else { continue }
            let key = DeploymentKey(namespace: namespace, name: service)
            for address in addresses.ready {
                let backend = Backend(host: address, port: addresses.port)
                let reused = known[key]?[backend.address] ?? backend
                if !(pods[key]?.contains { $0 === reused } ?? false) { pods[key, default: []].append(reused) }
            }
        }
        return pods.mapValues { $0.sorted { $0.address < $1.address } }
    }

    /// The keys of each endpoint's Secret `<endpoint>-keys`, decoded.
    private func keys() -> [EndpointKey: [[UInt8]]] {
        var result: [EndpointKey: [[UInt8]]] = [:]
        for secret in secrets {
            guard let namespace = secret[path: ["metadata", "namespace"]]?.stringValue,
                let name = secret[path: ["metadata", "name"]]?.stringValue,
                let endpoint = secret[path: ["metadata", "labels", Self.endpointLabel]]?.stringValue,
                name == "\(endpoint)-keys"
            else { continue }
            let data = secret["data"]?.objectValue ?? [:]
            result[EndpointKey(namespace: namespace, name: endpoint)] = ["primaryKey", "secondaryKey"].compactMap {
                data[$0]?.stringValue.flatMap { Data(base64Encoded: $0) }.map(Array.init)
            }.filter { !$0.isEmpty }
        }
        return result
    }
}
