import Foundation
import Testing

@testable import ServingAPI

@Suite struct K8sConditionTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    let t1 = Date(timeIntervalSince1970: 1_700_000_600)

    @Test func newConditionGetsTheTransitionTime() {
        var conditions: [K8s.Condition] = []
        var changed: Bool
        changed = conditions.set(.init(type: "Ready", status: .false, reason: "Fetching"), now: t0)
        #expect(changed)
        #expect(conditions["Ready"]?.lastTransitionTime == K8s.timestamp(t0))
        #expect(conditions.isTrue("Ready") == false)
    }

    @Test func transitionTimeMovesOnlyWhenTheStatusChanges() {
        var conditions: [K8s.Condition] = []
        var changed: Bool
        conditions.set(.init(type: "Ready", status: .false, reason: "Fetching"), now: t0)
        changed = conditions.set(.init(type: "Ready", status: .false, reason: "Verifying", message: "sha256"), now: t1)
        #expect(changed)
        #expect(conditions["Ready"]?.lastTransitionTime == K8s.timestamp(t0))
        #expect(conditions["Ready"]?.reason == "Verifying")
        changed = conditions.set(.init(type: "Ready", status: .true, reason: "Verified", observedGeneration: 2), now: t1)
        #expect(changed)
        #expect(conditions["Ready"]?.lastTransitionTime == K8s.timestamp(t1))
        #expect(conditions["Ready"]?.observedGeneration == 2)
        #expect(conditions.isTrue("Ready"))
        #expect(conditions.count == 1)
    }

    @Test func settingTheSameConditionChangesNothing() {
        var conditions: [K8s.Condition] = []
        var changed: Bool
        conditions.set(.init(type: "Ready", status: .true, reason: "Verified"), now: t0)
        let before = conditions
        changed = conditions.set(.init(type: "Ready", status: .true, reason: "Verified"), now: t1)
        #expect(changed == false)
        #expect(conditions == before)
    }

    @Test func otherTypesAreKeptAndRemoveWorks() {
        var conditions: [K8s.Condition] = []
        var changed: Bool
        conditions.set(.init(type: "Available", status: .true, reason: "MinimumReplicas"), now: t0)
        conditions.set(.init(type: "Progressing", status: .unknown, reason: "Rolling"), now: t0)
        #expect(conditions.map(\.type) == ["Available", "Progressing"])
        changed = conditions.remove(type: "Available")
        #expect(changed)
        changed = conditions.remove(type: "Available")
        #expect(changed == false)
        #expect(conditions.map(\.type) == ["Progressing"])
    }

    @Test func encodesAsMetav1Condition() throws {
        var conditions: [K8s.Condition] = []
        conditions.set(.init(type: "Ready", status: .true, reason: "Verified"), now: t0)
        let json = ModelEndpoint(metadata: .init(name: "e"), status: .init(conditions: conditions)).json
        #expect(
            json[path: ["status", "conditions"]] == [
                [
                    "type": "Ready", "status": "True", "reason": "Verified", "message": "",
                    "lastTransitionTime": "2023-11-14T22:13:20Z",
                ]
            ])
    }
}
