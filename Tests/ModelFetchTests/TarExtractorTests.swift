import Foundation
import Testing
@testable import ModelFetch

@Suite struct TarExtractorTests {
    private func extract(_ bytes: [UInt8]) throws -> (TemporaryDirectory, Result<Int, ModelFetchError>) {
        let directory = try TemporaryDirectory()
        let archive = try directory.write("model.tar", bytes)
        let extractor = TarExtractor(archive: archive, destination: directory.path + "/out")
        return (directory, Result { () throws(ModelFetchError) in try extractor.extract() })
    }

    @Test func extractsFilesAndDirectories() throws {
        let score = Array("def run(x): return x\n".utf8)
        let weights = (0..<1500).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let (directory, result) = try extract(TarBuilder.archive([
            TarBuilder.directory("./"), TarBuilder.directory("model/"), TarBuilder.file("./score.py", score),
            TarBuilder.file("model/weights.bin", weights), TarBuilder.directory("empty/"),
        ]))
        defer { directory.remove() }
        #expect(try result.get() == 2)
        #expect(directory.read("out/score.py") == score)
        #expect(directory.read("out/model/weights.bin") == weights)
        #expect(directory.entries("out") == ["empty", "model", "score.py"])
    }

    @Test func honoursPaxLongPaths() throws {
        let longPath = String(repeating: "d", count: 120) + "/score.py"
        let (directory, result) = try extract(TarBuilder.archive([
            TarBuilder.paxPath(longPath), TarBuilder.file("short-name", Array("x".utf8)),
        ]))
        defer { directory.remove() }
        #expect(try result.get() == 1)
        #expect(directory.read("out/" + longPath) == Array("x".utf8))
    }

    @Test(arguments: [
        (TarBuilder.file("../evil", Array("x".utf8)), "contains '..'"),
        (TarBuilder.file("a/../../evil", Array("x".utf8)), "contains '..'"),
        (TarBuilder.file("/etc/evil", Array("x".utf8)), "absolute path"),
        (TarBuilder.header("link", size: 0, type: "2", linkName: "/etc/passwd"), "symbolic link"),
        (TarBuilder.header("hard", size: 0, type: "1", linkName: "score.py"), "hard link"),
        (TarBuilder.header("fifo", size: 0, type: "6"), "special file"),
    ])
    func refusesEntriesThatCouldEscape(entry: [UInt8], reason: String) throws {
        let (directory, result) = try extract(TarBuilder.archive([entry]))
        defer { directory.remove() }
        guard case .failure(let error) = result else { Issue.record("extracted: \(result)"); return }
        #expect(error.code == .invalidArchive)
        #expect(error.message.contains(reason), "\(error.message)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/evil") == false)
    }

    @Test func refusesATruncatedArchive() throws {
        let whole = TarBuilder.file("weights.bin", [UInt8](repeating: 7, count: 2000))
        let (directory, result) = try extract(Array(whole.prefix(1024)))
        defer { directory.remove() }
        guard case .failure(let error) = result else { Issue.record("extracted: \(result)"); return }
        #expect(error.code == .invalidArchive)
        #expect(error.message.contains("truncated"))
    }

    @Test func refusesACorruptHeaderAndAnEmptyArchive() throws {
        var corrupt = TarBuilder.archive([TarBuilder.file("a", Array("x".utf8))])
        corrupt[0] = UInt8(ascii: "b")  // the checksum no longer matches
        let (first, corruptResult) = try extract(corrupt)
        defer { first.remove() }
        #expect(throws: ModelFetchError.self) { try corruptResult.get() }
        let (second, emptyResult) = try extract([UInt8](repeating: 0, count: 1024))
        defer { second.remove() }
        #expect(throws: ModelFetchError.self) { try emptyResult.get() }
    }
}
