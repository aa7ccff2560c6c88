import ArgumentParser
import Controller

/// How a command reaches the Kubernetes API: `--kubeconfig` and `--context`, else KUBECONFIG, ~/.kube/config or the
/// in-cluster service account.
struct KubeClientOptions: ParsableArguments {
    @Option(help: "A kubeconfig file (default: KUBECONFIG, ~/.kube/config, else the in-cluster service account).")
    var kubeconfig: String?
    @Option(help: "The kubeconfig context to use (default: its current context).") var context: String?

    func configuration() throws -> ClientConfiguration {
        try kubeconfig.map { try ClientConfiguration.fromKubeconfig(path: $0, context: context) }
            ?? ClientConfiguration.load(context: context)
    }
}
