import Foundation
import ServingAPI
import Testing
@testable import Reconcilers

@Suite struct ModelUsageTests {
    static let finalizer = "serving.swiftlet.dev/in-use"

    struct UsageCase: Sendable, CustomStringConvertible {
        var users: [String]
        var deleting: Bool
        var status: K8s.Condition.Status
        var reason: String
        var description: String { "\(users) deleting=\(deleting)" }
    }

    @Test(arguments: [
        UsageCase(users: [], deleting: false, status: .false, reason: "NotUsed"),
        UsageCase(users: [], deleting: true, status: .false, reason: "NotUsed"),
        UsageCase(users: ["mnist-green", "mnist-blue"], deleting: false, status: .true, reason: "UsedByDeployments"),
        UsageCase(users: ["mnist-green"], deleting: true, status: .true, reason: "DeletionHeld"),
    ])
    func inUse(_ row: UsageCase) throws {
        let model = makeModel(deletionTimestamp: row.deleting ? "2023-11-14T22:00:00Z" : nil)
        let usage = ModelUsage(model, users: row.users, now: fixedNow)
        #expect(usage.status.usedBy == row.users.sorted())
        #expect(usage.holdsFinalizer == !row.users.isEmpty)
        let condition = try #require(usage.status.conditions?["InUse"])
        #expect(condition.status == row.status)
        #expect(condition.reason == row.reason)
        #expect(condition.observedGeneration == 1)
        for user in row.users { #expect(condition.message.contains(user)) }
        #expect(usage.status.observedGeneration == 1)
    }

    @Test func usersAreSortedInMessageAndStatus() throws {
        let usage = ModelUsage(makeModel(), users: ["zeta", "alpha", "mid"], now: fixedNow)
        #expect(usage.status.usedBy == ["alpha", "mid", "zeta"])
        #expect(usage.status.conditions?["InUse"]?.message == "used by ModelDeployments: alpha, mid, zeta")
    }

    @Test(arguments: [
        ([], [], false, [String]()),
        (["example.com/keep"], ["a"], true, ["example.com/keep", finalizer]),
        (["example.com/keep", finalizer], [], false, ["example.com/keep"]),
        ([finalizer, "example.com/keep"], ["a"], true, ["example.com/keep", finalizer]),
        ([finalizer], [], false, []),
    ] as [([String], [String], Bool, [String])])
    func finalizers(existing: [String], users: [String], holds: Bool, expected: [String]) {
        let model = makeModel(finalizers: existing)
        let usage = ModelUsage(model, users: users, now: fixedNow)
        #expect(usage.holdsFinalizer == holds)
        let finalizers = usage.finalizers(of: model)
        #expect(finalizers == expected)
        #expect(finalizers.filter { $0 == Self.finalizer }.count == (holds ? 1 : 0))
    }

    @Test(arguments: [
        (makeModel(), K8s.Condition.Status.true, "Verified", "sha256 is checked"),
        (makeModel(sha256: nil), .true, "Verified", "no sha256 given"),
        (makeModel(version: -1), .false, "InvalidSpec", "spec.version"),
        (makeModel(modelName: "Not_A_Label"), .false, "InvalidSpec", "spec.modelName"),
        (makeModel(format: .python), .false, "InvalidSpec", "spec.entryScript"),
    ] as [(Model, K8s.Condition.Status, String, String)])
    func ready(model: Model, status: K8s.Condition.Status, reason: String, message: String) throws {
        let condition = try #require(ModelUsage(model, users: [], now: fixedNow).status.conditions?["Ready"])
        #expect(condition.status == status)
        #expect(condition.reason == reason)
        #expect(condition.message.contains(message), "\(condition.message)")
        #expect(condition.lastTransitionTime == K8s.timestamp(fixedNow))
    }

    @Test func transitionTimeKeptWhileStatusHolds() throws {
        var model = makeModel()
        model.status = ModelUsage(model, users: ["a"], now: fixedNow).status
        let again = ModelUsage(model, users: ["a", "b"], now: laterNow).status
        #expect(again.conditions?["InUse"]?.lastTransitionTime == K8s.timestamp(fixedNow))
        let released = ModelUsage(model, users: [], now: laterNow).status
        #expect(released.conditions?["InUse"]?.lastTransitionTime == K8s.timestamp(laterNow))
        #expect(released.conditions?["Ready"]?.lastTransitionTime == K8s.timestamp(fixedNow))
    }
}
