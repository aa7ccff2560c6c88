import Foundation

/// How a failed fetch is reported: on stderr, and in the file Kubernetes shows in the pod's status.
public enum TerminationMessage {
    public static let kubernetesPath = "/dev/termination-log"

    /// Writes `message` to stderr and, when `path` exists and is writable, to `path`; failing to write the latter
    /// is ignored (it is a courtesy to `kubectl describe pod`, not part of the result).
    public static func write(_ message: String, terminationLog path: String = kubernetesPath) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        guard FileManager.default.isWritableFile(atPath: path), let handle = FileHandle(forWritingAtPath: path) else {
            return
        }
        try? handle.write(contentsOf: Data(message.utf8))
        try? handle.close()
    }
}
