import Foundation

/// The logs of a deployment's replicas under `swiftlet up` (`swiftlet logs`): one file per replica, which its fetch
/// step, its scorer and the runtime's own notes (starts, exits, backoffs) are appended to.
public struct ReplicaLogs: Sendable {
    let directory: String
    let deployment: String
    let namespace: String

    public init(dataDirectory: String, namespace: String, deployment: String) {
        directory = ReplicaFiles.logDirectory(dataDirectory: dataDirectory, namespace: namespace, deployment: deployment)
        self.deployment = deployment
        self.namespace = namespace
    }

    /// The current replicas' log files, oldest first.
    func files() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".log") }.map { directory + "/" + $0 }.sorted { modified($0) < modified($1) }
    }

    private func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// Writes every replica's log, each under a `==> pod <==` line; with `follow`, then what they append, until
    /// cancelled (new replicas are picked up as they start).
    public func print(follow: Bool, to write: @Sendable (Data) -> Void) async throws {
        var offsets: [String: UInt64] = [:]
        var last: String?
        guard !files().isEmpty || follow else {
            throw RuntimeError("no logs for deployment \(deployment) in namespace \(namespace) (looked in \(directory)): "
                + "is swiftlet up running with this data directory, and does the deployment have replicas?")
        }
        repeat {
            for file in files() {
                guard let handle = FileHandle(forReadingAtPath: file) else { continue }
                defer { try? handle.close() }
                try handle.seek(toOffset: offsets[file] ?? 0)
                let data = try handle.readToEnd() ?? Data()
                guard !data.isEmpty else { continue }
                if last != file {
                    let pod = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                    write(Data("==> \(pod) <==\n".utf8))
                    last = file
                }
                write(data)
                offsets[file] = (offsets[file] ?? 0) + UInt64(data.count)
            }
            if follow { try await Task.sleep(for: .milliseconds(300)) }
        } while follow
    }
}
