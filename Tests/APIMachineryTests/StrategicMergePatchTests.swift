import ServingAPI
import Testing

@testable import APIMachinery

private func parse(_ text: String) -> JSONValue { try! JSONValue(parsing: text) }

struct StrategicMergePatchTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let group: String
        let kind: String
        let original: String
        let patch: String
        let expected: String
        var testDescription: String { name }
    }

    static let deployment = (group: "apps", kind: "Deployment")

    /// Cases from the Kubernetes docs ("Update API Objects in Place Using kubectl patch") and the strategic merge
    /// patch design notes, plus each built-in kind's special lists.
    static let cases: [Case] = [
        Case(
            name: "containers merge by name; a new one goes first (the docs' patch-demo)", group: "apps", kind: "Deployment",
            original: #"{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr","image":"nginx"}]}}}}"#,
            patch: #"{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}"#,
            expected:
                #"{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"},{"name":"patch-demo-ctr","image":"nginx"}]}}}}"#
        ),
        Case(
            name: "a container with the same name merges field by field", group: "apps", kind: "Deployment",
            original:
                #"{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x:1","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"}]}]}}}}"#,
            patch:
                #"{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x:2","env":[{"name":"B","value":"2"}],"ports":[{"containerPort":80,"name":"http"}]}]}}}}"#,
            expected:
                #"{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x:2","ports":[{"containerPort":80,"name":"http"}],"env":[{"name":"B","value":"2"},{"name":"A","value":"1"}]}]}}}}"#
        ),
        Case(
            name: "tolerations are replaced (the docs' patch-file-tolerations)", group: "apps", kind: "Deployment",
            original: #"{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"disktype","value":"ssd"}]}}}}"#,
            patch: #"{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"dedicated","value":"test-team"}]}}}}"#,
            expected: #"{"spec":{"template":{"spec":{"tolerations":[{"effect":"NoSchedule","key":"dedicated","value":"test-team"}]}}}}"#
        ),
        Case(
            name: "$patch: delete removes the element with that key", group: "", kind: "Pod",
            original: #"{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}"#,
            patch: #"{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}"#,
            expected: #"{"spec":{"containers":[{"name":"b","image":"y"}]}}"#
        ),
        Case(
            name: "$patch: replace as a list element replaces the list", group: "", kind: "Pod",
            original: #"{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}"#,
            patch: #"{"spec":{"containers":[{"name":"c","image":"z"},{"$patch":"replace"}]}}"#,
            expected: #"{"spec":{"containers":[{"name":"c","image":"z"}]}}"#
        ),
        Case(
            name: "$patch: replace in a map replaces the map", group: "", kind: "ConfigMap",
            original: #"{"metadata":{"labels":{"a":"1","b":"2"}},"data":{"x":"1"}}"#,
            patch: #"{"metadata":{"labels":{"c":"3","$patch":"replace"}}}"#,
            expected: #"{"metadata":{"labels":{"c":"3"}},"data":{"x":"1"}}"#
        ),
        Case(
            name: "$patch: delete in a map empties it", group: "", kind: "ConfigMap",
            original: #"{"data":{"x":"1","y":"2"}}"#, patch: #"{"data":{"$patch":"delete"}}"#, expected: #"{"data":{}}"#
        ),
        Case(
            name: "null deletes a member; other members merge", group: "", kind: "Secret",
            original: #"{"metadata":{"labels":{"a":"1","b":"2"}},"data":{"k":"dg=="}}"#,
            patch: #"{"metadata":{"labels":{"a":null,"c":"3"}},"data":{"j":"dw=="},"missing":null}"#,
            expected: #"{"metadata":{"labels":{"b":"2","c":"3"}},"data":{"k":"dg==","j":"dw=="}}"#
        ),
        Case(
            name: "finalizers merge as a set", group: "", kind: "Namespace",
            original: #"{"metadata":{"finalizers":["a","b"]}}"#, patch: #"{"metadata":{"finalizers":["b","c"]}}"#,
            expected: #"{"metadata":{"finalizers":["a","b","c"]}}"#
        ),
        Case(
            name: "$deleteFromPrimitiveList removes set members", group: "", kind: "ConfigMap",
            original: #"{"metadata":{"finalizers":["a","b","c"]}}"#,
            patch: #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["a","c"]}}"#,
            expected: #"{"metadata":{"finalizers":["b"]}}"#
        ),
        Case(
            name: "$retainKeys clears what it does not name (the docs' retainKeys example)", group: "apps", kind: "Deployment",
            original: #"{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}}}"#,
            patch: #"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#,
            expected: #"{"spec":{"strategy":{"type":"Recreate"}}}"#
        ),
        Case(
            name: "$retainKeys on a volume switches its source", group: "", kind: "Pod",
            original: #"{"spec":{"volumes":[{"name":"v","emptyDir":{}},{"name":"w","emptyDir":{}}]}}"#,
            patch: #"{"spec":{"volumes":[{"name":"v","$retainKeys":["name","hostPath"],"hostPath":{"path":"/d"}}]}}"#,
            expected: #"{"spec":{"volumes":[{"name":"v","hostPath":{"path":"/d"}},{"name":"w","emptyDir":{}}]}}"#
        ),
        Case(
            name: "$setElementOrder orders the merged list", group: "apps", kind: "Deployment",
            original: #"{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"},{"name":"c","image":"3"}]}}}}"#,
            patch:
                #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}],"containers":[{"name":"a","image":"9"}]}}}}"#,
            expected:
                #"{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"3"},{"name":"a","image":"9"},{"name":"b","image":"2"}]}}}}"#
        ),
        Case(
            name: "$setElementOrder on finalizers", group: "", kind: "ConfigMap",
            original: #"{"metadata":{"finalizers":["a","b"]}}"#,
            patch: #"{"metadata":{"$setElementOrder/finalizers":["b","c","a"],"finalizers":["c"]}}"#,
            expected: #"{"metadata":{"finalizers":["b","c","a"]}}"#
        ),
        Case(
            name: "$setElementOrder alone does not create the list", group: "", kind: "Pod",
            original: #"{"spec":{}}"#, patch: #"{"spec":{"$setElementOrder/containers":[{"name":"a"}]}}"#,
            expected: #"{"spec":{}}"#
        ),
        Case(
            name: "volumeMounts merge by mountPath", group: "", kind: "Pod",
            original: #"{"spec":{"containers":[{"name":"a","volumeMounts":[{"name":"v","mountPath":"/a"}]}]}}"#,
            patch: #"{"spec":{"containers":[{"name":"a","volumeMounts":[{"name":"w","mountPath":"/a","readOnly":true}]}]}}"#,
            expected: #"{"spec":{"containers":[{"name":"a","volumeMounts":[{"name":"w","mountPath":"/a","readOnly":true}]}]}}"#
        ),
        Case(
            name: "Service ports merge by port", group: "", kind: "Service",
            original: #"{"spec":{"selector":{"app":"a"},"ports":[{"port":80,"targetPort":8080},{"port":443}]}}"#,
            patch: #"{"spec":{"ports":[{"port":80,"targetPort":9090}]}}"#,
            expected: #"{"spec":{"selector":{"app":"a"},"ports":[{"port":80,"targetPort":9090},{"port":443}]}}"#
        ),
        Case(
            name: "conditions merge by type", group: "policy", kind: "PodDisruptionBudget",
            original: #"{"status":{"conditions":[{"type":"DisruptionAllowed","status":"False"}]}}"#,
            patch: #"{"status":{"conditions":[{"type":"DisruptionAllowed","status":"True"}]}}"#,
            expected: #"{"status":{"conditions":[{"type":"DisruptionAllowed","status":"True"}]}}"#
        ),
        Case(
            name: "HPA metrics are replaced", group: "autoscaling", kind: "HorizontalPodAutoscaler",
            original: #"{"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu"}}]}}"#,
            patch: #"{"spec":{"metrics":[{"type":"Resource","resource":{"name":"memory"}}]}}"#,
            expected: #"{"spec":{"metrics":[{"type":"Resource","resource":{"name":"memory"}}]}}"#
        ),
        Case(
            name: "EndpointSlice endpoints are replaced", group: "discovery.k8s.io", kind: "EndpointSlice",
            original: #"{"endpoints":[{"addresses":["10.0.0.1"]}]}"#, patch: #"{"endpoints":[{"addresses":["10.0.0.2"]}]}"#,
            expected: #"{"endpoints":[{"addresses":["10.0.0.2"]}]}"#
        ),
        Case(
            name: "ownerReferences merge by uid", group: "apps", kind: "ReplicaSet",
            original: #"{"metadata":{"ownerReferences":[{"uid":"1","name":"a"}]}}"#,
            patch: #"{"metadata":{"ownerReferences":[{"uid":"2","name":"b"}]}}"#,
            expected: #"{"metadata":{"ownerReferences":[{"uid":"2","name":"b"},{"uid":"1","name":"a"}]}}"#
        ),
        Case(
            name: "unknown kinds replace lists", group: "example.com", kind: "Widget",
            original: #"{"spec":{"items":[{"name":"a"}],"size":1}}"#, patch: #"{"spec":{"items":[{"name":"b"}]}}"#,
            expected: #"{"spec":{"items":[{"name":"b"}],"size":1}}"#
        ),
        Case(
            name: "a new field takes the patch, directives and nulls removed", group: "", kind: "Pod",
            original: #"{"spec":{}}"#,
            patch: #"{"spec":{"containers":[{"name":"a","image":"x","env":[{"name":"E","value":null}]},{"name":"z","$patch":"delete"}]}}"#,
            expected: #"{"spec":{"containers":[{"name":"a","image":"x","env":[{"name":"E"}]}]}}"#
        ),
    ]

    @Test(arguments: cases)
    func merges(_ test: Case) throws {
        let strategy = PatchStrategy.forKind(group: test.group, kind: test.kind)
        let result = try StrategicMergePatch.apply(parse(test.patch), to: parse(test.original), strategy: strategy)
        #expect(result == parse(test.expected), "\(result.jsonText)")
    }

    static let malformed: [(String, String)] = [
        ("not an object", #"[1]"#),
        ("unknown map directive", #"{"spec":{"$patch":"frob"}}"#),
        ("list element without its merge key", #"{"spec":{"containers":[{"image":"x"}]}}"#),
        ("$patch: delete without the merge key", #"{"spec":{"containers":[{"$patch":"delete"}]}}"#),
        ("field outside $retainKeys", #"{"spec":{"$retainKeys":["a"],"b":1}}"#),
        ("unknown directive", #"{"spec":{"$frob":1}}"#),
        ("$deleteFromPrimitiveList not a list", #"{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}"#),
    ]

    @Test(arguments: malformed.indices)
    func refusesMalformedPatches(_ index: Int) {
        let (name, patch) = Self.malformed[index]
        let original = parse(#"{"spec":{"containers":[{"name":"a"}]},"metadata":{}}"#)
        do {
            _ = try StrategicMergePatch.apply(parse(patch), to: original, strategy: .forKind(group: "", kind: "Pod"))
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.code == .badRequest, "\(name)")
        }
    }
}
