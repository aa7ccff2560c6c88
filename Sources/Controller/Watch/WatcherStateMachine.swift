import ServingAPI

/// What a watcher tells its consumers. `applied` covers added and modified objects; after a relist, objects that
/// disappeared while the watch was down come as `deleted`, and `synced` follows every complete (re)list.
public enum WatcherChange: Sendable, Equatable {
    case applied(JSONValue)
    case deleted(JSONValue)
    case synced
}

/// The watcher as a value: list (paged) → watch from the list's resourceVersion with bookmarks → on 410 Gone
/// relist → on a broken or failed watch, back off (exponential, jittered) and resume from the last seen
/// resourceVersion. It keeps the objects it has reported, so a relist reports exactly what changed meanwhile.
/// Every method takes an event and returns what to do next; the shell (`Watcher`) does it.
struct WatcherStateMachine {
    enum Action: Sendable, Equatable {
        /// List a page (`continueToken` nil: the first page of a fresh list).
        case list(continueToken: String?)
        case watch(resourceVersion: String)
        case sleep(Duration)
    }

    enum Phase: Equatable {
        case idle
        case listing(items: [JSONValue])
        case watching
        case backingOff(then: Action)
    }

    private(set) var phase: Phase = .idle
    private(set) var known: [ObjectKey: JSONValue] = [:]
    private(set) var resourceVersion: String?
    private(set) var failures = 0
    let backoff: Backoff

    init(backoff: Backoff = .watcher) { self.backoff = backoff }

    mutating func start() -> Action {
        phase = .listing(items: [])
        return .list(continueToken: nil)
    }

    /// A page arrived. More pages: list the next; the last: report the differences and start watching.
    mutating func listed(_ page: ObjectList) -> (changes: [WatcherChange], next: Action) {
        guard case .listing(let earlier) = phase else { return ([], start()) }
        let items = earlier + page.items
        if let token = page.continueToken {
            phase = .listing(items: items)
            return ([], .list(continueToken: token))
        }
        failures = 0
        let changes = replaceKnown(with: items)
        resourceVersion = page.resourceVersion
        phase = .watching
        return (changes, .watch(resourceVersion: page.resourceVersion))
    }

    /// A list request failed: back off, then list again from the first page (an expired continue token, 410,
    /// needs a fresh list too).
    mutating func listFailed(_ error: KubeError, using generator: inout some RandomNumberGenerator) -> Action {
        backOff(then: .list(continueToken: nil), using: &generator)
    }

    /// The watch request itself failed: 410 means the resourceVersion is too old (relist now); anything else
    /// means back off and resume.
    mutating func watchFailed(_ error: KubeError, using generator: inout some RandomNumberGenerator) -> Action {
        if error.isGone { return relist() }
        return backOff(then: resume(), using: &generator)
    }

    /// One event of the watch. Returns the changes to report and, if the watch must stop, what to do instead.
    mutating func received(_ event: WatchEvent, using generator: inout some RandomNumberGenerator)
        -> (changes: [WatcherChange], next: Action?)
    {
        guard phase == .watching else { return ([], nil) }
        failures = 0
        if let version = event.resourceVersion { resourceVersion = version }
        switch event {
        case .added(let object), .modified(let object):
            guard let key = ObjectKey(object) else { return ([], nil) }
            known[key] = object
            return ([.applied(object)], nil)
        case .deleted(let object):
            guard let key = ObjectKey(object) else { return ([], nil) }
            known[key] = nil
            return ([.deleted(object)], nil)
        case .bookmark:
            return ([], nil)
        case .error(let status):
            if status.code == 410 { return ([], relist()) }
            return ([], backOff(then: resume(), using: &generator))
        }
    }

    /// The server closed the watch (its timeout): resume at once from the last resourceVersion. A watch that
    /// ended within a second with no event at all is a server closing on us: back off instead of spinning.
    mutating func watchEnded(withEvents: Bool, lasted: Duration, using generator: inout some RandomNumberGenerator)
        -> Action
    {
        if !withEvents && lasted < .seconds(1) { return backOff(then: resume(), using: &generator) }
        return resume()
    }

    /// The connection broke mid-watch: back off, then resume from the last resourceVersion.
    mutating func watchBroke(_ error: KubeError, using generator: inout some RandomNumberGenerator) -> Action {
        backOff(then: resume(), using: &generator)
    }

    mutating func backoffElapsed() -> Action {
        guard case .backingOff(let next) = phase else { return start() }
        switch next {
        case .list: phase = .listing(items: [])
        case .watch, .sleep: phase = .watching
        }
        return next
    }

    private mutating func relist() -> Action { start() }

    private mutating func resume() -> Action {
        guard let resourceVersion else { return start() }
        phase = .watching
        return .watch(resourceVersion: resourceVersion)
    }

    private mutating func backOff(then next: Action, using generator: inout some RandomNumberGenerator) -> Action {
        let delay = backoff.delay(attempt: failures, using: &generator)
        failures += 1
        phase = .backingOff(then: next)
        return .sleep(delay)
    }

    /// The objects of a complete list become the known set; the changes are what a consumer that saw the old set
    /// must hear: new or changed objects applied, vanished ones deleted, then synced.
    private mutating func replaceKnown(with items: [JSONValue]) -> [WatcherChange] {
        var fresh: [ObjectKey: JSONValue] = [:]
        var changes: [WatcherChange] = []
        for item in items {
            guard let key = ObjectKey(item) else { continue }
            fresh[key] = item
            if known[key] != item { changes.append(.applied(item)) }
        }
        for (key, object) in known.sorted(by: { $0.key < $1.key }) where fresh[key] == nil {
            changes.append(.deleted(object))
        }
        known = fresh
        changes.append(.synced)
        return changes
    }
}
