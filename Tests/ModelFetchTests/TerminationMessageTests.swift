import Foundation
import Testing
@testable import ModelFetch

@Suite struct TerminationMessageTests {
    @Test func writesTheMessageWhereKubernetesReadsIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = try directory.write("termination-log", [])
        TerminationMessage.write("checksum mismatch: expected a, got b", terminationLog: log)
        #expect(directory.read("termination-log") == Array("checksum mismatch: expected a, got b".utf8))
    }

    @Test func ignoresAMissingTerminationLog() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        TerminationMessage.write("unreachable: host: refused", terminationLog: directory.path + "/absent")
        #expect(directory.entries() == [])
    }
}
