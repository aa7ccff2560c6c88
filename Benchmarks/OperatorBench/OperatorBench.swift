import BenchSupport
import Controller
import Foundation
import Logging
import ServingAPI

// The operator at scale: creates E endpoints with D ModelDeployments each (and 10 Models they share), plays the
// kubelet for the scorer Deployments the controller makes (a fake kubelet that reports every replica ready at once),
// and measures until every endpoint is Ready with its split applied and every ModelDeployment Available. The
// controller runs as its own process (`swiftlet controller`), started by Benchmarks/operator_bench.py, which also
// reads its memory. Prints one JSON line.

struct Options {
    var kubeconfig: String
    var endpoints: Int
    var perEndpoint: Int
    var creators: Int

    init(_ arguments: [String]) {
        let flags = parseFlags(arguments, known: ["--kubeconfig", "--endpoints", "--per-endpoint", "--creators"])
        guard let kubeconfig = flags["--kubeconfig"] else { fatalError("--kubeconfig is required") }
        self.kubeconfig = kubeconfig
        endpoints = flags["--endpoints"].flatMap { Int($0) } ?? 100
        perEndpoint = flags["--per-endpoint"].flatMap { Int($0) } ?? 10
        creators = flags["--creators"].flatMap { Int($0) } ?? 8
    }
}

let deployments = K8s.ResourceType(group: "apps", version: "v1", plural: "deployments", kind: "Deployment", namespaced: true)

/// The fake kubelet: every scorer Deployment reports all its replicas ready, at once.
struct FakeKubelet: Reconciler {
    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileAction {
        guard let object = context.store.get(key), let generation = object.generation else { return .awaitChange }
        let replicas = object[path: ["spec", "replicas"]]?.intValue ?? 1
        guard object[path: ["status", "observedGeneration"]]?.intValue != generation
            || object[path: ["status", "readyReplicas"]]?.intValue != replicas
        else { return .awaitChange }
        let status: JSONValue = [
            "observedGeneration": .int(generation), "replicas": .int(replicas), "updatedReplicas": .int(replicas),
            "readyReplicas": .int(replicas), "availableReplicas": .int(replicas),
            "conditions": [["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "fake kubelet"]],
        ]
        _ = try await context.client.patch(deployments, namespace: key.namespace, name: key.name,
            .merge(["status": status]), subresource: "status")
        return .awaitChange
    }
}

func isTrue(_ object: JSONValue, _ type: String) -> Bool {
    object[path: ["status", "conditions"]]?.arrayValue?.contains {
        $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True"
    } ?? false
}

func objects(_ options: Options, namespace: String) -> (models: [JSONValue], endpoints: [JSONValue], deployments: [JSONValue]) {
    let models = (1...10).map { version in
        Model(metadata: K8s.ObjectMeta(name: "bench-\(version)", namespace: namespace),
            spec: Model.Spec(modelName: "bench", version: Int64(version), format: .onnx,
                uri: "https://models.example.com/bench/\(version)/model.onnx")).json
    }
    var endpoints: [JSONValue] = []
    var members: [JSONValue] = []
    for endpoint in 0..<options.endpoints {
        let names = (0..<options.perEndpoint).map { "e\(endpoint)-d\($0)" }
        let share = 100 / options.perEndpoint
        var traffic = Dictionary(uniqueKeysWithValues: names.map { ($0, share) })
        traffic[names[0], default: 0] += 100 - share * options.perEndpoint
        endpoints.append(ModelEndpoint(metadata: K8s.ObjectMeta(name: "e\(endpoint)", namespace: namespace),
            spec: ModelEndpoint.Spec(auth: ModelEndpoint.Auth(mode: ModelEndpoint.Auth.Mode.none), traffic: traffic)).json)
        for (index, name) in names.enumerated() {
            members.append(ModelDeployment(metadata: K8s.ObjectMeta(name: name, namespace: namespace),
                spec: ModelDeployment.Spec(endpoint: "e\(endpoint)",
                    model: ModelDeployment.ModelRef(ref: "bench-\((endpoint + index) % 10 + 1)"))).json)
        }
    }
    return (models, endpoints, members)
}

@main
enum OperatorBench {
    static func main() async throws {
        let options = Options(CommandLine.arguments)
        bootstrapQuietLogging()
        let client = try KubeClient(configuration: ClientConfiguration.fromKubeconfig(path: options.kubeconfig))
        for crd in ServingCRDs.all { try await createUnlessPresent(client, customResourceDefinitions, crd.json) }
        let namespace = "bench-\(ProcessInfo.processInfo.processIdentifier)"
        try await createUnlessPresent(client, namespaces, namespace: nil,
            ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
        let kubelet = Controller(
            configuration: ControllerConfiguration(name: "fake-kubelet", primary: deployments, namespace: namespace,
                maximumConcurrentReconciles: 4),
            client: client, reconciler: FakeKubelet())
        let endpointWatcher = Watcher(client: client, resourceType: ModelEndpoint.resourceType, namespace: namespace)
        let deploymentWatcher = Watcher(client: client, resourceType: ModelDeployment.resourceType, namespace: namespace)
        let (models, endpoints, members) = objects(options, namespace: namespace)
        let clock = ContinuousClock()
        let result = try await withThrowingTaskGroup(of: Void.self) { group -> String in
            group.addTask { await kubelet.runUntilCancelled() }
            group.addTask { await endpointWatcher.run() }
            group.addTask { await deploymentWatcher.run() }
            while !(kubelet.hasSynced && endpointWatcher.store.hasSynced && deploymentWatcher.store.hasSynced) {
                try await Task.sleep(for: .milliseconds(5))
            }
            let start = clock.now
            for batch in [models, endpoints, members] {
                try await withThrowingTaskGroup(of: Void.self) { creators in
                    for creator in 0..<options.creators {
                        creators.addTask {
                            for object in stride(from: creator, to: batch.count, by: options.creators).map({ batch[$0] }) {
                                let type = object.kind == "Model" ? Model.resourceType
                                    : object.kind == "ModelEndpoint" ? ModelEndpoint.resourceType : ModelDeployment.resourceType
                                _ = try await client.create(type, namespace: namespace, object)
                            }
                        }
                    }
                    try await creators.waitForAll()
                }
            }
            let created = clock.now - start
            func readyEndpoints() -> Int {
                endpointWatcher.store.list(namespace: namespace).filter {
                    isTrue($0, "Ready") && $0[path: ["status", "traffic"]] == $0[path: ["spec", "traffic"]]
                }.count
            }
            func availableDeployments() -> Int { deploymentWatcher.store.list(namespace: namespace).filter { isTrue($0, "Available") }.count }
            while readyEndpoints() < endpoints.count || availableDeployments() < members.count {
                try await Task.sleep(for: .milliseconds(10))
            }
            let ready = clock.now - start
            group.cancelAll()
            return String(
                format: #"{"endpoints": %d, "deployments": %d, "models": %d, "create_s": %.3f, "ready_s": %.3f, "deployments_ready_per_s": %.1f}"#,
                endpoints.count, members.count, models.count, seconds(created), seconds(ready),
                Double(members.count) / seconds(ready))
        }
        print(result)
        _ = try? await client.delete(namespaces, namespace: nil, name: namespace)
        try await client.shutdown()
    }
}
