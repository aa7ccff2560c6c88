import ServingAPI

/// Which objects of one storage a list or watch selects: namespace, label selector, field selector.
struct WatchFilter: Sendable {
    var storageKey: String
    var namespace: String?
    var labels: LabelSelector = .everything
    var fields: FieldSelector = .everything

    func matches(_ object: JSONValue) -> Bool {
        if let namespace, object.namespace != namespace { return false }
        return labels.matches(object.labels) && fields.matches(object)
    }

    /// What a watcher with this filter sees of `event`: an object entering the selection is ADDED, one leaving
    /// it is DELETED, changes outside it are not sent.
    func message(for event: WatchEvent) -> WatchMessage? {
        guard event.storageKey == storageKey else { return nil }
        let now = matches(event.object)
        switch event.kind {
        case .added: return now ? .event(.added, event.object) : nil
        case .deleted: return now ? .event(.deleted, event.object) : nil
        case .modified:
            let before = event.previous.map(matches) ?? false
            switch (before, now) {
            case (true, true): return .event(.modified, event.object)
            case (false, true): return .event(.added, event.object)
            case (true, false): return .event(.deleted, event.object)
            case (false, false): return nil
            }
        }
    }
}
