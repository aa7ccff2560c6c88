import AsyncHTTPClient
import Foundation
import NIOCore

/// What `swiftlet up` tells its user: how to reach the API with kubectl, where the router is, and a request to paste.
enum Banner {
    static func text(_ configuration: LocalSystemConfiguration, apiServer: String, kubeconfig: String, router: String)
        -> String
    {
        var lines = [
            "swiftlet is up: API server \(apiServer), router \(router), state in \(configuration.dataDirectory)",
            "",
            "  export KUBECONFIG=\(kubeconfig)",
            "  kubectl get swiftlet",
        ]
        if configuration.installSamples {
            lines += [
                "",
                "  curl -s -X POST \(router)/endpoints/default/quickstart/score -H 'Content-Type: application/json' \\",
                "    -d '\(Samples.quickstartRequest)'",
                "",
                "  kubectl patch mep quickstart --type merge -p '{\"spec\":{\"traffic\":{\"quickstart-blue\":0,\"quickstart-green\":100}}}'",
                "  kubectl logs deploy/quickstart-blue",
            ]
        }
        lines += ["", "Ctrl-C stops everything; running swiftlet up again resumes this state."]
        return lines.joined(separator: "\n")
    }

    /// Scores the quickstart request through the router until it answers 200 (at most two minutes), then says how
    /// long it took from the start of the command.
    static func announceWhenServing(router: String, since start: ContinuousClock.Instant,
        print: @Sendable (String) -> Void) async
    {
        let deadline = start + .seconds(120)
        while !Task.isCancelled, ContinuousClock.now < deadline {
            var request = HTTPClientRequest(url: router + "/endpoints/default/quickstart/score")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: Samples.quickstartRequest))
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(5)) {
                let body = (try? await response.body.collect(upTo: 1 << 20)).map { String(buffer: $0) } ?? ""
                if response.status == .ok {
                    let elapsed = (ContinuousClock.now - start).components
                    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
                    print("quickstart serves: first score \(String(format: "%.2f", seconds)) s after the command started: "
                        + body.trimmingCharacters(in: .whitespacesAndNewlines))
                    return
                }
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
