import Foundation
import ServingAPI

/// Why a scorer pod does not serve, read from its container statuses: the `fetch-model` init container or the
/// scorer exited with an error (the message is what they wrote to the termination log, e.g. "checksum mismatch:
/// expected …, got …" or "model not found: GET … answered 404").
struct PodFailure: Equatable {
    var reason: String
    var message: String

    /// The scorer's exit status when its model fails to load.
    static let modelLoadExitCode: Int64 = 3

    init?(_ pod: JSONValue) {
        let name = pod.name ?? "a scorer pod"
        if let exit = Self.failedExit(pod, list: "initContainerStatuses", container: "fetch-model") {
            reason = "FetchFailed"
            message = "\(name): fetch-model exited with \(exit.code): \(exit.message)"
            return
        }
        if let exit = Self.failedExit(pod, list: "containerStatuses", container: "scorer") {
            reason = exit.code == Self.modelLoadExitCode ? "LoadFailed" : "ScorerFailed"
            message = "\(name): the scorer exited with \(exit.code): \(exit.message)"
            return
        }
        return nil
    }

    /// The container's current or last termination with a non-zero exit code, if any.
    private static func failedExit(_ pod: JSONValue, list: String, container: String) -> (code: Int64, message: String)? {
        guard let status = pod[path: ["status", list]]?.arrayValue?.first(where: { $0["name"]?.stringValue == container })
        else { return nil }
        for state in ["state", "lastState"] {
            if let terminated = status[path: [state, "terminated"]], let code = terminated["exitCode"]?.intValue, code != 0 {
                let message = terminated["message"]?.stringValue ?? terminated["reason"]?.stringValue ?? "no message"
                return (code, message.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return nil
    }
}
