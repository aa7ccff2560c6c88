import ServingAPI

/// One change to one stored object, as watchers receive it (the object at its new resourceVersion).
struct WatchEvent: Sendable, Equatable {
    enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    var kind: Kind
    var storageKey: String
    var object: JSONValue
    /// The object before the change (for a modification), so a label-filtered watch can tell an object
    /// leaving its selection (sent as DELETED) from one entering it (sent as ADDED).
    var previous: JSONValue?
    var resourceVersion: Int64
}

/// What a watch stream carries to its HTTP response: events, bookmarks, and the final error.
enum WatchMessage: Sendable {
    case event(WatchEvent.Kind, JSONValue)
    case bookmark(resourceVersion: Int64)
    case error(K8s.Status)
}
