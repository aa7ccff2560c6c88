import ServingAPI
import Testing
@testable import Controller

@Suite struct RelatedWatchTests {
    static let models = K8s.ResourceType(group: "example.com", version: "v1", plural: "models", kind: "Model",
        namespaced: true)

    /// A deployment naming `model`, at `generation`, with a status `phase`.
    func deployment(model: String, generation: Int64, phase: String = "") -> JSONValue {
        ["metadata": ["name": "d", "namespace": "ns", "generation": .int(generation)],
         "spec": ["model": .string(model)], "status": ["phase": .string(phase)]]
    }

    func watch(generationChangesOnly: Bool) -> RelatedWatch {
        RelatedWatch(type: Self.models, generationChangesOnly: generationChangesOnly) { object, _ in
            object[path: ["spec", "model"]]?.stringValue.map { [ObjectKey(namespace: object.namespace, name: $0)] } ?? []
        }
    }

    @Test(arguments: [false, true])
    func aMovedReferenceQueuesBothEnds(generationChangesOnly: Bool) {
        let keys = watch(generationChangesOnly: generationChangesOnly).keysToQueue(
            .applied(deployment(model: "b", generation: 2)), previous: deployment(model: "a", generation: 1),
            primary: Store(resourceType: Self.models))
        #expect(keys == [ObjectKey(namespace: "ns", name: "a"), ObjectKey(namespace: "ns", name: "b")])
    }

    @Test func aStatusChangeQueuesNothingWhenOnlyGenerationsCount() {
        let store = Store(resourceType: Self.models)
        let before = deployment(model: "a", generation: 1, phase: "old")
        let after = deployment(model: "a", generation: 1, phase: "new")
        #expect(watch(generationChangesOnly: true).keysToQueue(.applied(after), previous: before, primary: store).isEmpty)
        #expect(watch(generationChangesOnly: false).keysToQueue(.applied(after), previous: before, primary: store)
            == [ObjectKey(namespace: "ns", name: "a")])
        #expect(watch(generationChangesOnly: true).keysToQueue(.applied(after), previous: nil, primary: store)
            == [ObjectKey(namespace: "ns", name: "a")], "a creation always counts")
        #expect(watch(generationChangesOnly: true).keysToQueue(.deleted(after), previous: before, primary: store)
            == [ObjectKey(namespace: "ns", name: "a")], "a deletion always counts")
        #expect(watch(generationChangesOnly: true).keysToQueue(.synced, previous: nil, primary: store).isEmpty)
    }
}
