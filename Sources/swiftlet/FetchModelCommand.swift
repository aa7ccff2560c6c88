import ArgumentParser
import ModelFetch

/// The init container: puts a model on local disk, verified. Flags only; the work is in `ModelFetch`.
struct FetchModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch-model",
        abstract: "Download or copy a model to a local directory, verifying its SHA-256 (the pod's init container)."
    )

    @Option(help: "Where the model is: https://, http://, s3://bucket/key, pvc://claim/path, configmap://name/key, file:///path.")
    var uri: String
    @Option(help: "The directory to put the model in (onnx: DIR/model.onnx; python: the model's files in DIR).")
    var dest: String
    @Option(help: "onnx or python.")
    var format = "onnx"
    @Option(help: "The expected SHA-256 of the model file or archive (64 hex digits).")
    var sha256: String?
    @Option(name: .customLong("source-root"), help: "Where the volume of a pvc:// or configmap:// URI is mounted.")
    var sourceRoot: String?
    @Option(name: .customLong("credentials-dir"), help: "A mounted Secret: token (HTTP bearer) or AWS_* files (S3).")
    var credentialsDir: String?
    @Option(name: .customLong("timeout-seconds"), help: "The bound on the whole fetch.")
    var timeoutSeconds = 600
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func run() async throws {
        let logger = Observability.bootstrap(label: "swiftlet.fetch-model", level: logLevel)
        do throws(ModelFetchError) {
            let request = try ModelFetchRequest(
                uri: uri, format: format, sha256: sha256, destination: dest, sourceRoot: sourceRoot,
                credentialsDirectory: credentialsDir, timeoutSeconds: timeoutSeconds)
            _ = try await ModelFetcher(logger: logger).fetch(request)
        } catch {
            TerminationMessage.write(error.message)
            throw ExitCode.failure
        }
    }
}
