import Foundation

/// The destination directory: staging names inside it, and moves into place once verified.
struct Destination: Sendable, Hashable {
    static let partialPrefix = ".partial-"

    let path: String

    /// Creates the directory and deletes partial files a previous attempt left: nothing is ever resumed.
    func prepare() throws(ModelFetchError) {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
            for name in try files.contentsOfDirectory(atPath: path) where name.hasPrefix(Self.partialPrefix) {
                try files.removeItem(atPath: path + "/" + name)
            }
        } catch {
            throw .io("cannot prepare destination directory \(path)", error)
        }
    }

    func stagingPath(_ id: String) -> String { path + "/" + Self.partialPrefix + id }

    /// Moves `source` to `target`, replacing what is there.
    func move(_ source: String, to target: String) throws(ModelFetchError) {
        do {
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: source, toPath: target)
        } catch {
            throw .io("cannot move \(source) to \(target)", error)
        }
    }

    /// Moves every entry of the staging directory into the destination, then removes the staging directory.
    func moveContents(of staging: String) throws(ModelFetchError) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: staging) } catch {
            throw .io("cannot list \(staging)", error)
        }
        for name in names { try move(staging + "/" + name, to: path + "/" + name) }
        remove(staging)
    }

    /// Removes a staging file or directory; one that cannot be removed is deleted by the next attempt's `prepare`.
    func remove(_ staging: String) {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
