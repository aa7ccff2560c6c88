import ServingAPI

/// events.k8s.io/v1 Events are stored as core/v1 Events (one storage, as in the real server): the same object
/// with renamed fields (`note` is `message`, `regarding` is `involvedObject`, the `deprecated…` fields are the
/// core ones).
enum EventConversion {
    /// events.k8s.io/v1 name → core/v1 name, for the fields whose names differ.
    static let renames: [(events: String, core: String)] = [
        ("note", "message"), ("regarding", "involvedObject"), ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"),
    ]

    static func toCore(_ event: JSONValue) -> JSONValue {
        var members = event.objectValue ?? [:]
        for (events, core) in renames {
            members[core] = members.removeValue(forKey: events)
        }
        members["apiVersion"] = "v1"
        return .object(members)
    }

    static func fromCore(_ event: JSONValue) -> JSONValue {
        var members = event.objectValue ?? [:]
        for (events, core) in renames {
            members[events] = members.removeValue(forKey: core)
        }
        members["apiVersion"] = "events.k8s.io/v1"
        return .object(members)
    }

    /// A field selector's label on events.k8s.io/v1, as the core field it selects on.
    static func coreFieldLabel(_ label: String) -> String {
        for (events, core) in renames {
            if label == events { return core }
            if label.hasPrefix(events + ".") { return core + label.dropFirst(events.count) }
        }
        return label
    }
}
