import Foundation
import Logging
import Metrics
import Prometheus

/// The executable alone chooses the log and metrics backends: stderr and Prometheus.
enum Observability {
    private static let registry = PrometheusCollectorRegistry()

    static func bootstrap(label: String, level: String) -> Logger {
        let logLevel = Logger.Level(rawValue: level.lowercased()) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.valueHistogramBuckets["scorer_batch_size"] = [1, 2, 4, 8, 16, 32, 64, 128, 256]
        // The router answers in well under the default first bucket (5 ms) when scorers are fast.
        factory.durationHistogramBuckets["swiftlet_router_request_duration_seconds"] = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5),
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
        ]
        MetricsSystem.bootstrap(factory)
        return Logger(label: label)
    }

    @Sendable static func prometheusText() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
