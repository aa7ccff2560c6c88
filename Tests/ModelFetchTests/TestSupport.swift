import Foundation
import Logging
@testable import ModelFetch

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "swiftlet-fetch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ relative: String, _ contents: [UInt8]) throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(contents).write(to: URL(fileURLWithPath: file))
        return file
    }

    func read(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path + "/" + relative).map { [UInt8]($0) }
    }

    func entries(_ relative: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + relative)) ?? []).sorted()
    }
}

/// `sha256sum`'s answer: an implementation independent of the code under test.
func sha256sum(_ file: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", file]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
}

func sha256sum(bytes: [UInt8]) throws -> String {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try sha256sum(try directory.write("bytes", bytes))
}

let testLogger = Logger(label: "ModelFetchTests")

func fetcher() -> ModelFetcher {
    ModelFetcher(logger: testLogger, now: { Date(timeIntervalSince1970: 1_369_353_600) }, makeID: { UUID().uuidString })
}

/// Builds ustar archives byte by byte, for the extractor's tests.
enum TarBuilder {
    static func header(_ name: String, size: Int, type: Character, linkName: String = "") -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) {
            for (index, byte) in text.utf8.enumerated() { block[offset + index] = byte }
        }
        put(name, at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(octal(size, width: 11), at: 124)
        put("00000000000", at: 136)
        put("        ", at: 148)
        block[156] = type.asciiValue!
        put(linkName, at: 157)
        put("ustar", at: 257)
        put("00", at: 263)
        let sum = block.reduce(0) { $0 + Int($1) }
        put(octal(sum, width: 6), at: 148)
        block[154] = 0
        block[155] = UInt8(ascii: " ")
        return block
    }

    static func file(_ name: String, _ contents: [UInt8], type: Character = "0") -> [UInt8] {
        header(name, size: contents.count, type: type) + contents + padding(contents.count)
    }

    static func directory(_ name: String) -> [UInt8] { header(name, size: 0, type: "5") }

    /// A pax extended header giving the next entry a long path.
    static func paxPath(_ path: String) -> [UInt8] {
        let body = " path=\(path)\n"
        var length = body.utf8.count + 1
        while "\(length)".count + body.utf8.count != length { length += 1 }
        let record = Array("\(length)\(body)".utf8)
        return header("PaxHeader", size: record.count, type: "x") + record + padding(record.count)
    }

    static func archive(_ entries: [[UInt8]]) -> [UInt8] {
        entries.flatMap { $0 } + [UInt8](repeating: 0, count: 1024)
    }

    static func padding(_ count: Int) -> [UInt8] { [UInt8](repeating: 0, count: (512 - count % 512) % 512) }

    static func octal(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 8)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
