import Foundation
import Logging
import ServingAPI
import Testing

@testable import LocalCluster

@Suite struct AuditEventTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var method: String
        var uri: String
        var verb: String
        /// group, version, resource, subresource, namespace, name; nil for a non-resource request.
        var resource: [String]?
        var testDescription: String { "\(method) \(uri)" }
    }

    typealias R = RequestAttributes.Resource

    /// What kube-apiserver's RequestInfoFactory makes of these requests (k8s.io/apiserver/pkg/endpoints/request).
    static let cases: [Case] = [
        Case(method: "GET", uri: "/api/v1/configmaps", verb: "list", resource: ["", "v1", "configmaps", "", "", ""]),
        Case(method: "GET", uri: "/api/v1/namespaces/default/configmaps?limit=500", verb: "list",
             resource: ["", "v1", "configmaps", "", "default", ""]),
        Case(method: "GET", uri: "/api/v1/namespaces/default/configmaps/cm1", verb: "get",
             resource: ["", "v1", "configmaps", "", "default", "cm1"]),
        Case(method: "HEAD", uri: "/api/v1/namespaces/default/configmaps/cm1", verb: "get",
             resource: ["", "v1", "configmaps", "", "default", "cm1"]),
        Case(method: "GET", uri: "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=5", verb: "watch",
             resource: ["", "v1", "configmaps", "", "default", ""]),
        Case(method: "GET", uri: "/api/v1/namespaces/default/configmaps?watch=1", verb: "watch",
             resource: ["", "v1", "configmaps", "", "default", ""]),
        Case(method: "GET", uri: "/api/v1/namespaces/default/configmaps?watch=false", verb: "list",
             resource: ["", "v1", "configmaps", "", "default", ""]),
        Case(method: "GET", uri: "/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dcm1&watch=true",
             verb: "watch", resource: ["", "v1", "configmaps", "", "default", "cm1"]),
        Case(method: "GET", uri: "/api/v1/configmaps?fieldSelector=metadata.name%21%3Dcm1", verb: "list",
             resource: ["", "v1", "configmaps", "", "", ""]),
        Case(method: "GET", uri: "/api/v1/watch/namespaces/default/configmaps/cm1", verb: "watch",
             resource: ["", "v1", "configmaps", "", "default", "cm1"]),
        Case(method: "GET", uri: "/apis/apps/v1/watch/deployments", verb: "watch", resource: ["apps", "v1", "deployments", "", "", ""]),
        Case(method: "POST", uri: "/api/v1/namespaces/default/configmaps?fieldManager=kubectl-client-side-apply",
             verb: "create", resource: ["", "v1", "configmaps", "", "default", ""]),
        Case(method: "PUT", uri: "/apis/coordination.k8s.io/v1/namespaces/swiftlet-system/leases/swiftlet-controller",
             verb: "update", resource: ["coordination.k8s.io", "v1", "leases", "", "swiftlet-system", "swiftlet-controller"]),
        Case(method: "PATCH", uri: "/apis/serving.swiftlet.dev/v1alpha1/namespaces/ml/modelendpoints/mnist/status",
             verb: "patch", resource: ["serving.swiftlet.dev", "v1alpha1", "modelendpoints", "status", "ml", "mnist"]),
        Case(method: "PATCH", uri: "/apis/apps/v1/namespaces/prod/deployments/web/scale", verb: "patch",
             resource: ["apps", "v1", "deployments", "scale", "prod", "web"]),
        Case(method: "DELETE", uri: "/api/v1/namespaces/default/secrets/mnist-keys", verb: "delete",
             resource: ["", "v1", "secrets", "", "default", "mnist-keys"]),
        Case(method: "DELETE", uri: "/api/v1/namespaces/default/configmaps?labelSelector=app%3Dx", verb: "deletecollection",
             resource: ["", "v1", "configmaps", "", "default", ""]),
        // A namespace's own name is also its namespace; status and finalize are its subresources.
        Case(method: "GET", uri: "/api/v1/namespaces/team", verb: "get", resource: ["", "v1", "namespaces", "", "team", "team"]),
        Case(method: "GET", uri: "/api/v1/namespaces", verb: "list", resource: ["", "v1", "namespaces", "", "", ""]),
        Case(method: "PUT", uri: "/api/v1/namespaces/team/finalize", verb: "update",
             resource: ["", "v1", "namespaces", "finalize", "team", "team"]),
        // Discovery, OpenAPI, version and health are non-resource requests: the verb is the lowercased method.
        Case(method: "GET", uri: "/api", verb: "get", resource: nil),
        Case(method: "GET", uri: "/api/v1", verb: "get", resource: nil),
        Case(method: "GET", uri: "/apis", verb: "get", resource: nil),
        Case(method: "GET", uri: "/apis/apps/v1?timeout=32s", verb: "get", resource: nil),
        Case(method: "GET", uri: "/openapi/v3/apis/apps/v1", verb: "get", resource: nil),
        Case(method: "GET", uri: "/version", verb: "get", resource: nil),
        Case(method: "GET", uri: "/healthz", verb: "get", resource: nil),
        Case(method: "POST", uri: "/healthz", verb: "post", resource: nil),
    ]

    @Test(arguments: cases) func requestAttributes(_ test: Case) {
        let attributes = RequestAttributes(method: test.method, uri: test.uri)
        #expect(attributes.verb == test.verb)
        let expected = test.resource.map { R(apiGroup: $0[0], apiVersion: $0[1], resource: $0[2], subresource: $0[3], namespace: $0[4], name: $0[5]) }
        #expect(attributes.resource == expected)
    }

    /// The audit verb is the verb the server's own router dispatched on.
    @Test(arguments: cases.filter { $0.resource != nil }) func auditVerbIsTheRoutedVerb(_ test: Case) throws {
        let request = HTTPRequestData(method: test.method, uri: test.uri)
        guard case .resource(let routed) = try APIRouter().route(method: request.method, path: request.path, query: request.query)
        else {
            Issue.record("not a resource request")
            return
        }
        #expect(routed.verb.rawValue == test.verb)
    }

    @Test func aResourceEventIsAMetadataLevelEvent() throws {
        let received = Date(timeIntervalSince1970: 1_700_000_000.25)
        let event = AuditEvent(
            auditID: "a1", requestURI: "/apis/apps/v1/namespaces/prod/deployments/web/scale",
            attributes: RequestAttributes(method: "PATCH", uri: "/apis/apps/v1/namespaces/prod/deployments/web/scale"),
            userAgent: "kubectl/v1.32.4", code: 200, received: received, completed: received.addingTimeInterval(0.5))
        let line = try JSONValue(parsing: event.line)
        #expect(event.line.last == UInt8(ascii: "\n") && !event.line.dropLast().contains(UInt8(ascii: "\n")))
        #expect(line["apiVersion"] == "audit.k8s.io/v1" && line["kind"] == "Event" && line["level"] == "Metadata")
        #expect(line["stage"] == "ResponseComplete" && line["verb"] == "patch" && line["userAgent"] == "kubectl/v1.32.4")
        #expect(line["objectRef"] == [
            "apiGroup": "apps", "apiVersion": "v1", "resource": "deployments", "subresource": "scale", "namespace": "prod", "name": "web",
        ])
        #expect(line[path: ["responseStatus", "code"]] == 200)
        #expect(line["requestReceivedTimestamp"] == "2023-11-14T22:13:20.250000Z")
        #expect(line["stageTimestamp"] == "2023-11-14T22:13:20.750000Z")
    }

    @Test func aCoreGroupEventHasNoAPIGroupAndANonResourceOneNoObjectRef() throws {
        let now = Date(timeIntervalSince1970: 0)
        func event(_ uri: String) throws -> JSONValue {
            try JSONValue(parsing: AuditEvent(
                auditID: "x", requestURI: uri, attributes: RequestAttributes(method: "GET", uri: uri), userAgent: nil, code: 404,
                received: now, completed: now).line)
        }
        #expect(try event("/api/v1/configmaps")["objectRef"] == ["apiVersion": "v1", "resource": "configmaps"])
        let version = try event("/version?x=1")
        #expect(version["objectRef"] == nil && version["requestURI"] == "/version?x=1" && version["verb"] == "get")
        #expect(version["userAgent"] == nil && version[path: ["responseStatus", "code"]] == 404)
    }

    @Test func theLogAppendsOneLinePerEvent() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try AuditLog(path: path, logger: .init(label: "test"))
        let now = Date()
        for uri in ["/api/v1/configmaps", "/version"] {
            log.record(AuditEvent(auditID: uri, requestURI: uri, attributes: RequestAttributes(method: "GET", uri: uri),
                                  userAgent: nil, code: 200, received: now, completed: now))
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(try lines.map { try JSONValue(parsing: String($0))["auditID"]?.stringValue } == ["/api/v1/configmaps", "/version"])
    }

    @Test func anUnwritableLogIsAnErrorWhenOpened() {
        #expect(throws: APIServerError.self) { try AuditLog(path: "/nonexistent-dir/audit.log", logger: .init(label: "test")) }
    }
}
