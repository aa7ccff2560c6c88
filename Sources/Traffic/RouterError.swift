import NIOHTTP1
import ServingAPI

/// Everything the router answers instead of a scorer, and the one place it becomes an HTTP status and a JSON body
/// `{"error": {"code": ..., "message": ...}}`.
enum RouterError: Error, Equatable, Sendable {
    case endpointNotFound(namespace: String, name: String)
    case noRoute
    case unknownDeployment(String, valid: [String])
    case unauthorized(String)
    case noLiveTraffic
    case noReadyPod(deployment: String)
    /// A request held for a deployment scaled to zero saw no pod of it become ready in time.
    case coldStartTimeout(deployment: String, seconds: Double)
    case upstreamFailed(deployment: String, reason: String)
    case upstreamTimeout(deployment: String, seconds: Double)
    case payloadTooLarge(limit: Int)
    case notReady

    var status: HTTPResponseStatus {
        switch self {
        case .endpointNotFound, .noRoute: .notFound
        case .unknownDeployment: .badRequest
        case .unauthorized: .unauthorized
        case .noLiveTraffic, .noReadyPod, .coldStartTimeout, .notReady: .serviceUnavailable
        case .upstreamFailed: .badGateway
        case .upstreamTimeout: .gatewayTimeout
        case .payloadTooLarge: .payloadTooLarge
        }
    }

    var code: String {
        switch self {
        case .endpointNotFound: "EndpointNotFound"
        case .noRoute: "NotFound"
        case .unknownDeployment: "UnknownDeployment"
        case .unauthorized: "Unauthorized"
        case .noLiveTraffic: "NoLiveTraffic"
        case .noReadyPod: "NoReadyPod"
        case .coldStartTimeout: "ColdStartTimeout"
        case .upstreamFailed: "UpstreamFailed"
        case .upstreamTimeout: "UpstreamTimeout"
        case .payloadTooLarge: "PayloadTooLarge"
        case .notReady: "NotReady"
        }
    }

    var message: String {
        switch self {
        case .endpointNotFound(let namespace, let name):
            "no ModelEndpoint \(namespace)/\(name): expected an existing endpoint (kubectl get modelendpoints -A)"
        case .noRoute:
            "no such route: expected /endpoints/{namespace}/{endpoint}/score, .../swagger.json, .../v2/..., "
                + "or /healthz, /readyz, /metrics"
        case .unknownDeployment(let name, let valid):
            "deployment \"\(name)\" is not part of this endpoint: expected one of "
                + (valid.isEmpty ? "(none)" : valid.joined(separator: ", "))
        case .unauthorized(let reason):
            "\(reason): expected 'Authorization: Bearer <key>' with a key from the endpoint's Secret"
        case .noLiveTraffic:
            "the endpoint has no live traffic (every percent is 0, or no split applied yet): "
                + "pin a deployment with the x-swiftlet-deployment header or give one a percent"
        case .noReadyPod(let deployment):
            "deployment \(deployment) has no ready pod: retry later"
        case .coldStartTimeout(let deployment, let seconds):
            "deployment \(deployment) is scaled to zero and no pod of it became ready within \(seconds) s: retry "
                + "later, and see its ModelDeployment's ModelLoaded condition if this lasts"
        case .upstreamFailed(let deployment, let reason):
            "deployment \(deployment) failed to answer: \(reason)"
        case .upstreamTimeout(let deployment, let seconds):
            "deployment \(deployment) did not answer within \(seconds) s"
        case .payloadTooLarge(let limit):
            "request body exceeds \(limit) bytes: expected at most \(limit)"
        case .notReady:
            "the router has not loaded its routes yet: retry later"
        }
    }

    /// The response head's headers: the JSON type, `Retry-After` when retrying later may help, the auth challenge.
    var headers: [(String, String)] {
        let type = ("Content-Type", "application/json")
        switch self {
        case .noReadyPod, .coldStartTimeout, .notReady, .noLiveTraffic: return [type, ("Retry-After", "1")]
        case .unauthorized: return [type, ("WWW-Authenticate", "Bearer")]
        default: return [type]
        }
    }

    var body: [UInt8] {
        let value: JSONValue = ["error": ["code": .string(code), "message": .string(message)]]
        return value.serialized()
    }
}
