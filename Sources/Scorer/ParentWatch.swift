import Foundation
import ServiceLifecycle

/// Ends when the process that started this one is gone (this process was re-parented), so that a scorer started by
/// `swiftlet up` does not outlive it even when `up` is killed outright. Run it with `successTerminationBehavior:
/// .gracefullyShutdownGroup`: the scorer then drains and exits.
public struct ParentWatch: Service {
    /// The variable through which `swiftlet up` gives its pid to the processes it starts.
    public static let environmentVariable = "SWIFTLET_PARENT_PID"

    let parent: pid_t

    /// Watches the parent named by `environmentVariable`; nil when it is not set.
    public init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let value = environment[Self.environmentVariable], let pid = pid_t(value), pid > 1 else { return nil }
        parent = pid
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            while getppid() == parent, !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
