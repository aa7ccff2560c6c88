import Foundation
import Synchronization
import Testing
@testable import Controller

/// The embedded API server as a real process (`swiftlet apiserver`), started on 127.0.0.1 for end-to-end tests.
final class APIServerProcess: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let binary = packageRoot + "/.build/debug/swiftlet"
    /// Whether the built `swiftlet` has the `apiserver` subcommand (the end-to-end tests need it).
    static let binaryExists: Bool = {
        guard FileManager.default.isExecutableFile(atPath: binary) else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--help"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        let help = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return help.contains("apiserver")
    }()

    let dataDirectory: String
    let watchWindow: Int?
    private(set) var port: Int = 0
    private var process: Process?

    init(watchWindow: Int? = nil) throws {
        dataDirectory = try temporaryDirectory()
        self.watchWindow = watchWindow
    }

    var kubeconfigPath: String { dataDirectory + "/kubeconfig" }

    /// Starts the server (on the port of the last run, if any) and waits for its ready line.
    func start() async throws {
        let log = dataDirectory + "/server-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        var arguments = ["apiserver", "--data-dir", dataDirectory, "--port", String(port)]
        if let watchWindow { arguments += ["--watch-window", String(watchWindow)] }
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        for _ in 0..<1200 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let found = Self.port(in: text), FileManager.default.fileExists(atPath: kubeconfigPath) {
                port = found
                return
            }
            guard process.isRunning else { throw KubeError.runtime("apiserver exited: \(text)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw KubeError.runtime("apiserver printed no address within a minute")
    }

    static func port(in text: String) -> Int? {
        guard let range = text.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else { return nil }
        return Int(text[range].split(separator: ":").last ?? "")
    }

    /// Stops the server (SIGTERM, then waits).
    func stop() async {
        guard let process, process.isRunning else { return }
        process.terminate()
        for _ in 0..<200 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    func client() throws -> KubeClient {
        try KubeClient(configuration: ClientConfiguration.fromKubeconfig(path: kubeconfigPath))
    }

    func remove() { try? FileManager.default.removeItem(atPath: dataDirectory) }
}

/// Polls `condition` until it holds; fails the test (with `what`) after `timeout`.
func eventually(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool)
    async throws
{
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("timed out waiting for: \(what)")
    throw KubeError.runtime("timed out waiting for: \(what)")
}

/// A clock whose sleeps wait until the test opens the gate (so a test can act while a watcher is backing off).
final class GatedClock: KubeClock {
    private let state = Mutex((open: true, sleepers: 0))

    func now() -> Date { Date() }

    func close() { state.withLock { $0.open = false } }
    func openGate() { state.withLock { $0.open = true } }
    var sleeping: Int { state.withLock { $0.sleepers } }

    func sleep(for duration: Duration) async throws {
        state.withLock { $0.sleepers += 1 }
        defer { state.withLock { $0.sleepers -= 1 } }
        while !state.withLock({ $0.open }) { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: min(duration, .milliseconds(100)))
    }
}
