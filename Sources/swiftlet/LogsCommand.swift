import ArgumentParser
import Foundation
import LocalRuntime

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the logs of a deployment's replicas under swiftlet up (the fetch step's and the scorer's)."
    )

    @Argument(help: "The ModelDeployment (its scorer Deployment has the same name).") var deployment: String
    @Option(name: [.short, .long], help: "Its namespace.") var namespace = "default"
    @Option(name: .customLong("data-dir"), help: "swiftlet up's data directory (default: ~/.swiftlet).")
    var dataDir: String?
    @Flag(name: [.short, .long], help: "Keep printing what the replicas write.") var follow = false

    func run() async throws {
        let directory = dataDir ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".swiftlet").path
        let logs = ReplicaLogs(dataDirectory: directory, namespace: namespace, deployment: deployment)
        do {
            try await logs.print(follow: follow) { FileHandle.standardOutput.write($0) }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
