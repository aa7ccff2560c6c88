import Crypto
import Foundation

/// A new file written in chunks while its SHA-256 is computed, so no model is ever held in memory whole.
struct HashingFile {
    let path: String
    private let handle: FileHandle
    private var hasher = SHA256()
    private(set) var bytes: Int64 = 0

    init(creating path: String) throws(ModelFetchError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw ModelFetchError(.io, "cannot create \(path): expected a writable destination directory") }
        self.path = path
        self.handle = handle
    }

    mutating func write(_ chunk: UnsafeRawBufferPointer) throws(ModelFetchError) {
        hasher.update(bufferPointer: chunk)
        do { try handle.write(contentsOf: chunk) } catch { throw .io("cannot write \(path)", error) }
        bytes += Int64(chunk.count)
    }

    mutating func write(_ data: Data) throws(ModelFetchError) {
        hasher.update(data: data)
        do { try handle.write(contentsOf: data) } catch { throw .io("cannot write \(path)", error) }
        bytes += Int64(data.count)
    }

    /// Closes the file; the result names it with its size and hash.
    func finish() throws(ModelFetchError) -> StagedFile {
        do { try handle.close() } catch { throw .io("cannot close \(path)", error) }
        return StagedFile(path: path, bytes: bytes, sha256: SHA256Hex.string(hasher.finalize()))
    }

    /// Closes the file when a fetch is abandoned (the caller deletes it).
    func abandon() { try? handle.close() }

    /// The SHA-256 of an existing file, read in chunks.
    static func sha256(ofFileAt path: String) throws(ModelFetchError) -> (bytes: Int64, sha256: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ModelFetchError(.io, "cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        while true {
            let data: Data?
            do { data = try handle.read(upToCount: 1 << 20) } catch { throw .io("cannot read \(path)", error) }
            guard let data, !data.isEmpty else { break }
            hasher.update(data: data)
            bytes += Int64(data.count)
        }
        return (bytes, SHA256Hex.string(hasher.finalize()))
    }
}

/// A fetched file in the destination directory, not yet verified or moved into place.
struct StagedFile: Sendable, Hashable {
    let path: String
    let bytes: Int64
    let sha256: String
}

enum SHA256Hex {
    static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
