import Foundation
import Testing
@testable import ModelFetch

/// The fetcher with local sources: file://, pvc://, configmap://.
@Suite struct ModelFetcherTests {
    let model = Array("onnx model bytes".utf8)

    private func request(
        _ uri: String, _ directory: TemporaryDirectory, format: String = "onnx", sha256: String? = nil,
        sourceRoot: String? = nil
    ) throws -> ModelFetchRequest {
        try ModelFetchRequest(
            uri: uri, format: format, sha256: sha256, destination: directory.path + "/dest", sourceRoot: sourceRoot)
    }

    @Test func copiesAFileAndReportsItsHash() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try directory.write("src/m.onnx", model)
        let expected = try sha256sum(source)
        let result = try await fetcher().fetch(try request("file://" + source, directory, sha256: expected))
        #expect(result == FetchResult(path: directory.path + "/dest/model.onnx", bytes: 16, sha256: expected, skipped: false))
        #expect(directory.read("dest/model.onnx") == model)
        #expect(directory.entries("dest") == ["model.onnx"])
    }

    @Test func checksumMismatchLeavesNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try directory.write("src/m.onnx", model)
        try directory.write("dest/model.onnx", Array("stale".utf8))
        let wrong = String(repeating: "0", count: 64)
        let error = await #expect(throws: ModelFetchError.self) {
            try await fetcher().fetch(try request("file://" + source, directory, sha256: wrong))
        }
        #expect(error?.code == .checksumMismatch)
        let actual = try sha256sum(source)
        #expect(error?.message.hasPrefix("checksum mismatch: expected \(wrong), got \(actual)") == true)
        #expect(directory.entries("dest") == [])
    }

    @Test func skipsWhenTheDestinationIsAlreadyVerified() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let placed = try directory.write("dest/model.onnx", model)
        try directory.write("dest/.partial-old", Array("half a download".utf8))
        let expected = try sha256sum(placed)
        // The source does not exist: a skipped fetch never looks at it.
        let uri = "https://127.0.0.1:1/never-asked.onnx"
        let result = try await fetcher().fetch(try request(uri, directory, sha256: expected))
        #expect(result == FetchResult(path: placed, bytes: 16, sha256: expected, skipped: true))
        #expect(directory.entries("dest") == ["model.onnx"])
    }

    /// With or without a trailing slash (Foundation's copy of "dir/" glued the names to the destination's).
    @Test(arguments: ["", "/", "//"])
    func copiesADirectoryForPython(trailing: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/model/score.py", Array("print(1)".utf8))
        try directory.write("src/model/weights/w.bin", [1, 2, 3])
        let result = try await fetcher().fetch(
            try request("file://" + directory.path + "/src/model" + trailing, directory, format: "python"))
        #expect(result == FetchResult(path: directory.path + "/dest", bytes: 11, sha256: nil, skipped: false))
        #expect(directory.read("dest/score.py") == Array("print(1)".utf8))
        #expect(directory.read("dest/weights/w.bin") == [1, 2, 3])
    }

    @Test func refusesSha256ForADirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/model/score.py", Array("print(1)".utf8))
        let error = await #expect(throws: ModelFetchError.self) {
            try await fetcher().fetch(try request(
                "file://" + directory.path + "/src/model", directory, format: "python",
                sha256: String(repeating: "a", count: 64)))
        }
        #expect(error?.message == "sha256 can only be checked on a single file or archive")
    }

    @Test func placesAPythonFileUnderItsOwnName() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try directory.write("src/score.py", Array("def run(x): pass".utf8))
        let result = try await fetcher().fetch(try request("file://" + source, directory, format: "python"))
        #expect(result.path == directory.path + "/dest/score.py")
        #expect(directory.entries("dest") == ["score.py"])
    }

    @Test func extractsATarForPython() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = TarBuilder.archive([TarBuilder.file("score.py", Array("pass".utf8)), TarBuilder.directory("data/")])
        let source = try directory.write("src/model.tar", archive)
        let result = try await fetcher().fetch(
            try request("file://" + source, directory, format: "python", sha256: try sha256sum(source)))
        #expect(result.path == directory.path + "/dest")
        #expect(result.bytes == Int64(archive.count))
        #expect(directory.entries("dest") == ["data", "score.py"])
    }

    @Test func anArchiveThatEscapesLeavesNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let archive = TarBuilder.archive([
            TarBuilder.file("score.py", Array("pass".utf8)), TarBuilder.file("../evil.py", Array("x".utf8)),
        ])
        let source = try directory.write("src/model.tar", archive)
        let error = await #expect(throws: ModelFetchError.self) {
            try await fetcher().fetch(try request("file://" + source, directory, format: "python"))
        }
        #expect(error?.code == .invalidArchive)
        #expect(directory.entries("dest") == [])
        #expect(directory.entries().contains("evil.py") == false)
    }

    @Test func refusesGzipArchives() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try directory.write("src/model.tar.gz", [0x1f, 0x8b])
        let error = await #expect(throws: ModelFetchError.self) {
            try await fetcher().fetch(try request("file://" + source, directory, format: "python"))
        }
        #expect(error?.message == "gzip archives are not supported yet: give a .tar or a directory")
    }

    @Test func mapsPVCAndConfigMapToTheSourceRoot() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("volume/models/v1/m.onnx", model)
        try directory.write("volume/score.py", Array("pass".utf8))
        let root = directory.path + "/volume"
        let pvc = try await fetcher().fetch(try request("pvc://claim/models/v1/m.onnx", directory, sourceRoot: root))
        #expect(pvc.bytes == 16)
        #expect(directory.read("dest/model.onnx") == model)
        let configMap = try await fetcher().fetch(
            try request("configmap://scripts/score.py", directory, format: "python", sourceRoot: root))
        #expect(configMap.path == directory.path + "/dest/score.py")
    }

    @Test func missingSourceRootIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: ModelFetchError.self) { try request("pvc://claim/m.onnx", directory) }
        #expect(error?.code == .badArguments)
        #expect(error?.message.contains("needs --source-root") == true)
    }

    @Test func missingFileIsNotFound() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = await #expect(throws: ModelFetchError.self) {
            try await fetcher().fetch(try request("file://" + directory.path + "/nothing.onnx", directory))
        }
        #expect(error?.code == .notFound)
    }

    @Test(arguments: [
        ("ftp://x/y", "onnx", nil as String?), ("file:///m.onnx", "tensorflow", nil), ("file:///m.onnx", "onnx", "abc"),
    ])
    func rejectsBadArguments(uri: String, format: String, sha256: String?) throws {
        let error = #expect(throws: ModelFetchError.self) {
            try ModelFetchRequest(uri: uri, format: format, sha256: sha256, destination: "/tmp/x")
        }
        #expect(error?.code == .badArguments)
    }
}
