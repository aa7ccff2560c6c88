import Testing

@testable import LocalCluster

@Suite struct APIRouterTests {
    let router = APIRouter()

    private func resource(_ method: String, _ path: String, _ query: [String: String] = [:]) throws -> ResourceRequest {
        guard case .resource(let request) = try router.route(method: method, path: path, query: query) else {
            Issue.record("\(method) \(path) is not a resource request")
            return ResourceRequest(verb: .get, group: "", version: "", plural: "")
        }
        return request
    }

    @Test func routesDiscoveryAndOpenAPI() throws {
        #expect(try router.route(method: "GET", path: "/version", query: [:]) == .version)
        #expect(try router.route(method: "GET", path: "/api", query: [:]) == .coreVersions)
        #expect(try router.route(method: "GET", path: "/apis", query: [:]) == .groups)
        #expect(try router.route(method: "GET", path: "/apis/apps", query: [:]) == .group("apps"))
        #expect(try router.route(method: "GET", path: "/api/v1", query: [:]) == .resourceList(group: "", version: "v1"))
        #expect(try router.route(method: "GET", path: "/apis/apps/v1", query: [:]) == .resourceList(group: "apps", version: "v1"))
        #expect(try router.route(method: "GET", path: "/openapi/v3/apis/apps/v1", query: [:]) == .openAPIv3(group: "apps", version: "v1"))
        #expect(try router.route(method: "GET", path: "/openapi/v3/api/v1", query: [:]) == .openAPIv3(group: "", version: "v1"))
    }

    @Test func routesNamespacedObjectsAndSubresources() throws {
        let get = try resource("GET", "/apis/apps/v1/namespaces/prod/deployments/web")
        #expect(get == ResourceRequest(verb: .get, group: "apps", version: "v1", plural: "deployments", namespace: "prod", name: "web"))
        let scale = try resource("PATCH", "/apis/apps/v1/namespaces/prod/deployments/web/scale")
        #expect(scale.verb == .patch && scale.subresource == "scale" && scale.name == "web")
        let list = try resource("GET", "/api/v1/configmaps")
        #expect(list.verb == .list && list.namespace == nil && list.plural == "configmaps")
    }

    @Test func aNamespacesOwnSubresourceIsNotACollection() throws {
        let status = try resource("PUT", "/api/v1/namespaces/team/status")
        #expect(status.plural == "namespaces" && status.name == "team" && status.subresource == "status" && status.namespace == nil)
        let configMaps = try resource("GET", "/api/v1/namespaces/team/configmaps")
        #expect(configMaps.plural == "configmaps" && configMaps.namespace == "team" && configMaps.verb == .list)
    }

    @Test(arguments: [
        ("POST", Verb.create, false), ("PUT", .update, true), ("PATCH", .patch, true), ("DELETE", .delete, true),
        ("DELETE", .deletecollection, false), ("GET", .list, false), ("GET", .get, true),
    ])
    func choosesTheVerbFromMethodAndName(method: String, verb: Verb, named: Bool) throws {
        let path = named ? "/api/v1/namespaces/a/configmaps/x" : "/api/v1/namespaces/a/configmaps"
        #expect(try resource(method, path).verb == verb)
    }

    @Test func aWatchOfOneObjectWatchesItsCollectionByName() throws {
        let watch = try resource("GET", "/api/v1/namespaces/a/configmaps/x", ["watch": "true", "resourceVersion": "7"])
        #expect(watch.verb == .watch && watch.name == nil)
        #expect(watch.options.fieldSelector == "metadata.name=x" && watch.options.resourceVersion == "7")
        let legacy = try resource("GET", "/api/v1/watch/namespaces/a/configmaps")
        #expect(legacy.verb == .watch)
    }

    @Test func refusesWhatTheRealServerRefuses() {
        #expect(throws: APIServerError.self) { try router.route(method: "POST", path: "/api/v1/namespaces/a/configmaps/x", query: [:]) }
        #expect(throws: APIServerError.self) { try router.route(method: "GET", path: "/nothing", query: [:]) }
        #expect(throws: APIServerError.self) {
            try router.route(method: "GET", path: "/api/v1/configmaps", query: ["limit": "many"])
        }
        do {
            _ = try router.route(method: "PUT", path: "/apis/apps/v1/namespaces/a/deployments", query: [:])
        } catch {
            #expect(error.status.code == 405)
        }
    }

    @Test func decodesQueries() {
        let query = APIRouter.parseQuery("labelSelector=app%3Dweb%2Ctier+in+(a)&watch=1&empty")
        #expect(query["labelSelector"] == "app=web,tier in (a)")
        #expect(query["watch"] == "1")
        #expect(query["empty"] == "")
    }
}
