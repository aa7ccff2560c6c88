import Testing

@testable import Scorer

@Suite struct WorkerDispatchTests {
    private func ready(_ workers: Int, queue: Int) -> WorkerDispatch<String> {
        var dispatch = WorkerDispatch<String>(workerCount: workers, maxQueueLength: queue)
        for worker in 0..<workers { #expect(dispatch.workerAvailable(worker) == .none) }
        return dispatch
    }

    @Test func requestsGoToIdleWorkersFirst() {
        var dispatch = ready(2, queue: 4)
        #expect(dispatch.arrive("a") == .run(worker: 0))
        #expect(dispatch.arrive("b") == .run(worker: 1))
        #expect(dispatch.arrive("c") == .queued)
        #expect(dispatch.busyCount == 2)
    }

    @Test func nothingRunsBeforeInitFinished() {
        var dispatch = WorkerDispatch<String>(workerCount: 1, maxQueueLength: 1)
        #expect(dispatch.readyCount == 0)
        #expect(dispatch.arrive("a") == .queued)
        #expect(dispatch.workerAvailable(0) == .run("a", worker: 0))
    }

    @Test func queueIsFIFOAndBounded() {
        var dispatch = ready(1, queue: 2)
        _ = dispatch.arrive("a")
        #expect(dispatch.arrive("b") == .queued)
        #expect(dispatch.arrive("c") == .queued)
        #expect(dispatch.arrive("d") == .rejected)
        #expect(dispatch.workerAvailable(0) == .run("b", worker: 0))
        #expect(dispatch.workerAvailable(0) == .run("c", worker: 0))
        #expect(dispatch.workerAvailable(0) == .none)
        #expect(dispatch.workers == [.idle])
    }

    @Test func expiredWaitersLeaveTheQueueOnce() {
        var dispatch = ready(1, queue: 2)
        _ = dispatch.arrive("a")
        _ = dispatch.arrive("b")
        #expect(dispatch.expire("b") == true)
        #expect(dispatch.expire("b") == false)
        #expect(dispatch.expire("a") == false, "a running request is not in the queue")
        #expect(dispatch.workerAvailable(0) == .none)
    }

    @Test func lostWorkersTakeNoWorkUntilReady() {
        var dispatch = ready(2, queue: 4)
        #expect(dispatch.arrive("a") == .run(worker: 0))
        dispatch.workerLost(0)
        #expect(dispatch.arrive("b") == .run(worker: 1))
        #expect(dispatch.arrive("c") == .queued)
        #expect(dispatch.readyCount == 1)
        #expect(dispatch.workerAvailable(0) == .run("c", worker: 0))
    }

    @Test func newArrivalsDoNotOvertakeTheQueue() {
        var dispatch = ready(1, queue: 4)
        _ = dispatch.arrive("a")
        _ = dispatch.arrive("b")
        dispatch.workerLost(0)
        #expect(dispatch.workerAvailable(0) == .run("b", worker: 0))
        #expect(dispatch.arrive("c") == .queued)
    }

    @Test func shutdownRejectsWaitersAndNewArrivals() {
        var dispatch = ready(1, queue: 4)
        _ = dispatch.arrive("a")
        _ = dispatch.arrive("b")
        _ = dispatch.arrive("c")
        #expect(dispatch.shutDown() == ["b", "c"])
        #expect(dispatch.arrive("d") == .rejected)
        #expect(dispatch.workerAvailable(0) == .none)
    }
}
