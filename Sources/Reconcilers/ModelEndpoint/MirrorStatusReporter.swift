import Controller
import Foundation
import Logging
import ServiceLifecycle
import ServingAPI

/// Writes how mirrored copies compare into each endpoint's `status.mirrors`, from the routers' counters, every
/// `interval` (only what changed; with leader election only while leading). The reconciler keeps the field as it
/// finds it: it is this reporter's alone.
public struct MirrorStatusReporter: Service {
    let client: KubeClient
    let observations: any RouterObservations
    let endpoints: Watcher
    let interval: Duration
    let leaderElector: LeaderElector?
    let logger: Logger

    public init(
        client: KubeClient, observations: any RouterObservations, interval: Duration = .seconds(5),
        namespace: String? = nil, leaderElector: LeaderElector? = nil, logger: Logger
    ) {
        self.client = client
        self.observations = observations
        self.interval = interval
        self.leaderElector = leaderElector
        self.logger = logger
        endpoints = Watcher(client: client, resourceType: ModelEndpoint.resourceType, namespace: namespace, logger: logger)
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await endpoints.run() }
                group.addTask {
                    while (try? await Task.sleep(for: interval)) != nil {
                        // The routers are read only when an endpoint mirrors, or still shows a comparison to clear.
                        let known = endpoints.store.list().compactMap { try? ModelEndpoint(json: $0) }
                        guard leaderElector?.isLeader ?? true,
                            known.contains(where: { $0.status.mirrorTraffic != nil || $0.status.mirrors != nil }),
                            let tallies = await observations.mirrors()
                        else { continue }
                        await report(known, tallies)
                    }
                }
            }
        }
    }

    private func report(_ endpoints: [ModelEndpoint], _ tallies: [MirrorKey: MirrorTally]) async {
        for endpoint in endpoints {
            guard let name = endpoint.metadata.name else { continue }
            let namespace = endpoint.metadata.namespace ?? "default"
            let mirrors = MirrorComparisons.compute(namespace: namespace, endpoint: name,
                mirrorTraffic: endpoint.status.mirrorTraffic, tallies: tallies)
            guard mirrors != endpoint.status.mirrors else { continue }
            let value: JSONValue = mirrors.map { JSONValue(encoding: $0) } ?? .null
            do {
                _ = try await client.patch(ModelEndpoint.resourceType, namespace: namespace, name: name,
                    .merge(["status": ["mirrors": value]]), subresource: "status", fieldManager: ServingLabels.fieldManager)
            } catch where error.isNotFound {
            } catch {
                logger.warning("mirror status not written", metadata: ["endpoint": "\(namespace)/\(name)", "error": "\(error)"])
            }
        }
    }
}

/// An endpoint's `status.mirrors` as a pure function of its applied mirrors and the routers' tallies: one entry per
/// mirrored deployment, with the agreement to 4 decimals and the latency difference to 0.1 ms (so the status does
/// not change for noise); none without mirrors.
enum MirrorComparisons {
    static func compute(namespace: String, endpoint: String, mirrorTraffic: [String: Int]?, tallies: [MirrorKey: MirrorTally])
        -> [ModelEndpoint.MirrorComparison]?
    {
        guard let mirrorTraffic, !mirrorTraffic.isEmpty else { return nil }
        return mirrorTraffic.keys.sorted().map { deployment in
            let tally = tallies[MirrorKey(namespace: namespace, endpoint: endpoint, deployment: deployment)] ?? MirrorTally()
            let compared = tally.agreed + tally.disagreed
            let rounded = { (value: Double, places: Double) in (value * places).rounded() / places }
            return ModelEndpoint.MirrorComparison(deployment: deployment, compared: compared, agreed: tally.agreed,
                agreement: compared > 0 ? rounded(Double(tally.agreed) / Double(compared), 10_000) : nil,
                failed: tally.failed, dropped: tally.dropped,
                latencyDifferenceSeconds: compared > 0 ? rounded(tally.latencyDifferenceTotal / Double(compared), 10_000) : nil)
        }
    }
}
