import AsyncHTTPClient
import Controller
import Foundation
import Logging
import ServingAPI

/// What every replica shares: the binary that stands for the image, the data directory, the API, the log.
struct RuntimeEnvironment: Sendable {
    var executable: String
    var dataDirectory: String
    var client: KubeClient
    var logger: Logger
    /// How long a stopping scorer gets between SIGTERM and SIGKILL (it drains its requests meanwhile).
    var stopGrace: Duration = .seconds(10)
}

/// One replica of a scorer Deployment, the local pod: it runs the init steps (`swiftlet fetch-model`) to success,
/// then the scorer on a free 127.0.0.1 port, probing its readiness; a failed step or a scorer that exits is started
/// again after a backoff (1 s, doubling to 30 s, back to 1 s after the scorer was ready). A restarted scorer gets a
/// new port (its EndpointSlice follows), so a port taken meanwhile cannot keep it down.
actor Replica {
    nonisolated let name: String
    nonisolated let namespace: String
    /// The pod template's hash: replicas of an older template are replaced (a new model rolls the replicas).
    nonisolated let templateHash: String
    nonisolated let created = Date()
    nonisolated let files: ReplicaFiles
    private let template: JSONValue
    private let environment: RuntimeEnvironment
    private let onChange: @Sendable () -> Void
    private(set) var status = ReplicaStatus()
    private var task: Task<Void, Never>?
    private var child: ChildProcess?
    private var stopping = false
    private var initialized = false

    init(name: String, namespace: String, deployment: String, template: JSONValue, templateHash: String,
        environment: RuntimeEnvironment, onChange: @escaping @Sendable () -> Void)
    {
        self.name = name
        self.namespace = namespace
        self.template = template
        self.templateHash = templateHash
        self.environment = environment
        self.onChange = onChange
        files = ReplicaFiles(dataDirectory: environment.dataDirectory, namespace: namespace, deployment: deployment,
            pod: name)
    }

    func start() {
        guard task == nil else { return }
        task = Task { await self.run() }
    }

    /// Stops the running process (SIGTERM, then SIGKILL after the grace period), and removes the replica's volumes
    /// and log.
    func stop() async {
        stopping = true
        task?.cancel()
        if let child { await child.stop(grace: environment.stopGrace) }
        await task?.value
        files.removeDirectory()
        try? FileManager.default.removeItem(atPath: files.logPath)
    }

    private func update(_ change: (inout ReplicaStatus) -> Void) {
        let before = status
        change(&status)
        if status != before { onChange() }
    }

    // MARK: The loop

    private func run() async {
        let log: FileHandle
        do {
            log = try files.openLog()
        } catch {
            environment.logger.error("replica cannot log", metadata: ["pod": "\(name)", "error": "\(error)"])
            return
        }
        defer { try? log.close() }
        var backoff = Duration.seconds(1)
        while !stopping, !Task.isCancelled {
            let wasReady = await runOnce(log: log)
            if stopping || Task.isCancelled { return }
            if wasReady { backoff = .seconds(1) }
            update {
                $0.restarts += 1
                if $0.waitingReason != "CreateContainerConfigError" { $0.waitingReason = "CrashLoopBackOff" }
            }
            note(log, "waiting \(backoff) before starting again")
            do { try await Task.sleep(for: backoff) } catch { return }
            backoff = min(backoff * 2, .seconds(30))
        }
    }

    /// One attempt: the init steps, then the scorer until it exits. Returns whether the scorer was ever ready.
    private func runOnce(log: FileHandle) async -> Bool {
        let plan: LocalPodPlan
        do {
            let port = try FreePort.pick()
            plan = try LocalPodPlan(template: template, directory: files.directory, port: port,
                executable: environment.executable)
            update {
                $0.port = port
                $0.ready = false
                $0.runningSince = nil
                $0.waitingReason = initialized ? "ContainerCreating" : "PodInitializing"
            }
            try await files.materialize(plan.volumes, namespace: namespace, client: environment.client)
        } catch {
            note(log, "cannot start: \(error)")
            update {
                $0.waitingReason = "CreateContainerConfigError"
                $0.initFailure = ReplicaStatus.Termination(
                    container: "fetch-model", exitCode: 1, message: "\(error)", finishedAt: Date())
            }
            return false
        }
        // As a kubelet does: the init steps run to success once per pod; a restarted scorer reuses their volumes.
        for step in plan.initSteps where !initialized {
            guard let (code, message) = await runToEnd(step, log: log) else { return false }
            guard code == 0 else {
                update { $0.initFailure = .init(container: step.container, exitCode: code, message: message, finishedAt: Date()) }
                return false
            }
        }
        initialized = true
        update { $0.initFailure = nil }
        return await serve(plan, log: log)
    }

    /// Runs a step to its end: its exit code and last lines; nil when it could not start or the replica stops.
    private func runToEnd(_ step: LocalPodPlan.Step, log: FileHandle) async -> (Int32, String)? {
        let offset = files.logSize
        guard let process = launch(step, log: log) else { return nil }
        let code = await process.exitCode()
        child = nil
        let message = files.logTail(after: offset)
        note(log, "\(step.container) exited with \(code)")
        return stopping ? nil : (code, message)
    }

    /// Runs the scorer, probing it until it exits. Returns whether it was ever ready.
    private func serve(_ plan: LocalPodPlan, log: FileHandle) async -> Bool {
        let offset = files.logSize
        guard let process = launch(plan.main, log: log), let port = status.port else { return false }
        update {
            $0.waitingReason = nil
            $0.runningSince = Date()
        }
        let everReady = await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = await process.exitCode(); return false }
            group.addTask { await self.probe(port: port, path: plan.readinessPath ?? "/") }
            var everReady = await group.next() ?? false
            group.cancelAll()
            for await ready in group { everReady = everReady || ready }
            return everReady
        }
        let code = await process.exitCode()
        child = nil
        let message = files.logTail(after: offset)
        note(log, "\(plan.main.container) exited with \(code)")
        update {
            $0.ready = false
            $0.runningSince = nil
            $0.lastTermination = .init(container: plan.main.container, exitCode: code, message: message, finishedAt: Date())
        }
        return everReady
    }

    private func launch(_ step: LocalPodPlan.Step, log: FileHandle) -> ChildProcess? {
        guard !stopping else { return nil }
        note(log, "starting \(step.container): swiftlet \(step.arguments.joined(separator: " "))")
        do {
            let process = try ChildProcess(step, log: log)
            child = process
            return process
        } catch {
            note(log, "cannot start \(step.container): \(error)")
            return nil
        }
    }

    /// Probes readiness until cancelled: every 100 ms until the first success (a new scorer takes traffic as soon as
    /// it can), then every second; three failures in a row make it unready. Returns whether it was ever ready.
    private func probe(port: Int, path: String) async -> Bool {
        var everReady = false
        var failures = 0
        while !Task.isCancelled {
            if await Self.answers(port: port, path: path) {
                failures = 0
                everReady = true
                update { $0.ready = true }
            } else {
                failures += 1
                if failures >= 3 { update { $0.ready = false } }
            }
            do { try await Task.sleep(for: everReady ? .seconds(1) : .milliseconds(100)) } catch { break }
        }
        return everReady
    }

    private static func answers(port: Int, path: String) async -> Bool {
        do {
            let response = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(1))
            _ = try await response.body.collect(upTo: 1 << 20)
            return (200..<400).contains(Int(response.status.code))
        } catch {
            return false
        }
    }

    private nonisolated func note(_ log: FileHandle, _ message: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        try? log.write(contentsOf: Data("\(stamp) [swiftlet up] \(name): \(message)\n".utf8))
    }
}
