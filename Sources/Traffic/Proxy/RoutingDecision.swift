import NIOHTTP1

/// Where one request goes: the endpoint, the chosen deployment, and the deployments that get a mirrored copy.
/// Authentication is checked here too, so a refused request never reaches a choice.
struct RoutingDecision {
    static let pinHeader = "x-swiftlet-deployment"
    static let pinAlias = "azureml-model-deployment"

    let endpoint: EndpointRoute
    let deployment: DeploymentRoute
    let mirrors: [DeploymentRoute]

    init(key: EndpointKey, headers: HTTPHeaders, table: RouteTable, using generator: inout some RandomNumberGenerator)
        throws(RouterError)
    {
        guard let endpoint = table.endpoints[key] else {
            throw table.isSynced ? .endpointNotFound(namespace: key.namespace, name: key.name) : .notReady
        }
        if let keys = endpoint.keys { try Self.authenticate(headers, keys: keys) }
        guard let policy = endpoint.policy else { throw .noLiveTraffic }
        let pinned = headers.first(name: Self.pinHeader) ?? headers.first(name: Self.pinAlias)
        let sticky = policy.stickyHeader.flatMap { headers.first(name: $0) }
        let name = try policy.choose(pinned: pinned, stickyValue: sticky, using: &generator)
        guard let deployment = endpoint.deployments[name] else { throw .noReadyPod(deployment: name) }
        self.endpoint = endpoint
        self.deployment = deployment
        // A pinned request is a deliberate test of one deployment: it is not mirrored.
        mirrors = pinned == nil
            ? policy.mirrors(using: &generator).filter { $0 != name }.compactMap { endpoint.deployments[$0] } : []
    }

    static func authenticate(_ headers: HTTPHeaders, keys: [[UInt8]]) throws(RouterError) {
        guard let authorization = headers.first(name: "authorization") else {
            throw .unauthorized("missing Authorization header")
        }
        let scheme = "bearer "
        guard authorization.count > scheme.count, authorization.prefix(scheme.count).lowercased() == scheme else {
            throw .unauthorized("the Authorization header is not a bearer token")
        }
        let presented = Array(authorization.utf8.dropFirst(scheme.count))
        // Every key is compared, each in constant time, so the time taken tells nothing about any key.
        var matched = false
        for key in keys where constantTimeEquals(presented, key) { matched = true }
        guard matched else { throw .unauthorized("the bearer token matches no key of this endpoint") }
    }

    /// Compares in time that depends only on the lengths, never on where the bytes differ.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = 0
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0 && a.count == b.count
    }
}
