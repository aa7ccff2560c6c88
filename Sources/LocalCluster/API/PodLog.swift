import Foundation
import ServingAPI

/// `GET pods/{name}/log`, as `kubectl logs` asks for it: the pod's log file, where the runtime that runs the pod
/// writes it (under `swiftlet up`, the local runtime; a real cluster's API server asks the node's kubelet instead).
/// Query: `tailLines`, `limitBytes`, `follow` (streams what is appended until the pod's log goes or the client
/// leaves). The file holds every container of the pod and every restart, in order, so `container` selects nothing
/// and `previous` is refused.
struct PodLog: Sendable {
    let store: ObjectStore
    let info: ResourceInfo
    let request: ResourceRequest
    let query: [String: String]
    let path: (@Sendable (JSONValue) -> String?)?

    static let pollInterval: Duration = .milliseconds(250)

    func respond() async throws(APIServerError) -> APIResponse {
        guard request.verb == .get else { throw .methodNotAllowed("pods/log is read-only: only GET") }
        guard let name = request.name else { throw .methodNotAllowed("a pod name is needed") }
        let key = ObjectKey(storageKey: info.storageKey, namespace: request.namespace ?? "", name: name)
        guard let pod = await store.state.object(key) else { throw .notFound(info.type, name: name) }
        guard let file = path?(pod), FileManager.default.fileExists(atPath: file) else {
            throw .badRequest("pod \"\(name)\" has no log on this server: its processes have not started, or no "
                + "runtime here runs it")
        }
        if QueryOptions.flag(query["previous"]) {
            throw .badRequest("previous=true: this log holds every start of the pod's containers in order; read it "
                + "without previous")
        }
        let tailLines = try Self.count("tailLines", query)
        let limitBytes = try Self.count("limitBytes", query)
        let existing = Self.select(Self.read(file, from: 0), tailLines: tailLines, limitBytes: limitBytes)
        guard QueryOptions.flag(query["follow"]) else {
            return .body(status: 200, contentType: "text/plain", bytes: existing)
        }
        let start = Self.size(file)
        return .stream(contentType: "text/plain") { write in
            if !existing.isEmpty { try await write(existing) }
            var offset = start
            while FileManager.default.fileExists(atPath: file) {
                try await Task.sleep(for: Self.pollInterval)
                let appended = Self.read(file, from: offset)
                guard !appended.isEmpty else { continue }
                offset += UInt64(appended.count)
                try await write(appended)
            }
        }
    }

    static func count(_ name: String, _ query: [String: String]) throws(APIServerError) -> Int? {
        guard let text = query[name], !text.isEmpty else { return nil }
        guard let value = Int(text), value >= 0 else { throw .badRequest("invalid \(name): \(text): expected a count") }
        return value
    }

    /// The last `tailLines` lines, then at most `limitBytes` bytes from their start.
    static func select(_ bytes: [UInt8], tailLines: Int?, limitBytes: Int?) -> [UInt8] {
        var result = bytes[...]
        if let tailLines {
            var newlines = 0
            var index = result.endIndex
            // A final newline ends the last line; it does not start another.
            if index > result.startIndex, result[index - 1] == UInt8(ascii: "\n") { index -= 1 }
            while index > result.startIndex {
                if result[index - 1] == UInt8(ascii: "\n") {
                    newlines += 1
                    if newlines == tailLines { break }
                }
                index -= 1
            }
            result = tailLines == 0 ? [] : result[index...]
        }
        if let limitBytes { result = result.prefix(limitBytes) }
        return Array(result)
    }

    private static func size(_ file: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    private static func read(_ file: String, from offset: UInt64) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: file) else { return [] }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        return Array((try? handle.readToEnd()) ?? Data())
    }
}
