import Controller
import Foundation
import ServingAPI

/// Where a replica lives on disk, and the files it needs: its volumes (Secrets and ConfigMaps written out as files)
/// and its log, which every process of the replica appends to.
struct ReplicaFiles: Sendable {
    /// `<data-dir>/pods/<namespace>/<pod>`: the replica's volumes, removed when it stops.
    let directory: String
    /// `<data-dir>/logs/<namespace>/<deployment>/<pod>.log`.
    let logPath: String

    init(dataDirectory: String, namespace: String, deployment: String, pod: String) {
        directory = "\(dataDirectory)/pods/\(namespace)/\(pod)"
        logPath = Self.logDirectory(dataDirectory: dataDirectory, namespace: namespace, deployment: deployment)
            + "/\(pod).log"
    }

    static func logDirectory(dataDirectory: String, namespace: String, deployment: String) -> String {
        "\(dataDirectory)/logs/\(namespace)/\(deployment)"
    }

    /// Opens the log for appending (children write to it through the same descriptor).
    func openLog() throws -> FileHandle {
        try FileManager.default.createDirectory(
            atPath: (logPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RuntimeError("cannot open \(logPath): \(String(cString: strerror(errno)))") }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    var logSize: UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: logPath))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// The last lines the log got after `offset`: a failed container's termination message.
    func logTail(after offset: UInt64, maximumBytes: UInt64 = 1024) -> String {
        guard let handle = FileHandle(forReadingAtPath: logPath) else { return "" }
        defer { try? handle.close() }
        let size = logSize
        let start = max(offset, size > maximumBytes ? size - maximumBytes : 0)
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        return lines.suffix(3).joined(separator: "\n")
    }

    /// Makes every volume's directory, with the Secret's or ConfigMap's keys as files.
    func materialize(_ volumes: [LocalPodPlan.Volume], namespace: String, client: KubeClient) async throws {
        let files = FileManager.default
        for volume in volumes {
            switch volume {
            case .emptyDir(let path):
                try files.createDirectory(atPath: path, withIntermediateDirectories: true)
            case .secret(let name, let path, let optional):
                let contents = try await Self.keys(of: Self.secretType, name, namespace: namespace, optional: optional,
                    client: client) { object in
                    (object["data"]?.objectValue ?? [:]).compactMapValues { $0.stringValue.flatMap { Data(base64Encoded: $0) } }
                }
                try Self.write(contents, into: path)
            case .configMap(let name, let path, let optional):
                let contents = try await Self.keys(of: Self.configMapType, name, namespace: namespace,
                    optional: optional, client: client) { object in
                    (object["data"]?.objectValue ?? [:]).compactMapValues { $0.stringValue.map { Data($0.utf8) } }
                        .merging((object["binaryData"]?.objectValue ?? [:])
                            .compactMapValues { $0.stringValue.flatMap { Data(base64Encoded: $0) } }) { $1 }
                }
                try Self.write(contents, into: path)
            }
        }
    }

    func removeDirectory() { try? FileManager.default.removeItem(atPath: directory) }

    static let secretType = K8s.ResourceType(group: "", version: "v1", plural: "secrets", kind: "Secret", namespaced: true)
    static let configMapType = K8s.ResourceType(
        group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", namespaced: true)

    private static func keys(
        of type: K8s.ResourceType, _ name: String, namespace: String, optional: Bool, client: KubeClient,
        _ extract: (JSONValue) -> [String: Data]
    ) async throws -> [String: Data] {
        let object: JSONValue
        do throws(KubeError) {
            object = try await client.get(type, namespace: namespace, name: name)
        } catch {
            guard error.isNotFound else { throw error }
            guard optional else {
                throw RuntimeError("\(type.kind) \"\(name)\" not found in namespace \(namespace): the pod mounts it")
            }
            return [:]
        }
        return extract(object)
    }

    private static func write(_ contents: [String: Data], into path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (key, data) in contents where !key.contains("/") && key != ".." && key != "." {
            let file = path + "/" + key
            try data.write(to: URL(fileURLWithPath: file))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }
}

/// A failure of the local runtime, with the message a user sees in a pod's status or the log.
struct RuntimeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
