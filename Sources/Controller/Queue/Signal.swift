import Synchronization

/// A wake-up call between tasks: `notify()` wakes every current waiter, or the next one if none waits.
/// `wait` is cancellable and can time out.
final class Signal: Sendable {
    private struct State {
        var pending = false
        var nextID = 0
        var waiting: [Int: CheckedContinuation<Void, Never>] = [:]
        var starting: Set<Int> = []
        var cancelled: Set<Int> = []
    }

    private let state = Mutex(State())

    func notify() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if state.waiting.isEmpty {
                state.pending = true
                return []
            }
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns after a `notify()`, after `timeout` (if given), or when the task is cancelled.
    func wait(timeout: Duration?, clock: any KubeClock) async {
        guard let timeout else { return await wait() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait() }
            group.addTask { try? await clock.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    func wait() async {
        let id = state.withLock { state in
            state.nextID += 1
            state.starting.insert(state.nextID)
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    state.starting.remove(id)
                    if state.cancelled.remove(id) != nil { return true }
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiting[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                if state.starting.contains(id) { state.cancelled.insert(id) }
                return state.waiting.removeValue(forKey: id)
            }
            waiter?.resume()
        }
    }
}
