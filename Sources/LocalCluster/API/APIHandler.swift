import Foundation
import ServingAPI

/// Answers requests: checks the bearer token, routes, and hands each resource verb to its handler. Every
/// `APIServerError` becomes its Status answer here and nowhere else.
struct APIHandler: Sendable {
    let store: ObjectStore
    let token: String
    var router = APIRouter()
    var bookmarkInterval: Duration = .seconds(60)
    var clock: @Sendable () -> Date = { Date() }
    /// Where a pod's log file is (`pods/{name}/log`); nil when no runtime writes logs here.
    var podLogPath: (@Sendable (_ pod: JSONValue) -> String?)?

    func respond(_ request: HTTPRequestData) async -> APIResponse {
        do {
            let routed = try router.route(method: request.method, path: request.path, query: request.query)
            if !Self.isPublic(routed) { try authenticate(request) }
            return try await dispatch(routed, request)
        } catch {
            return .error(error)
        }
    }

    /// The endpoints the real server shows anonymous clients (system:public-info-viewer).
    private static func isPublic(_ request: APIRequest) -> Bool {
        switch request {
        case .version, .health: true
        default: false
        }
    }

    private func authenticate(_ request: HTTPRequestData) throws(APIServerError) {
        guard let header = request.headers.first(name: "authorization"), header.hasPrefix("Bearer "),
            constantTimeEqual(String(header.dropFirst("Bearer ".count)), token)
        else { throw .unauthorized() }
    }

    private func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let (a, b) = (Array(lhs.utf8), Array(rhs.utf8))
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func dispatch(_ routed: APIRequest, _ request: HTTPRequestData) async throws(APIServerError) -> APIResponse {
        switch routed {
        case .version: return .json(Discovery.version)
        case .health: return .body(status: 200, contentType: "text/plain", bytes: Array("ok".utf8))
        case .coreVersions, .groups, .group, .resourceList:
            let registry = await store.state.registry
            return try Discovery.respond(routed, registry: registry, accept: request.accept)
        case .openAPIv2: return OpenAPI.v2
        case .openAPIv3Root: return .json(OpenAPI.v3Root(await store.state.registry))
        case .openAPIv3(let group, let version):
            return .json(try OpenAPI.v3(group: group, version: version, registry: await store.state.registry))
        case .resource(let resourceRequest):
            let info = try await resolve(resourceRequest)
            if resourceRequest.subresource == "log" {
                return try await PodLog(store: store, info: info, request: resourceRequest, query: request.query,
                    path: podLogPath).respond()
            }
            let storage = info.sharedStorageKey == nil ? info : await store.state.registry.storageResource(forKey: info.storageKey) ?? info
            let handler = ResourceHandler(store: store, info: info, storage: storage, request: resourceRequest, http: request, bookmarkInterval: bookmarkInterval, now: clock())
            return try await handler.handle()
        }
    }

    /// The served resource a request names, and checks that its scope and subresource fit.
    private func resolve(_ request: ResourceRequest) async throws(APIServerError) -> ResourceInfo {
        let registry = await store.state.registry
        guard let info = registry.lookup(group: request.group, version: request.version, plural: request.plural) else {
            throw .pathNotFound()
        }
        if request.namespace != nil, !info.type.namespaced { throw .pathNotFound() }
        if let subresource = request.subresource, !info.subresourceNames.contains(subresource) { throw .pathNotFound() }
        return info
    }
}
