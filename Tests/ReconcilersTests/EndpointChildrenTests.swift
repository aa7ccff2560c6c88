import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct EndpointChildrenTests {
    @Test func keySecret() throws {
        let endpoint = makeEndpoint()
        let secret = EndpointChildren.keySecret(endpoint, primary: "first-key", secondary: "second-key")
        #expect(EndpointChildren.secretName(endpoint) == "mnist-keys")
        #expect(secret["apiVersion"] == "v1")
        #expect(secret["kind"] == "Secret")
        #expect(secret["type"] == "Opaque")
        #expect(secret.name == "mnist-keys")
        #expect(secret.namespace == "ml")
        #expect(secret.labels == ["app.kubernetes.io/managed-by": "swiftlet", "serving.swiftlet.dev/endpoint": "mnist"])
        #expect(secret[path: ["data", "primaryKey"]] == .string(Data("first-key".utf8).base64EncodedString()))
        #expect(secret[path: ["data", "secondaryKey"]] == "c2Vjb25kLWtleQ==")
        #expect(secret.ownerReferences == [K8s.OwnerReference(
            apiVersion: "serving.swiftlet.dev/v1alpha1", kind: "ModelEndpoint", name: "mnist", uid: "uid-ep",
            controller: true, blockOwnerDeletion: true)])
    }

    @Test func newKeyIsBase64URLOf32Bytes() throws {
        var generator = SplitMix64(seed: 42)
        var keys: [String] = []
        for _ in 0..<64 { keys.append(EndpointChildren.newKey(using: &generator)) }
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for key in keys {
            #expect(key.count == 43)
            #expect(key.allSatisfy(alphabet.contains), "\(key)")
            // Back to standard base64 with its padding: 32 bytes.
            let standard = key.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
            #expect(Data(base64Encoded: standard)?.count == 32)
        }
        #expect(Set(keys).count == keys.count)
        // Across 64 keys some character would be '+', '/' or '=' in standard base64: the URL alphabet replaced them.
        #expect(keys.contains { $0.contains("-") || $0.contains("_") })
    }

    @Test func newKeyIsDeterministicForASeed() {
        var first = SplitMix64(seed: 7)
        var second = SplitMix64(seed: 7)
        var other = SplitMix64(seed: 8)
        let key = EndpointChildren.newKey(using: &first)
        #expect(key == EndpointChildren.newKey(using: &second))
        #expect(key != EndpointChildren.newKey(using: &other))
        #expect(key != EndpointChildren.newKey(using: &first))
    }

    // MARK: HTTPRoute

    static let prefix: JSONValue = ["type": "PathPrefix", "value": "/endpoints/ml/mnist"]
    static let rewrite: JSONValue = [
        "type": "URLRewrite", "urlRewrite": ["path": ["type": "ReplacePrefixMatch", "replacePrefixMatch": "/"]],
    ]

    static let gatewayCases: [(ModelEndpoint.GatewayRef, JSONValue)] = [
        (ModelEndpoint.GatewayRef(name: "public"), ["name": "public"]),
        (ModelEndpoint.GatewayRef(name: "public", namespace: "gateways"), ["name": "public", "namespace": "gateways"]),
        (ModelEndpoint.GatewayRef(name: "public", namespace: "gateways", sectionName: "https"),
            ["name": "public", "namespace": "gateways", "sectionName": "https"]),
        (ModelEndpoint.GatewayRef(name: "public", sectionName: "web"), ["name": "public", "sectionName": "web"]),
    ]

    @Test(arguments: gatewayCases)
    func parentRefs(reference: ModelEndpoint.GatewayRef, expected: JSONValue) {
        let endpoint = makeEndpoint(gateway: .gatewayAPI, gatewayRef: reference)
        let route = EndpointChildren.httpRoute(endpoint, traffic: ["blue": 100], mirror: [:], members: ["blue"])
        #expect(route[path: ["spec", "parentRefs"]] == [expected])
    }

    @Test func routeRules() throws {
        let endpoint = makeEndpoint(gateway: .gatewayAPI, gatewayRef: .init(name: "public"))
        let route = EndpointChildren.httpRoute(endpoint, traffic: ["green": 10, "blue": 90], mirror: ["shadow": 20],
            members: ["shadow", "green", "blue"])
        #expect(route["apiVersion"] == "gateway.networking.k8s.io/v1")
        #expect(route["kind"] == "HTTPRoute")
        #expect(route.name == "mnist")
        #expect(route.namespace == "ml")
        #expect(route.ownerReferences.first?.uid == "uid-ep")
        #expect(route.ownerReferences.first?.controller == true)
        let rules = try #require(route[path: ["spec", "rules"]]?.arrayValue)
        #expect(rules.count == 3 * 2 + 1)

        // Two pinned rules per member, members in name order, each header once.
        var pinned: [JSONValue] = []
        for member in ["blue", "green", "shadow"] {
            for header in ["x-swiftlet-deployment", "azureml-model-deployment"] {
                pinned.append([
                    "matches": [["path": Self.prefix, "headers": [["type": "Exact", "name": .string(header), "value": .string(member)]]]],
                    "filters": [Self.rewrite], "backendRefs": [["name": .string(member), "port": 5001]],
                ])
            }
        }
        #expect(Array(rules.prefix(6)) == pinned)

        // The weighted rule last: sorted backends with weights, the rewrite, then one mirror filter.
        let weighted = try #require(rules.last)
        #expect(weighted["matches"] == [["path": Self.prefix]])
        #expect(weighted["backendRefs"] == [
            ["name": "blue", "port": 5001, "weight": 90], ["name": "green", "port": 5001, "weight": 10],
        ])
        #expect(weighted["filters"] == [
            Self.rewrite,
            ["type": "RequestMirror", "requestMirror": ["backendRef": ["name": "shadow", "port": 5001], "percent": 20]],
        ])
    }

    /// Zero weights of existing deployments stay; a deployment that does not exist (0 percent) gets no backend.
    @Test func mirrorFiltersSortedAndUnknownBackendsLeftOut() throws {
        let endpoint = makeEndpoint(gateway: .gatewayAPI, gatewayRef: .init(name: "public"))
        let route = EndpointChildren.httpRoute(endpoint, traffic: ["c": 0, "a": 100, "b": 0], mirror: ["c": 5, "b": 50],
            members: ["a", "b"])
        let rules = try #require(route[path: ["spec", "rules"]]?.arrayValue)
        let weighted = try #require(rules.last)
        #expect(rules.count == 5, "two pinned rules per member, then the weighted one")
        #expect(weighted["backendRefs"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["a", "b"])
        #expect(weighted["backendRefs"]?.arrayValue?.compactMap { $0["weight"]?.intValue } == [100, 0])
        let filters = try #require(weighted["filters"]?.arrayValue)
        #expect(filters.compactMap { $0[path: ["requestMirror", "backendRef", "name"]]?.stringValue } == ["b", "c"])
        #expect(filters.compactMap { $0[path: ["requestMirror", "percent"]]?.intValue } == [50, 5])
        #expect(filters.first == Self.rewrite)
    }
}
