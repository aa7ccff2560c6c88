import AsyncHTTPClient
import Controller
import Logging
import NIOCore
import ServingAPI

/// The routers' load in a cluster: every ready address of the router Service's EndpointSlices, its `/metrics` read
/// (as a Prometheus server would) and its `swiftlet_router_in_flight` gauges summed per deployment. A sample is
/// whole or not taken: if a router does not answer, the autoscaler waits for the next one.
public struct RouterMetricsScrape: RequestsInFlight {
    static let endpointSliceType = K8s.ResourceType(
        group: "discovery.k8s.io", version: "v1", plural: "endpointslices", kind: "EndpointSlice", namespaced: true)
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

    public func run() async { await slices.run() }

    public func sample() async -> [String: Int]? {
        guard slices.store.hasSynced else { return nil }
        let routers = Set(slices.store.list().compactMap(EndpointSliceAddresses.init).flatMap(\.hostPorts)).sorted()
        guard !routers.isEmpty else {
            logger.debug("autoscaler: no ready router to read the load from")
            return nil
        }
        return await withTaskGroup(of: Result<[String: Int], ScrapeError>.self) { group in
            for router in routers { group.addTask { await scrape(router) } }
            var total: [String: Int] = [:]
            for await result in group {
                switch result {
                case .success(let counts): total.merge(counts, uniquingKeysWith: +)
                case .failure(let error):
                    logger.warning("autoscaler: no sample this second", metadata: ["error": "\(error.message)"])
                    group.cancelAll()
                    return nil
                }
            }
            return total
        }
    }

    struct ScrapeError: Error {
        var message: String
    }

    private func scrape(_ router: String) async -> Result<[String: Int], ScrapeError> {
        do {
            let response = try await http.execute(HTTPClientRequest(url: "http://\(router)/metrics"), timeout: Self.timeout)
            guard response.status == .ok else {
                return .failure(ScrapeError(message: "router \(router) answered \(response.status.code) to GET /metrics"))
            }
            let body = try await response.body.collect(upTo: Self.maxBytes)
            return .success(RouterMetricsText.inFlight(Substring(String(buffer: body))))
        } catch {
            return .failure(ScrapeError(message: "reading router \(router)'s /metrics: \(error)"))
        }
    }
}
