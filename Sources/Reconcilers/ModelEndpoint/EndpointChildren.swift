import Foundation
import ServingAPI

/// What a ModelEndpoint owns besides its status, as pure functions: the Secret with its scoring keys
/// (`auth: key`) and, in Gateway API mode, the HTTPRoute that splits its traffic at an existing gateway.
enum EndpointChildren {
    static let secretType = K8s.ResourceType(group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true)
    static let httpRouteType = K8s.ResourceType(
        group: "gateway.networking.k8s.io", version: "v1", plural: "httproutes", kind: "HTTPRoute", namespaced: true)
    /// The request headers that pin a request to one deployment (the second is Azure ML's).
    static let pinHeaders = ["x-swiftlet-deployment", "azureml-model-deployment"]

    static func secretName(_ endpoint: ModelEndpoint) -> String { "\(endpoint.metadata.name ?? "")-keys" }

    /// The key Secret: `primaryKey` and `secondaryKey` (two, so callers can rotate), each a fresh random key.
    static func keySecret(_ endpoint: ModelEndpoint, primary: String, secondary: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": metadata(endpoint, name: secretName(endpoint)),
            "data": [
                "primaryKey": .string(Data(primary.utf8).base64EncodedString()),
                "secondaryKey": .string(Data(secondary.utf8).base64EncodedString()),
            ],
        ]
    }

    /// A scoring key: 32 random bytes, base64url without padding (43 characters).
    static func newKey<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The HTTPRoute of an endpoint in Gateway API mode, from the split it applies: a rule per deployment for
    /// requests pinned by header, then the weighted rule with a RequestMirror filter per mirrored deployment.
    /// Requests under `/endpoints/<namespace>/<endpoint>` reach the scorers with that prefix replaced by `/`.
    static func httpRoute(_ endpoint: ModelEndpoint, traffic: [String: Int], mirror: [String: Int], members: [String])
        -> JSONValue
    {
        let prefix = "/endpoints/\(endpoint.metadata.namespace ?? "default")/\(endpoint.metadata.name ?? "")"
        let path: JSONValue = ["type": "PathPrefix", "value": .string(prefix)]
        let rewrite: JSONValue = ["type": "URLRewrite", "urlRewrite": ["path": ["type": "ReplacePrefixMatch", "replacePrefixMatch": "/"]]]
        func backend(_ name: String, weight: Int? = nil) -> JSONValue {
            var value: JSONValue = ["name": .string(name), "port": .int(ServingLabels.scorerPort)]
            if let weight { value[path: ["weight"]] = .int(Int64(weight)) }
            return value
        }
        var rules: [JSONValue] = members.sorted().flatMap { member in
            pinHeaders.map { header -> JSONValue in
                ["matches": [["path": path, "headers": [["type": "Exact", "name": .string(header), "value": .string(member)]]]],
                 "filters": [rewrite], "backendRefs": [backend(member)]]
            }
        }
        let mirrors: [JSONValue] = mirror.sorted { $0.key < $1.key }.map { name, percent in
            ["type": "RequestMirror", "requestMirror": ["backendRef": backend(name), "percent": .int(Int64(percent))]]
        }
        rules.append([
            "matches": [["path": path]], "filters": .array([rewrite] + mirrors),
            // A deployment that does not exist (allowed in the split at 0 percent) gets no backend: its Service is not there.
            "backendRefs": .array(traffic.filter { members.contains($0.key) }.sorted { $0.key < $1.key }
                .map { backend($0.key, weight: $0.value) }),
        ])
        var parent: JSONValue = ["name": .string(endpoint.spec.gatewayRef?.name ?? "")]
        if let namespace = endpoint.spec.gatewayRef?.namespace { parent[path: ["namespace"]] = .string(namespace) }
        if let section = endpoint.spec.gatewayRef?.sectionName { parent[path: ["sectionName"]] = .string(section) }
        return [
            "apiVersion": .string(httpRouteType.apiVersion), "kind": .string(httpRouteType.kind),
            "metadata": metadata(endpoint, name: endpoint.metadata.name ?? ""),
            "spec": ["parentRefs": [parent], "rules": .array(rules)],
        ]
    }

    private static func metadata(_ endpoint: ModelEndpoint, name: String) -> JSONValue {
        [
            "name": .string(name), "namespace": .string(endpoint.metadata.namespace ?? ""),
            "labels": [
                ServingLabels.managedBy: .string(ServingLabels.managedByValue),
                ServingLabels.endpoint: .string(endpoint.metadata.name ?? ""),
            ],
            "ownerReferences": [controllerReference(to: endpoint)],
        ]
    }
}
