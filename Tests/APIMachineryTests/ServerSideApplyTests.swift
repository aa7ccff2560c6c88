import ServingAPI
import Testing

@testable import APIMachinery

private func parse(_ text: String) -> JSONValue { try! JSONValue(parsing: text) }

private let deploymentStrategy = PatchStrategy.forKind(group: "apps", kind: "Deployment")
private let configMapStrategy = PatchStrategy.forKind(group: "", kind: "ConfigMap")
private let t0 = "2026-01-01T00:00:00Z"
private let t1 = "2026-01-01T00:01:00Z"
private let t2 = "2026-01-01T00:02:00Z"

private func deployment(replicas: Int = 2, image: String = "nginx:1.25") -> JSONValue {
    parse(
        #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"#
            + #""spec":{"replicas":\#(replicas),"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"#
            + #""spec":{"containers":[{"name":"nginx","image":"\#(image)","ports":[{"containerPort":80}]}]}}}}"#)
}

private func configMap(_ data: String) -> JSONValue {
    parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default"},"data":\#(data)}"#)
}

private func managedFields(_ object: JSONValue) -> [JSONValue] {
    object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
}

private func entry(_ object: JSONValue, _ manager: String) -> JSONValue? {
    managedFields(object).first { $0["manager"]?.stringValue == manager }
}

private func fieldsV1(_ object: JSONValue, _ manager: String) -> String? {
    entry(object, manager)?["fieldsV1"]?.jsonText
}

private func withoutManagedFields(_ object: JSONValue) -> JSONValue {
    var copy = object
    copy[path: ["metadata", "managedFields"]] = nil
    return copy
}

private func apply(
    _ config: JSONValue, to live: JSONValue?, as manager: String, force: Bool = false,
    strategy: PatchStrategy = deploymentStrategy, at now: String = t0
) throws(MachineryError) -> JSONValue {
    try ServerSideApply.apply(config: config, to: live, manager: manager, force: force, strategy: strategy, now: now)
}

private func conflict(_ body: () throws(MachineryError) -> JSONValue) -> MachineryError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

struct ServerSideApplyTests {
    static let webFieldsV1 =
        #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"#
        + #""f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"#
        + #""k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}"#

    @Test func createRecordsTheApplierAndItsFields() throws {
        let created = try apply(deployment(), to: nil, as: "kubectl")
        #expect(withoutManagedFields(created) == deployment())
        #expect(managedFields(created).count == 1)
        let kubectl = try #require(entry(created, "kubectl"))
        #expect(kubectl["operation"] == "Apply")
        #expect(kubectl["apiVersion"] == "apps/v1")
        #expect(kubectl["time"] == .string(t0))
        #expect(kubectl["fieldsType"] == "FieldsV1")
        #expect(kubectl["subresource"] == nil)
        #expect(fieldsV1(created, "kubectl") == Self.webFieldsV1)
    }

    @Test func reapplyingTheSameConfigChangesNothing() throws {
        let created = try apply(deployment(), to: nil, as: "kubectl")
        let again = try apply(deployment(), to: created, as: "kubectl", at: t1)
        #expect(again == created)
    }

    @Test func aChangedFieldOwnedByAnUpdaterConflicts() throws {
        let live = ServerSideApply.recordUpdate(
            from: nil, to: deployment(), manager: "kubectl-client-side-apply", subresource: nil, now: t0)
        let error = conflict { () throws(MachineryError) in try apply(deployment(replicas: 3), to: live, as: "kubectl") }
        #expect(error?.code == .conflict)
        #expect(error?.message == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas"#)
        #expect(
            error?.causes == [
                K8s.Status.Cause(
                    reason: "FieldManagerConflict", message: #"conflict with "kubectl-client-side-apply" using apps/v1"#,
                    field: ".spec.replicas")
            ])
    }

    @Test func severalConflictsAreListedByManager() throws {
        let live = ServerSideApply.recordUpdate(
            from: nil, to: deployment(), manager: "kubectl-client-side-apply", subresource: nil, now: t0)
        let error = conflict { () throws(MachineryError) in
            try apply(deployment(replicas: 3, image: "nginx:1.27"), to: live, as: "kubectl")
        }
        #expect(
            error?.message == """
                Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:
                - .spec.replicas
                - .spec.template.spec.containers[name="nginx"].image
                """)
        #expect(error?.causes.map(\.field) == [".spec.replicas", #".spec.template.spec.containers[name="nginx"].image"#])
    }

    @Test func forceTakesOwnership() throws {
        let live = ServerSideApply.recordUpdate(
            from: nil, to: deployment(), manager: "kubectl-client-side-apply", subresource: nil, now: t0)
        let forced = try apply(deployment(replicas: 3), to: live, as: "kubectl", force: true, at: t1)
        #expect(forced[path: ["spec", "replicas"]] == 3)
        let updater = try #require(fieldsV1(forced, "kubectl-client-side-apply"))
        #expect(!updater.contains("f:replicas"))
        #expect(updater.contains("f:image"))
        #expect(fieldsV1(forced, "kubectl") == Self.webFieldsV1)
        #expect(managedFields(forced).map { $0["operation"] } == ["Apply", "Update"])
    }

    @Test func theSameValueFromTwoAppliersIsShared() throws {
        let byA = try apply(deployment(), to: nil, as: "a")
        let config = parse(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}}"#)
        let byB = try apply(config, to: byA, as: "b", at: t1)
        #expect(fieldsV1(byB, "a") == Self.webFieldsV1)
        #expect(fieldsV1(byB, "b") == #"{"f:spec":{"f:replicas":{}}}"#)
        let changed = parse(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":5}}"#)
        let error = conflict { () throws(MachineryError) in try apply(changed, to: byB, as: "b", at: t2) }
        #expect(error?.message == #"Apply failed with 1 conflict: conflict with "a": .spec.replicas"#)
    }

    @Test func anUpdaterTakesFieldsFromTheApplier() throws {
        let applied = try apply(deployment(), to: nil, as: "kubectl")
        var scaled = applied
        scaled[path: ["spec", "replicas"]] = 4
        let afterScale = ServerSideApply.recordUpdate(from: applied, to: scaled, manager: "hpa", subresource: nil, now: t1)
        #expect(fieldsV1(afterScale, "hpa") == #"{"f:spec":{"f:replicas":{}}}"#)
        #expect(fieldsV1(afterScale, "kubectl")?.contains("f:replicas") == false)
        let error = conflict { () throws(MachineryError) in try apply(deployment(), to: afterScale, as: "kubectl", at: t2) }
        #expect(error?.message == #"Apply failed with 1 conflict: conflict with "hpa" using apps/v1: .spec.replicas"#)
    }

    @Test func droppedFieldsAreRemovedUnlessSomeoneElseOwnsThem() throws {
        let both = try apply(configMap(#"{"x":"1","y":"2"}"#), to: nil, as: "a", strategy: configMapStrategy)
        let onlyX = try apply(configMap(#"{"x":"1"}"#), to: both, as: "a", strategy: configMapStrategy, at: t1)
        #expect(onlyX["data"] == parse(#"{"x":"1"}"#))
        #expect(fieldsV1(onlyX, "a") == #"{"f:data":{"f:x":{}}}"#)

        let sharedY = try apply(configMap(#"{"y":"2"}"#), to: both, as: "b", strategy: configMapStrategy, at: t1)
        let keptY = try apply(configMap(#"{"x":"1"}"#), to: sharedY, as: "a", strategy: configMapStrategy, at: t2)
        #expect(keptY["data"] == parse(#"{"x":"1","y":"2"}"#))
        #expect(fieldsV1(keptY, "b") == #"{"f:data":{"f:y":{}}}"#)
    }

    @Test func keyedListElementsBelongToWhoeverAppliedThem() throws {
        let byA = try apply(deployment(), to: nil, as: "a")
        let sidecar = parse(
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"#
                + #""spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}"#)
        let byB = try apply(sidecar, to: byA, as: "b", at: t1)
        let names = byB[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.map { $0["name"] }
        #expect(names == ["nginx", "sidecar"])
        #expect(
            fieldsV1(byB, "b")
                == #"{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"sidecar\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#)

        let reapplied = try apply(deployment(), to: byB, as: "a", at: t2)
        #expect(reapplied[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.count == 2)

        let withoutSidecar = try apply(
            parse(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"}}"#), to: byB, as: "b", at: t2)
        #expect(withoutSidecar[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.map { $0["name"] } == ["nginx"])
        #expect(entry(withoutSidecar, "b") == nil)
    }

    @Test func refusesConfigsThatDoNotMatchTheObject() throws {
        let live = try apply(deployment(), to: nil, as: "kubectl")
        var wrongKind = deployment()
        wrongKind["kind"] = "StatefulSet"
        var wrongVersion = deployment()
        wrongVersion["apiVersion"] = "apps/v1beta2"
        var noKind = deployment()
        noKind["kind"] = nil
        var withManagedFields = deployment()
        withManagedFields[path: ["metadata", "managedFields"]] = [["manager": "x"]]
        for config in [wrongKind, wrongVersion, noKind, withManagedFields] {
            let error = conflict { () throws(MachineryError) in try apply(config, to: live, as: "kubectl") }
            #expect(error?.code == .badRequest)
        }
    }

    @Test func listElementsMustCarryTheirKeys() throws {
        let duplicate = parse(
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"#
                + #""spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"a","image":"x"}]}}}}"#)
        let error = conflict { () throws(MachineryError) in try apply(duplicate, to: nil, as: "kubectl") }
        #expect(error?.code == .invalid)
        #expect(error?.message == #".spec.template.spec.containers: duplicate entries for key [name="a"]"#)
        let keyless = parse(
            #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"#
                + #""spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#)
        let missing = conflict { () throws(MachineryError) in try apply(keyless, to: nil, as: "kubectl") }
        #expect(missing?.code == .invalid)
        #expect(missing?.causes.first?.field == ".spec.template.spec.containers")
    }

    @Test func resetFieldsAreNeitherAppliedNorOwned() throws {
        var config = deployment()
        config["status"] = ["replicas": 9]
        let created = try ServerSideApply.apply(
            config: config, to: nil, manager: "kubectl", force: false, strategy: deploymentStrategy, now: t0,
            subresource: nil, resetFields: ["status"])
        #expect(created["status"] == nil)
        #expect(fieldsV1(created, "kubectl") == Self.webFieldsV1)

        let status = parse(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":7},"status":{"readyReplicas":2}}"#)
        let withStatus = try ServerSideApply.apply(
            config: status, to: created, manager: "controller", force: false, strategy: deploymentStrategy, now: t1,
            subresource: "status", resetFields: ["spec"])
        #expect(withStatus[path: ["spec", "replicas"]] == 2)
        #expect(withStatus[path: ["status", "readyReplicas"]] == 2)
        let controller = try #require(entry(withStatus, "controller"))
        #expect(controller["subresource"] == "status")
        #expect(controller["fieldsV1"]?.jsonText == #"{"f:status":{"f:readyReplicas":{}}}"#)
    }

    @Test func setsAreOwnedValueByValue() throws {
        let config = parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["a.io/x"]}}"#)
        let live = parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["b.io/y"]}}"#)
        let result = try apply(config, to: live, as: "kubectl", strategy: configMapStrategy)
        #expect(result[path: ["metadata", "finalizers"]] == ["b.io/y", "a.io/x"])
        #expect(fieldsV1(result, "kubectl") == #"{"f:metadata":{"f:finalizers":{"v:\"a.io/x\"":{}}}}"#)
    }

    @Test func atomicElementsAreOwnedWhole() throws {
        let config = parse(
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","ownerReferences":[{"uid":"u1","kind":"ReplicaSet","name":"rs","apiVersion":"apps/v1"}]},"#
                + #""spec":{"imagePullSecrets":[{"name":"regcred"}],"containers":[{"name":"c","image":"i"}]}}"#)
        let created = try apply(config, to: nil, as: "kubectl", strategy: .forKind(group: "", kind: "Pod"))
        #expect(
            fieldsV1(created, "kubectl")
                == #"{"f:metadata":{"f:ownerReferences":{"k:{\"uid\":\"u1\"}":{}}},"#
                + #""f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{}}},"f:imagePullSecrets":{"k:{\"name\":\"regcred\"}":{}}}}"#)
    }
}
