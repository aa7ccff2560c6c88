import NIOHTTP1

/// The router's own routes: liveness, readiness (routes loaded), Prometheus metrics.
enum LocalRoutes {
    static func answer(_ route: RequestTarget.Local, router: RouterContext) -> (HTTPResponseStatus, String, [UInt8]) {
        switch route {
        case .healthz:
            return (.ok, "text/plain", Array("ok\n".utf8))
        case .readyz:
            return router.routes.isSynced
                ? (.ok, "text/plain", Array("ready\n".utf8))
                : (.serviceUnavailable, "text/plain", Array("routes not loaded yet\n".utf8))
        case .metrics:
            return (.ok, "text/plain; version=0.0.4", Array(router.metricsText().utf8))
        }
    }
}

/// Request ids the router makes when the client sent none: 128 random bits in hex, like a UUID without dashes.
enum RequestID {
    static func make(using generator: inout some RandomNumberGenerator) -> String {
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
