import BenchSupport
import Controller
import Foundation
import Logging
import ServiceLifecycle
import ServingAPI

// Creates N custom objects and measures until a trivial controller has reconciled all of them (written each one's
// status.observedGeneration and seen that write come back through its watch). Run by Benchmarks/controller_bench.py
// against `swiftlet apiserver`; prints one JSON line.

struct Options {
    var kubeconfig: String
    var count: Int
    var creators: Int
    var workers: Int

    init(_ arguments: [String]) {
        let flags = parseFlags(arguments, known: ["--kubeconfig", "--count", "--creators", "--workers"])
        guard let kubeconfig = flags["--kubeconfig"] else { fatalError("--kubeconfig is required") }
        self.kubeconfig = kubeconfig
        count = flags["--count"].flatMap { Int($0) } ?? 1000
        creators = flags["--creators"].flatMap { Int($0) } ?? 8
        workers = flags["--workers"].flatMap { Int($0) } ?? 4
    }
}

let widgets = K8s.ResourceType(
    group: "bench.swiftlet.dev", version: "v1", plural: "widgets", kind: "Widget", namespaced: true)

let widgetCRD: JSONValue = [
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": ["name": "widgets.bench.swiftlet.dev"],
    "spec": [
        "group": "bench.swiftlet.dev", "scope": "Namespaced",
        "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
        "versions": [[
            "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
            "schema": ["openAPIV3Schema": [
                "type": "object",
                "properties": [
                    "spec": ["type": "object", "properties": ["size": ["type": "integer", "minimum": 0]]],
                    "status": ["type": "object", "properties": ["observedGeneration": ["type": "integer"]]],
                ],
            ]],
        ]],
    ],
]

/// The trivial reconciler: records the generation it saw in status.
struct ObservedGenerationWriter: Reconciler {
    func reconcile(_ key: ObjectKey, context: ReconcileContext) async throws -> ReconcileAction {
        guard let object = context.store.get(key), let generation = object.generation,
            object[path: ["status", "observedGeneration"]]?.intValue != generation
        else { return .awaitChange }
        _ = try await context.client.patch(
            widgets, namespace: key.namespace, name: key.name,
            .merge(["status": ["observedGeneration": .int(generation)]]), subresource: "status")
        return .awaitChange
    }
}

func residentMiB(_ field: String) -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

func reconciledCount(_ store: Store, namespace: String) -> Int {
    store.list(namespace: namespace).filter {
        $0.generation != nil && $0[path: ["status", "observedGeneration"]]?.intValue == $0.generation
    }.count
}

@main
enum ControllerBench {
    static func main() async throws {
        let options = Options(CommandLine.arguments)
        bootstrapQuietLogging()
        let client = try KubeClient(configuration: ClientConfiguration.fromKubeconfig(path: options.kubeconfig))
        try await createUnlessPresent(client, customResourceDefinitions, widgetCRD)
        let namespace = "bench-\(ProcessInfo.processInfo.processIdentifier)"
        _ = try await client.create(namespaces, namespace: nil, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])

        let controller = Controller(
            configuration: ControllerConfiguration(
                name: "bench", primary: widgets, namespace: namespace, maximumConcurrentReconciles: options.workers),
            client: client, reconciler: ObservedGenerationWriter())
        let clock = ContinuousClock()
        let result = try await withThrowingTaskGroup(of: Void.self) { group -> String in
            group.addTask { await controller.runUntilCancelled() }
            while !controller.hasSynced { try await Task.sleep(for: .milliseconds(5)) }
            let rssBefore = residentMiB("VmRSS")
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { creators in
                for creator in 0..<options.creators {
                    creators.addTask {
                        for index in stride(from: creator, to: options.count, by: options.creators) {
                            let widget: JSONValue = [
                                "apiVersion": "bench.swiftlet.dev/v1", "kind": "Widget",
                                "metadata": ["name": .string("w-\(index)"), "namespace": .string(namespace)],
                                "spec": ["size": .int(Int64(index))],
                            ]
                            _ = try await client.create(widgets, namespace: namespace, widget)
                        }
                    }
                }
                try await creators.waitForAll()
            }
            let created = clock.now - start
            while reconciledCount(controller.store, namespace: namespace) < options.count {
                try await Task.sleep(for: .milliseconds(2))
            }
            let reconciled = clock.now - start
            group.cancelAll()
            return String(
                format: #"{"count": %d, "creators": %d, "workers": %d, "create_s": %.3f, "creates_per_s": %.1f, "reconciled_s": %.3f, "reconciled_per_s": %.1f, "controller_rss_mib_before": %.1f, "controller_rss_mib": %.1f, "controller_peak_rss_mib": %.1f}"#,
                options.count, options.creators, options.workers, seconds(created), Double(options.count) / seconds(created),
                seconds(reconciled), Double(options.count) / seconds(reconciled), rssBefore, residentMiB("VmRSS"),
                residentMiB("VmHWM"))
        }
        print(result)
        _ = try? await client.delete(namespaces, namespace: nil, name: namespace)
        try await client.shutdown()
    }
}
