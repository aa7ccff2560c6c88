import Foundation

/// Extracts a tar archive into a directory, reading it block by block (never the whole archive in memory).
/// Only regular files and directories are written; absolute paths, `..` components, links and device entries are
/// refused, so nothing can land outside the destination.
struct TarExtractor {
    /// The largest pax or GNU long-name record read into memory.
    static let maxMetadataBytes: Int64 = 1 << 20
    static let chunkSize = 1 << 20

    let archive: String
    let destination: String

    /// Returns the number of regular files written.
    @discardableResult
    func extract() throws(ModelFetchError) -> Int {
        let input = try BlockReader(path: archive)
        defer { try? input.handle.close() }
        var pendingPath: String?
        var pendingSize: Int64?
        var files = 0
        var entries = 0
        while let block = try input.read(TarHeader.blockSize, what: "a header") {
            guard var header = try TarHeader.parse(block) else { break }
            switch header.kind {
            case .paxExtended:
                let attributes = try TarHeader.paxAttributes(try input.readMetadata(size: header.size))
                pendingPath = attributes.path ?? pendingPath
                pendingSize = attributes.size ?? pendingSize
                continue
            case .paxGlobal:
                _ = try input.readMetadata(size: header.size)
                continue
            case .gnuLongName:
                pendingPath = TarHeader.string(ArraySlice(try input.readMetadata(size: header.size)))
                continue
            default:
                break
            }
            let name = pendingPath ?? header.name
            if let size = pendingSize { header.size = size }
            pendingPath = nil
            pendingSize = nil
            entries += 1
            if try write(header, name: name, from: input) { files += 1 }
        }
        guard entries > 0 else {
            throw ModelFetchError(.invalidArchive, "\(archive) holds no entries: expected a tar archive of the model's files")
        }
        return files
    }

    /// Writes one entry; true when it was a regular file.
    private func write(_ header: TarHeader, name: String, from input: BlockReader) throws(ModelFetchError) -> Bool {
        switch header.kind {
        case .directory:
            guard let target = try target(name) else { return false }
            try create(directory: target)
            return false
        case .file:
            guard let target = try target(name) else {
                throw ModelFetchError(.invalidArchive, "tar entry \"\(name)\" has no file name")
            }
            try create(directory: (target as NSString).deletingLastPathComponent)
            try input.copy(size: header.size, to: target)
            return true
        case .symbolicLink, .hardLink:
            let kind = header.kind == .symbolicLink ? "a symbolic link" : "a hard link"
            throw ModelFetchError(
                .invalidArchive, "tar entry \"\(name)\" is \(kind): expected only regular files and directories")
        default:
            throw ModelFetchError(
                .invalidArchive, "tar entry \"\(name)\" is a special file: expected only regular files and directories")
        }
    }

    /// The entry's path under the destination; nil for the archive root itself (`./`).
    func target(_ name: String) throws(ModelFetchError) -> String? {
        guard !name.hasPrefix("/") else {
            throw ModelFetchError(.invalidArchive, "tar entry \"\(name)\" has an absolute path: expected relative paths")
        }
        let parts = name.split(separator: "/").filter { $0 != "." }
        guard !parts.contains("..") else {
            throw ModelFetchError(.invalidArchive, "tar entry \"\(name)\" contains '..': expected paths inside the archive")
        }
        guard !parts.isEmpty else { return nil }
        return ([destination] + parts.map(String.init)).joined(separator: "/")
    }

    private func create(directory: String) throws(ModelFetchError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create directory \(directory)", error)
        }
    }
}

/// Reads an archive in blocks; a short read in the middle of an entry means the archive is truncated.
struct BlockReader {
    let handle: FileHandle
    let path: String

    init(path: String) throws(ModelFetchError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ModelFetchError(.io, "cannot open \(path) for reading")
        }
        self.handle = handle
        self.path = path
    }

    /// Exactly `count` bytes; nil at a clean end of file (only allowed before a header).
    func read(_ count: Int, what: String) throws(ModelFetchError) -> [UInt8]? {
        let data: Data?
        do { data = try handle.read(upToCount: count) } catch { throw .io("cannot read \(path)", error) }
        guard let data, !data.isEmpty else { return nil }
        guard data.count == count else { throw truncated(what) }
        return [UInt8](data)
    }

    func readMetadata(size: Int64) throws(ModelFetchError) -> [UInt8] {
        guard size <= TarExtractor.maxMetadataBytes else {
            throw ModelFetchError(.invalidArchive, "tar extended header of \(size) bytes: expected at most 1 MiB")
        }
        let padded = Int((size + 511) / 512 * 512)
        guard padded > 0 else { return [] }
        guard let data = try read(padded, what: "an extended header") else { throw truncated("an extended header") }
        return Array(data.prefix(Int(size)))
    }

    /// Copies `size` bytes of entry data to a new file at `target`, then skips the padding to the next block.
    func copy(size: Int64, to target: String) throws(ModelFetchError) {
        guard FileManager.default.createFile(atPath: target, contents: nil),
            let output = FileHandle(forWritingAtPath: target)
        else { throw ModelFetchError(.io, "cannot create \(target)") }
        defer { try? output.close() }
        var remaining = size
        while remaining > 0 {
            let count = Int(min(remaining, Int64(TarExtractor.chunkSize)))
            guard let chunk = try read(count, what: "the data of \(target)") else { throw truncated("file data") }
            do { try output.write(contentsOf: chunk) } catch { throw .io("cannot write \(target)", error) }
            remaining -= Int64(count)
        }
        let padding = Int((512 - size % 512) % 512)
        if padding > 0, try read(padding, what: "padding") == nil { throw truncated("padding") }
    }

    private func truncated(_ what: String) -> ModelFetchError {
        ModelFetchError(.invalidArchive, "\(path) is truncated: it ends inside \(what), expected a complete tar archive")
    }
}
