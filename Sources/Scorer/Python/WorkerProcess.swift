import Logging
import NIOCore
import NIOPosix

/// One Python worker process: the shim running the entry script, one request at a time.
///
/// `start` returns once the script was imported and `init()` finished (or throws what went wrong);
/// `run` sends one request and waits for its answer. When the process ends, every waiting call
/// fails with `.workerCrashed` and `exited` completes with how it ended.
final class WorkerProcess: Sendable {
    let index: Int
    let process: ChildProcess
    private let channel: Channel
    private let handler: WorkerChannelHandler
    /// Completes with how the process ended, once it has.
    let exited: EventLoopFuture<String>

    private init(index: Int, process: ChildProcess, channel: Channel, handler: WorkerChannelHandler) {
        self.index = index
        self.process = process
        self.channel = channel
        self.handler = handler
        self.exited = handler.exited.futureResult
    }

    var pid: Int32 { process.pid }

    struct Launch: Sendable {
        var python: String
        var shim: String
        var environment: [String: String]
    }

    /// Starts a worker and waits for `init()`. Returns the worker and the swagger payload it sent.
    static func start(index: Int, launch: Launch, group: EventLoopGroup) async throws -> (WorkerProcess, ByteBuffer) {
        let process = try ChildProcess.spawn(
            executable: launch.python, arguments: ["-u", "-c", launch.shim], environment: launch.environment)
        let eventLoop = group.any()
        let handler = WorkerChannelHandler(process: process, eventLoop: eventLoop)
        let channel: Channel
        do {
            channel = try await NIOPipeBootstrap(group: eventLoop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(WorkerFrameDecoder()))
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .takingOwnershipOfDescriptors(input: process.fromChild, output: process.toChild)
                .get()
        } catch {
            process.terminate()
            _ = process.wait()
            throw ScorerError.spawn("cannot attach to worker \(process.pid): \(error)")
        }
        let worker = WorkerProcess(index: index, process: process, channel: channel, handler: handler)
        let swagger = try await handler.started.futureResult.get()
        return (worker, swagger)
    }

    /// Runs one request; throws `.workerCrashed` if the process ends first.
    func run(_ request: WorkerRequest) async throws -> WorkerAnswer {
        let frame = request.frame(allocator: channel.allocator)
        let answer = channel.eventLoop.flatSubmit { [handler, channel] in
            let promise = channel.eventLoop.makePromise(of: WorkerAnswer.self)
            handler.expect(promise)
            channel.writeAndFlush(frame, promise: nil)
            return promise.futureResult
        }
        return try await answer.get()
    }

    /// Kills the process (a stuck or surplus worker); waiting calls fail, `exited` completes.
    func kill() {
        process.terminate()
    }

    /// Closes its stdin: the shim's read loop ends and the process exits on its own.
    func stop() {
        channel.close(mode: .output, promise: nil)
    }
}

/// Lives on the worker channel's event loop: routes frames to the promise of the current request.
private final class WorkerChannelHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = WorkerFrame

    private let process: ChildProcess
    private let eventLoop: EventLoop
    let started: EventLoopPromise<ByteBuffer>
    let exited: EventLoopPromise<String>
    // Touched only on `eventLoop`.
    private let pending: NIOLoopBoundBox<EventLoopPromise<WorkerAnswer>?>

    init(process: ChildProcess, eventLoop: EventLoop) {
        self.process = process
        self.eventLoop = eventLoop
        self.started = eventLoop.makePromise()
        self.exited = eventLoop.makePromise()
        self.pending = .makeEmptyBox(valueType: EventLoopPromise<WorkerAnswer>.self, eventLoop: eventLoop)
    }

    func expect(_ promise: EventLoopPromise<WorkerAnswer>) {
        precondition(pending.value == nil, "a worker runs one request at a time")
        pending.value = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.kind {
        case .started:
            started.succeed(frame.payload)
        case .failed:
            started.fail(ScorerError.initFailed(String(buffer: frame.payload)))
        case .answer:
            let promise = pending.value
            pending.value = nil
            do {
                promise?.succeed(try WorkerAnswer(payload: frame.payload))
            } catch {
                promise?.fail(error)
            }
        case .run:
            context.fireErrorCaught(ScorerError.workerProtocol("worker sent a run frame"))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        process.terminate()
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The pipe closed: the process is gone or going. Reap it off the event loop, then fail what waits.
        let process = self.process
        let ended = NIOThreadPool.singleton.runIfActive(eventLoop: eventLoop) { process.wait() }
        ended.whenComplete { [self] result in
            let how = (try? result.get()) ?? "ended"
            let crash = ScorerError.workerCrashed(pid: process.pid, how: how)
            started.fail(crash)
            pending.value?.fail(crash)
            pending.value = nil
            exited.succeed(how)
        }
        context.fireChannelInactive()
    }
}
