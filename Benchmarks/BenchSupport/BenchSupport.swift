import Controller
import Foundation
import Logging
import ServingAPI

// What the benchmark executables share: flags, kinds they create, timing and setup helpers.

/// `--name value` pairs; an unknown flag or a missing value stops the run with a message listing `known`.
public func parseFlags(_ arguments: [String], known: [String]) -> [String: String] {
    var values: [String: String] = [:]
    var iterator = arguments.dropFirst().makeIterator()
    while let flag = iterator.next() {
        guard known.contains(flag) else { fatalError("unknown flag \(flag): expected \(known.joined(separator: ", "))") }
        guard let value = iterator.next() else { fatalError("\(flag) needs a value") }
        values[flag] = value
    }
    return values
}

public let customResourceDefinitions = K8s.ResourceType(
    group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions",
    kind: "CustomResourceDefinition", namespaced: false)
public let namespaces = K8s.ResourceType(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false)

public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Creates `object` unless one of that name exists already (the CRDs, on a second run against one server).
public func createUnlessPresent(_ client: KubeClient, _ type: K8s.ResourceType, namespace: String? = nil,
    _ object: JSONValue) async throws
{
    do {
        _ = try await client.create(type, namespace: namespace, object)
    } catch {
        guard error.isAlreadyExists else { throw error }
    }
}

/// Logs at warning and above only, to stderr: the benchmark's one JSON line is its stdout.
public func bootstrapQuietLogging() {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = .warning
        return handler
    }
}
