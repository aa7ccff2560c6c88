import Foundation
import Testing

/// The built `swiftlet` binary, run as the init container would run it.
@Suite struct FetchModelCommandTests {
    static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/swiftlet").path

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "build swiftlet first"))
    func checksumMismatchExitsOneWithTheMessageOnStderr() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try directory.write("src/m.onnx", Array("model".utf8))
        let wrong = String(repeating: "f", count: 64)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "fetch-model", "--uri", "file://" + source, "--dest", directory.path + "/dest", "--sha256", wrong,
        ]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = Pipe()
        try process.run()
        let output = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let actual = try sha256sum(source)
        #expect(output.contains("checksum mismatch: expected \(wrong), got \(actual)"), "\(output)")
        #expect(directory.entries("dest") == [])
    }
}
