import Foundation
import Synchronization
@testable import Controller

/// A clock tests move by hand; `sleep` returns at once after advancing the clock by the duration.
final class ManualClock: KubeClock {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) { current = Mutex(start) }
    func now() -> Date { current.withLock { $0 } }
    func advance(_ duration: Duration) { current.withLock { $0 = $0.adding(duration) } }
    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(duration)
        await Task.yield()
    }
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "controller-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
