import ArgumentParser

@main
struct Swiftlet: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "swiftlet",
        abstract: "Model serving on Kubernetes: one binary for the scorer, the controller and the router.",
        version: version,
        subcommands: [
            ScorerCommand.self, PredictCommand.self, BenchModelCommand.self, APIServerCommand.self, CRDsCommand.self,
            ControllerCommand.self, RouterCommand.self, FetchModelCommand.self, RBACCommand.self, UpCommand.self,
            LogsCommand.self,
        ]
    )
}
