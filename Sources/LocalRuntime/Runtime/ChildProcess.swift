import Foundation
import Synchronization

/// One container's process: the `swiftlet` binary with the step's arguments, its output appended to the replica's
/// log, in its own process group (Foundation starts children so), so a terminal's Ctrl-C reaches `swiftlet up` alone
/// and `up` stops its children in order.
final class ChildProcess: @unchecked Sendable {
    // `Process` is not Sendable; it is only touched in `init` (before it runs) and read for its pid afterwards.
    private let process = Process()
    private let exit = ExitLatch()
    let pid: Int32

    /// The variable that tells a child which process started it: the scorer's `ParentWatch` stops it when that
    /// parent is gone, so a killed `swiftlet up` leaves no orphan scorers.
    static let parentVariable = "SWIFTLET_PARENT_PID"

    init(_ step: LocalPodPlan.Step, log: FileHandle) throws {
        process.executableURL = URL(fileURLWithPath: step.executable)
        process.arguments = step.arguments
        var environment = ProcessInfo.processInfo.environment.merging(step.environment) { $1 }
        environment[Self.parentVariable] = String(getpid())
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        process.terminationHandler = { [exit] process in
            // Like a container's exit code: a signal's death is 128 + the signal.
            let code = process.terminationReason == .uncaughtSignal
                ? 128 + process.terminationStatus : process.terminationStatus
            exit.fire(code)
        }
        try process.run()
        pid = process.processIdentifier
    }

    /// Waits for the process to end; its exit code.
    func exitCode() async -> Int32 { await exit.wait() }

    var hasExited: Bool { exit.value != nil }

    /// SIGTERM, then SIGKILL to its whole process group after `grace`; returns once it has ended.
    func stop(grace: Duration) async {
        guard !hasExited else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while !hasExited, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if !hasExited {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
        }
        _ = await exitCode()
    }
}

/// A value set once, awaited by any number of tasks.
final class ExitLatch: Sendable {
    private let state = Mutex<(value: Int32?, waiters: [CheckedContinuation<Int32, Never>])>((nil, []))

    var value: Int32? { state.withLock { $0.value } }

    func fire(_ value: Int32) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int32, Never>] in
            guard state.value == nil else { return [] }
            state.value = value
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Int32? in
                if let value = state.value { return value }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
