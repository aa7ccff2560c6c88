import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The audit log file (`swiftlet apiserver --audit-log PATH`): one `AuditEvent` JSON line per request once its
/// response is complete. Each line is one `write(2)` on a file opened with `O_APPEND`, so nothing is buffered in
/// memory (bounded by construction), every line is in the file when its request is done, and concurrent lines never
/// interleave. A failed write is logged (the first, then every 1000th) and the request goes on.
final class AuditLog: Sendable {
    private struct State {
        var descriptor: Int32
        var failures = 0
    }

    let path: String
    private let state: Mutex<State>
    private let logger: Logger

    /// Opens (creating, mode 0600) or appends to `path`.
    init(path: String, logger: Logger) throws(APIServerError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .internalError("cannot open the audit log \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        state = Mutex(State(descriptor: descriptor))
        self.logger = logger
    }

    deinit {
        state.withLock { _ = close($0.descriptor) }
    }

    func record(_ event: AuditEvent) {
        let line = event.line
        let failure: (count: Int, message: String)? = state.withLock { state in
            let message = line.withUnsafeBytes { Self.writeAll(state.descriptor, $0) }
            guard let message else { return nil }
            state.failures += 1
            return (state.failures, message)
        }
        if let failure, failure.count % 1000 == 1 {
            logger.warning(
                "cannot write the audit log", metadata: ["path": "\(path)", "error": "\(failure.message)", "failures": "\(failure.count)"])
        }
    }

    /// Writes every byte (retrying short writes and EINTR); the error's description, or nil.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }
}
