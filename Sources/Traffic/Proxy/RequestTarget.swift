/// What a request's URI (and Host) names: one of the router's own routes, or a scorer route of an endpoint.
enum RequestTarget: Equatable, Sendable {
    enum Local: String, Sendable {
        case healthz = "/healthz"
        case readyz = "/readyz"
        case metrics = "/metrics"
    }

    case local(Local)
    /// `upstreamURI`: the path and query the scorer gets.
    case endpoint(EndpointKey, upstreamURI: String)

    static let prefix = "/endpoints/"

    /// `/endpoints/{namespace}/{endpoint}/{score|swagger.json|v2...}`, or with `domain`, a Host
    /// `{endpoint}.{namespace}.{domain}` and the scorer path as is.
    static func parse(uri: String, host: String?, domain: String?) throws(RouterError) -> RequestTarget {
        if let domain, let key = endpoint(host: host, domain: domain) {
            guard isScorerRoute(uri) else { throw .noRoute }
            return .endpoint(key, upstreamURI: uri)
        }
        if uri.hasPrefix(prefix) {
            let parts = uri.dropFirst(prefix.count).split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .noRoute }
            let upstream = "/" + parts[2]
            guard isScorerRoute(upstream) else { throw .noRoute }
            return .endpoint(EndpointKey(namespace: String(parts[0]), name: String(parts[1])), upstreamURI: upstream)
        }
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        guard let local = Local(rawValue: path) else { throw .noRoute }
        return .local(local)
    }

    /// The scorer routes an endpoint exposes: scoring, its OpenAPI document, and Open Inference Protocol v2.
    static func isScorerRoute(_ uri: String) -> Bool {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return path == "/score" || path == "/swagger.json" || path == "/v2" || path.hasPrefix("/v2/")
    }

    private static func endpoint(host: String?, domain: String) -> EndpointKey? {
        guard var host = host?.lowercased() else { return nil }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = String(host[..<colon]) }
        let suffix = "." + domain.lowercased()
        guard host.hasSuffix(suffix) else { return nil }
        let labels = host.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count == 2, !labels[0].isEmpty, !labels[1].isEmpty else { return nil }
        return EndpointKey(namespace: String(labels[1]), name: String(labels[0]))
    }
}
