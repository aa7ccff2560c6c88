import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// The scorer's routes for a Python entry script: Azure ML's `/score`, `/swagger.json` and `GET /`,
/// plus `/healthz`, `/ready` and `/metrics`. Maps every outcome to its HTTP answer.
final class ScorerRoutes: Sendable {
    private let pool: WorkerPool
    private let metrics: ScorerMetrics
    private let metricsText: @Sendable () -> String
    private let swagger = Mutex<SwaggerDocuments?>(nil)

    init(pool: WorkerPool, metrics: ScorerMetrics, metricsText: @escaping @Sendable () -> String) {
        self.pool = pool
        self.metrics = metrics
        self.metricsText = metricsText
    }

    /// Every worker finished `init()`: `/ready`, `/score` and `/swagger.json` open.
    func markReady(_ documents: SwaggerDocuments) {
        swagger.withLock { $0 = documents }
    }

    private var isReady: Bool { swagger.withLock { $0 != nil } }

    func respond(to request: ScorerRequest) async -> ScorerResponse {
        let started = ContinuousClock.now
        metrics.inFlight.increment()
        let route = Self.route(of: request.path)
        var response: ScorerResponse
        if route == "other" {
            response = .apiError(.notFound, code: "NotFound",
                message: "no route \(request.method.rawValue) \(request.path); the scorer serves POST /score, "
                    + "GET /swagger.json, GET /, /healthz, /ready, /metrics")
        } else if let allowed = Self.allowedMethods[route], !allowed.contains(request.method) {
            // Azure answers these before its request hooks run: no request-id headers.
            response = .azureError(.methodNotAllowed, "The method is not allowed for the requested URL.")
            response.headers.add(name: "Allow", value: allowed.map(\.rawValue).sorted().joined(separator: ", "))
        } else {
            do throws(RequestIDs.TooLong) {
                let ids = try RequestIDs(headers: request.headers)
                response = await respond(to: request, route: route)
                ids.apply(to: &response)
            } catch {
                response = error.response
            }
        }
        metrics.inFlight.decrement()
        let elapsed = ContinuousClock.now - started
        metrics.requestFinished(route: route, status: Int(response.status.code), nanoseconds: elapsed.nanoseconds)
        return response
    }

    private static let routes: Set<String> = ["/score", "/swagger.json", "/", "/healthz", "/ready", "/metrics"]
    private static let allowedMethods: [String: [HTTPMethod]] = [
        "/score": [.GET, .HEAD, .POST, .OPTIONS], "/": [.GET, .HEAD, .OPTIONS], "/swagger.json": [.GET, .HEAD, .OPTIONS],
    ]

    private static func route(of path: String) -> String { routes.contains(path) ? path : "other" }

    private func respond(to request: ScorerRequest, route: String) async -> ScorerResponse {
        switch route {
        case "/score": await score(request)
        case "/swagger.json": swaggerResponse(request)
        case "/": .text(.ok, "Healthy", contentType: "text/html; charset=utf-8")
        case "/healthz": .text(.ok, #"{"status":"alive"}"#, contentType: "application/json")
        case "/ready": readiness()
        default: .text(.ok, metricsText(), contentType: "text/plain; version=0.0.4")
        }
    }

    private func score(_ request: ScorerRequest) async -> ScorerResponse {
        switch request.method {
        case .GET, .POST: break
        case .OPTIONS:
            var response = ScorerResponse.text(.ok, "", contentType: "text/html; charset=utf-8")
            response.headers.add(name: "x-ms-run-function-failed", value: "False")
            return response
        default:  // HEAD reaches the route in azmlinfsrv too, and is refused there, request ids and all
            return .azureError(.methodNotAllowed, "Method not allowed")
        }
        guard isReady else { return ScorerError.notReady("the entry script's init() has not finished").response }
        let workerRequest = WorkerRequest(
            method: request.method.rawValue, query: request.query,
            headers: request.headers.map { ($0.name, $0.value) }, body: request.body)
        do {
            let answer = try await pool.run(workerRequest)
            var headers = HTTPHeaders()
            for (name, value) in answer.headers { headers.add(name: name, value: value) }
            return ScorerResponse(status: .init(statusCode: answer.status), headers: headers, body: answer.body)
        } catch let error as ScorerError {
            return error.response
        } catch {
            return ScorerError.workerProtocol("\(error)").response
        }
    }

    private func swaggerResponse(_ request: ScorerRequest) -> ScorerResponse {
        guard let documents = swagger.withLock({ $0 }) else {
            return ScorerError.notReady("the entry script's init() has not finished").response
        }
        return documents.response(version: request.queryValue("version"))
    }

    private func readiness() -> ScorerResponse {
        let workers = pool.readyWorkers
        guard isReady, workers > 0 else {
            return ScorerError.notReady("\(workers) workers ready; waiting for init()").response
        }
        return .text(.ok, #"{"status":"ready","workers":\#(workers)}"#, contentType: "application/json")
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
