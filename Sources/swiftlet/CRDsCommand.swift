import ArgumentParser
import Foundation
import ServingAPI

struct CRDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crds",
        abstract: "Write the CustomResourceDefinitions of Model, ModelDeployment and ModelEndpoint as YAML."
    )

    @Option(help: "A directory to write serving.swiftlet.dev_<plural>.yaml files into; stdout when not given.")
    var output: String?

    func run() throws {
        guard let output else {
            print(ServingCRDs.manifests.map(\.contents).joined(separator: "---\n"), terminator: "")
            return
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        for (fileName, contents) in ServingCRDs.manifests {
            let path = URL(fileURLWithPath: output).appendingPathComponent(fileName).path
            try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
            print(path)
        }
    }
}
