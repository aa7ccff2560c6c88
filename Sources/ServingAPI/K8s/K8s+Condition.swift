import Foundation

extension K8s {
    /// `metav1.Condition`: one observation about an object, keyed by `type` within its `status.conditions`.
    public struct Condition: Codable, Sendable, Hashable {
        public enum Status: String, Codable, Sendable, Hashable, CaseIterable {
            case `true` = "True"
            case `false` = "False"
            case unknown = "Unknown"
        }

        /// CamelCase: `Ready`, `Available`, `ModelLoaded`, ...
        public var type: String
        public var status: Status
        /// The `metadata.generation` the condition was set from.
        public var observedGeneration: Int64?
        /// RFC 3339; changes only when `status` changes.
        public var lastTransitionTime: String
        /// CamelCase, machine-readable: `Verified`, `ChecksumMismatch`, ...
        public var reason: String
        /// For humans; may be empty.
        public var message: String

        public init(
            type: String, status: Status, reason: String, message: String = "", observedGeneration: Int64? = nil,
            lastTransitionTime: String = ""
        ) {
            self.type = type
            self.status = status
            self.reason = reason
            self.message = message
            self.observedGeneration = observedGeneration
            self.lastTransitionTime = lastTransitionTime
        }

        public var isTrue: Bool { status == .true }
    }
}

extension [K8s.Condition] {
    /// The condition of `type`, if there is one.
    public subscript(type: String) -> K8s.Condition? {
        first { $0.type == type }
    }

    /// Whether the condition of `type` is there and `True`.
    public func isTrue(_ type: String) -> Bool { self[type]?.isTrue ?? false }

    /// Sets `condition` in place of the one of its type (or appends it), as `meta.SetStatusCondition` does:
    /// the transition time moves to `now` only when the status changes (or the condition is new); reason,
    /// message and observed generation always take the new values. Returns whether anything changed.
    @discardableResult
    public mutating func set(_ condition: K8s.Condition, now: Date) -> Bool {
        guard let index = firstIndex(where: { $0.type == condition.type }) else {
            var added = condition
            if added.lastTransitionTime.isEmpty { added.lastTransitionTime = K8s.timestamp(now) }
            append(added)
            return true
        }
        var updated = condition
        if self[index].status == condition.status {
            updated.lastTransitionTime = self[index].lastTransitionTime
        } else if updated.lastTransitionTime.isEmpty {
            updated.lastTransitionTime = K8s.timestamp(now)
        }
        guard updated != self[index] else { return false }
        self[index] = updated
        return true
    }

    /// Removes the condition of `type`; returns whether there was one.
    @discardableResult
    public mutating func remove(type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }
}
