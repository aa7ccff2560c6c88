import ServingAPI
import Testing

@testable import APIMachinery

private func parse(_ text: String) -> JSONValue { try! JSONValue(parsing: text) }

private func configMap(_ rest: String) -> JSONValue {
    parse(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"default","uid":"u1","resourceVersion":"7"\#(rest)}"#)
}

private func fieldsV1(_ object: JSONValue, _ manager: String) -> String? {
    object[path: ["metadata", "managedFields"]]?.arrayValue?.first { $0["manager"]?.stringValue == manager }?["fieldsV1"]?
        .jsonText
}

struct ManagedFieldsTests {
    @Test func createOwnsWhatItSetMapsIncluded() {
        let created = ServerSideApply.recordUpdate(
            from: nil, to: configMap(#","labels":{"a":"1"}},"data":{"k":"v"}"#), manager: "kubectl-create",
            subresource: nil, now: "2026-01-01T00:00:00Z")
        #expect(
            created[path: ["metadata", "managedFields"]]
                == parse(
                    #"[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2026-01-01T00:00:00Z","#
                        + #""fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:k":{}},"f:metadata":{"f:labels":{".":{},"f:a":{}}}}}]"#))
    }

    @Test func changedFieldsMoveToTheWriterAndRemovedOnesLeaveTheOwner() {
        let created = ServerSideApply.recordUpdate(
            from: nil, to: configMap(#","labels":{"a":"1"}},"data":{"k":"v"}"#), manager: "creator", subresource: nil,
            now: "2026-01-01T00:00:00Z")
        var edited = created
        edited[path: ["data", "k"]] = "w"
        edited[path: ["data", "j"]] = "x"
        edited[path: ["metadata", "labels", "a"]] = nil
        let afterEdit = ServerSideApply.recordUpdate(
            from: created, to: edited, manager: "editor", subresource: nil, now: "2026-01-01T00:01:00Z")
        // The maps the creator added stay its own (`{}`: a member with nothing under it), their old contents do not.
        #expect(fieldsV1(afterEdit, "creator") == #"{"f:data":{},"f:metadata":{"f:labels":{}}}"#)
        #expect(fieldsV1(afterEdit, "editor") == #"{"f:data":{"f:j":{},"f:k":{}}}"#)

        var emptied = afterEdit
        emptied["data"] = nil
        emptied[path: ["metadata", "labels"]] = nil
        let afterEmpty = ServerSideApply.recordUpdate(
            from: afterEdit, to: emptied, manager: "editor", subresource: nil, now: "2026-01-01T00:02:00Z")
        #expect(afterEmpty[path: ["metadata", "managedFields"]] == nil)
    }

    @Test func anUnchangedWriteKeepsTheTime() {
        let created = ServerSideApply.recordUpdate(
            from: nil, to: configMap(#"},"data":{"k":"v"}"#), manager: "m", subresource: nil, now: "2026-01-01T00:00:00Z")
        let again = ServerSideApply.recordUpdate(
            from: created, to: created, manager: "m", subresource: nil, now: "2026-01-01T00:05:00Z")
        #expect(again == created)
        let other = ServerSideApply.recordUpdate(
            from: created, to: created, manager: "other", subresource: nil, now: "2026-01-01T00:05:00Z")
        #expect(other == created)
    }

    @Test func statusWritesAreRecordedWithTheirSubresource() {
        let pod = parse(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},"status":{}}"#)
        let created = ServerSideApply.recordUpdate(from: nil, to: pod, manager: "kubectl", subresource: nil, now: "2026-01-01T00:00:00Z")
        var running = created
        running["status"] = parse(#"{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}"#)
        let updated = ServerSideApply.recordUpdate(
            from: created, to: running, manager: "kubelet", subresource: "status", now: "2026-01-01T00:01:00Z")
        let kubelet = updated[path: ["metadata", "managedFields"]]?.arrayValue?.first { $0["manager"] == "kubelet" }
        #expect(kubelet?["subresource"] == "status")
        #expect(
            kubelet?["fieldsV1"]?.jsonText
                == #"{"f:status":{"f:conditions":{".":{},"k:{\"type\":\"Ready\"}":{".":{},"f:status":{},"f:type":{}}},"f:phase":{}}}"#)
        #expect(
            fieldsV1(updated, "kubectl") == #"{"f:spec":{"f:containers":{".":{},"k:{\"name\":\"c\"}":{".":{},"f:name":{}}}}}"#)
    }

    @Test func clientsMayResetManagedFields() {
        let created = ServerSideApply.recordUpdate(
            from: nil, to: configMap(#"},"data":{"k":"v"}"#), manager: "m", subresource: nil, now: "2026-01-01T00:00:00Z")
        var reset = created
        reset[path: ["metadata", "managedFields"]] = [[:]]
        let afterReset = ServerSideApply.recordUpdate(
            from: created, to: reset, manager: "m", subresource: nil, now: "2026-01-01T00:01:00Z")
        #expect(afterReset[path: ["metadata", "managedFields"]] == nil)
    }

    @Test func fieldsV1RoundTrips() throws {
        let text =
            #"{"f:metadata":{"f:finalizers":{".":{},"v:\"a\"":{}},"f:labels":{".":{},"f:app":{}}},"#
            + #""f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}}}}"#
        let set = try #require(ManagedFieldSet(fieldsV1: parse(text)))
        #expect(set.fieldsV1.jsonText == text)
        #expect(set.paths.map(\.display).contains(#".spec.ports[port=80,protocol="TCP"]"#))
        #expect(set.paths.map(\.display).contains(#".metadata.finalizers[="a"]"#))
        #expect(ManagedFieldSet(fieldsV1: parse(#"{"x:bad":{}}"#)) == nil)
    }
}
