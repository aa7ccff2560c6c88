import AsyncHTTPClient
import Controller
import Logging
import NIOCore
import ServiceLifecycle
import ServingAPI

/// What the routers observe, in a cluster: every ready address of the router Service's EndpointSlices, its
/// `/metrics` read (as a Prometheus server would) and parsed by `RouterMetricsText`. A reading is whole or not
/// taken: if a router does not answer, the reader waits for the next one. A `Service`: it runs the watch of the
/// router Service's EndpointSlices.
public struct RouterMetricsScrape: RouterObservations, Service {
    static let endpointSliceType = EndpointSliceAddresses.resourceType
    static let timeout: TimeAmount = .milliseconds(800)
    static let maxBytes = 4 * 1024 * 1024

    let slices: Watcher
    let http: HTTPClient
    let logger: Logger

    /// Scrapes the routers behind the Service `service` in `namespace`, through `http` (which the caller shuts down).
    public init(client: KubeClient, namespace: String, service: String, http: HTTPClient, logger: Logger) {
        slices = Watcher(client: client, resourceType: Self.endpointSliceType, namespace: namespace,
            options: ListOptions(labelSelector: LabelSelector(matchLabels: [EndpointSliceAddresses.serviceNameLabel: service])),
            logger: logger)
        self.http = http
        self.logger = logger
    }

    public var podsWanted: AsyncStream<String>? { nil }

    public func run() async {
        await cancelWhenGracefulShutdown { await slices.run() }
    }

    public func load() async -> [String: DeploymentLoad]? {
        await texts()?.reduce(into: [:]) { total, text in total.merge(RouterMetricsText.load(text[...]), uniquingKeysWith: +) }
    }

    public func mirrors() async -> [MirrorKey: MirrorTally]? {
        await texts()?.reduce(into: [:]) { total, text in total.merge(RouterMetricsText.mirrors(text[...]), uniquingKeysWith: +) }
    }

    /// Every ready router's metrics text; `nil` unless all answered (or none is ready, or the slices are not known).
    private func texts() async -> [String]? {
        guard slices.store.hasSynced else { return nil }
        let routers = Set(slices.store.list().compactMap(EndpointSliceAddresses.init).flatMap(\.hostPorts)).sorted()
        guard !routers.isEmpty else {
            logger.debug("no ready router to read from")
            return nil
        }
        return await withTaskGroup(of: Result<String, ScrapeError>.self) { group in
            for router in routers { group.addTask { await scrape(router) } }
            var texts: [String] = []
            for await result in group {
                switch result {
                case .success(let text): texts.append(text)
                case .failure(let error):
                    logger.warning("routers not read this time", metadata: ["error": "\(error.message)"])
                    group.cancelAll()
                    return nil
                }
            }
            return texts
        }
    }

    struct ScrapeError: Error {
        var message: String
    }

    private func scrape(_ router: String) async -> Result<String, ScrapeError> {
        do {
            let response = try await http.execute(HTTPClientRequest(url: "http://\(router)/metrics"), timeout: Self.timeout)
            guard response.status == .ok else {
                return .failure(ScrapeError(message: "router \(router) answered \(response.status.code) to GET /metrics"))
            }
            let body = try await response.body.collect(upTo: Self.maxBytes)
            return .success(String(buffer: body))
        } catch {
            return .failure(ScrapeError(message: "reading router \(router)'s /metrics: \(error)"))
        }
    }
}
