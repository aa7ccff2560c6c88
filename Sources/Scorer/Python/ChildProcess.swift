import CPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process started with posix_spawn whose stdin and stdout are pipes to us.
/// The child gets no other descriptor of ours (listening sockets must not leak into workers);
/// stderr is inherited so that what the child logs lands in our log.
struct ChildProcess: Sendable {
    let pid: pid_t
    /// Our end of the child's stdin (we write) and stdout (we read); both close-on-exec.
    let toChild: Int32
    let fromChild: Int32

    static func spawn(executable: String, arguments: [String], environment: [String: String]) throws(ScorerError)
        -> ChildProcess
    {
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        guard swiftlet_pipe_cloexec(&input) == 0 else { throw .spawn("pipe: \(errnoText())") }
        guard swiftlet_pipe_cloexec(&output) == 0 else {
            close(input[0]); close(input[1])
            throw .spawn("pipe: \(errnoText())")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        swiftlet_spawn_closefrom(&actions, 3)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, executable, &actions, nil, argv, envp)
        close(input[0])
        close(output[1])
        guard result == 0 else {
            close(input[1]); close(output[0])
            throw .spawn("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return ChildProcess(pid: pid, toChild: input[1], fromChild: output[0])
    }

    func terminate(signal: Int32 = SIGKILL) {
        _ = kill(pid, signal)
    }

    /// Blocks until the child exits; returns how it ended, in words.
    func wait() -> String {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return "exit status unknown (\(errnoText()))" }
        }
        let signal = status & 0x7f
        if signal != 0 { return "was killed by signal \(signal)" }
        return "exited with status \((status >> 8) & 0xff)"
    }
}

private func errnoText() -> String { String(cString: strerror(errno)) }
