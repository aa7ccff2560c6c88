import Foundation
import ServingAPI

/// A model already on this machine: `file://` anywhere, `pvc://` and `configmap://` under the volume that
/// Kubernetes mounts at `--source-root`.
struct FileSource: Sendable, Hashable {
    let path: String
    let isDirectory: Bool

    init(_ request: ModelFetchRequest) throws(ModelFetchError) {
        let uri = request.uri
        let path: String
        switch uri.scheme {
        case .file:
            // Without trailing slashes: Foundation copies "dir/" into names glued to the destination's.
            var local = uri.path.removingPercentEncoding ?? uri.path
            while local.count > 1, local.hasSuffix("/") { local.removeLast() }
            path = local
        case .pvc, .configmap:
            guard let root = request.sourceRoot, !root.isEmpty else {
                throw ModelFetchError(
                    .badArguments,
                    "\(uri.scheme.rawValue):// needs --source-root: the directory where Kubernetes mounts the volume")
            }
            let parts = (uri.path.removingPercentEncoding ?? uri.path).split(separator: "/")
            guard !parts.contains("..") else {
                throw ModelFetchError(.badArguments, "\(uri): '..' in the path: expected a path inside the volume")
            }
            path = ([root.hasSuffix("/") ? String(root.dropLast()) : root] + parts.map(String.init)).joined(separator: "/")
        case .http, .https, .s3:
            preconditionFailure("\(uri.scheme) is not a local source")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelFetchError(.notFound, "model not found: \(path) does not exist (from \(uri))")
        }
        self.path = path
        self.isDirectory = isDirectory.boolValue
    }

    /// Copies the file to `staging` in chunks, hashing it on the way.
    func copy(to staging: String) throws(ModelFetchError) -> StagedFile {
        guard let input = FileHandle(forReadingAtPath: path) else {
            throw ModelFetchError(.io, "cannot open \(path) for reading")
        }
        defer { try? input.close() }
        var output = try HashingFile(creating: staging)
        do throws(ModelFetchError) {
            while true {
                try Task.checkCancellation(or: "copying \(path)")
                let data: Data?
                do { data = try input.read(upToCount: 1 << 20) } catch { throw .io("cannot read \(path)", error) }
                guard let data, !data.isEmpty else { break }
                try output.write(data)
            }
        } catch {
            output.abandon()
            throw error
        }
        return try output.finish()
    }

    /// Copies the directory's tree into `staging` (a new directory); returns the bytes of its regular files.
    func copyTree(to staging: String) throws(ModelFetchError) -> Int64 {
        do {
            try FileManager.default.copyItem(atPath: path, toPath: staging)
        } catch {
            throw .io("cannot copy \(path) to \(staging)", error)
        }
        var bytes: Int64 = 0
        let enumerator = FileManager.default.enumerator(atPath: staging)
        while let relative = enumerator?.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: staging + "/" + relative)
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                bytes += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            }
        }
        return bytes
    }
}

extension Task where Success == Never, Failure == Never {
    /// Throws `timeout` when the fetch has been cancelled (its time limit passed) during a long local copy.
    static func checkCancellation(or what: String) throws(ModelFetchError) {
        if Task.isCancelled { throw ModelFetchError(.timeout, "cancelled while \(what)") }
    }
}
