import NIOCore
import Synchronization

/// The router's settings.
public struct RouterConfiguration: Sendable {
    /// With a domain, `{endpoint}.{namespace}.{domain}` Host headers route too.
    public var domain: String?
    public var requestTimeout: TimeAmount
    public var connectTimeout: TimeAmount
    /// Largest request body; beyond it 413.
    public var maxBodyBytes: Int
    /// Mirrored copies in flight at once, router-wide; more are dropped (and counted).
    public var mirrorMaxInFlight: Int
    /// A request (and its primary answer) larger than this is not mirrored: the copy would have to be held.
    public var mirrorMaxBodyBytes: Int

    public init(
        domain: String? = nil, requestTimeout: TimeAmount = .seconds(60), connectTimeout: TimeAmount = .seconds(2),
        maxBodyBytes: Int = 100 * 1024 * 1024, mirrorMaxInFlight: Int = 64, mirrorMaxBodyBytes: Int = 1024 * 1024
    ) {
        self.domain = domain
        self.requestTimeout = requestTimeout
        self.connectTimeout = connectTimeout
        self.maxBodyBytes = maxBodyBytes
        self.mirrorMaxInFlight = mirrorMaxInFlight
        self.mirrorMaxBodyBytes = mirrorMaxBodyBytes
    }
}

/// What every connection handler shares: the route table, the settings, the mirror budget, the metrics text.
final class RouterContext: Sendable {
    let routes: RouteTableStore
    let configuration: RouterConfiguration
    let metricsText: @Sendable () -> String
    private let mirrorsInFlight = Atomic<Int>(0)
    private let exchanges = Atomic<Int>(0)

    init(routes: RouteTableStore, configuration: RouterConfiguration, metricsText: @escaping @Sendable () -> String) {
        self.routes = routes
        self.configuration = configuration
        self.metricsText = metricsText
    }

    /// Proxied requests started and not yet finished, router-wide (what shutdown waits for).
    var inFlight: Int { exchanges.load(ordering: .relaxed) }
    func exchangeStarted() { exchanges.add(1, ordering: .relaxed) }
    func exchangeFinished() { exchanges.subtract(1, ordering: .relaxed) }

    /// Takes one of the mirror slots; false when all are busy (the copy is dropped).
    func acquireMirrorSlot() -> Bool {
        let taken = mirrorsInFlight.add(1, ordering: .relaxed).newValue
        guard taken <= configuration.mirrorMaxInFlight else {
            mirrorsInFlight.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func releaseMirrorSlot() { mirrorsInFlight.subtract(1, ordering: .relaxed) }
}
