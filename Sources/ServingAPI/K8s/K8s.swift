import Foundation

/// Kubernetes' own kinds and conventions live under `K8s.` so nothing collides with ours (`ModelDeployment`).
public enum K8s {}

extension K8s {
    /// A kind's address in the REST API: `/api/v1/...` for the core group, `/apis/{group}/{version}/...` otherwise.
    public struct ResourceType: Sendable, Hashable, CustomStringConvertible {
        public let group: String
        public let version: String
        /// The lower-case plural in URLs (`deployments`).
        public let plural: String
        public let kind: String
        public let namespaced: Bool

        public init(group: String, version: String, plural: String, kind: String, namespaced: Bool) {
            self.group = group
            self.version = version
            self.plural = plural
            self.kind = kind
            self.namespaced = namespaced
        }

        /// `v1` for the core group, `group/version` otherwise.
        public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

        /// `/api/v1` or `/apis/{group}/{version}`.
        public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

        /// The collection's path, in `namespace` when the kind is namespaced and one is given (else across all).
        public func collectionPath(namespace: String?) -> String {
            if namespaced, let namespace { return "\(groupVersionPath)/namespaces/\(namespace)/\(plural)" }
            return "\(groupVersionPath)/\(plural)"
        }

        public func objectPath(namespace: String?, name: String, subresource: String? = nil) -> String {
            let base = "\(collectionPath(namespace: namespace))/\(name)"
            return subresource.map { "\(base)/\($0)" } ?? base
        }

        /// `deployments.apps`, as kubectl names a resource; plain `pods` in the core group.
        public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }
    }

    /// RFC 3339 timestamps at second precision in UTC, as `metav1.Time` writes them.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(secondsInRange(date).rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// RFC 3339 with microseconds (`metav1.MicroTime`: leases, events).
    public static func microTimestamp(_ date: Date) -> String {
        let seconds = secondsInRange(date)
        let micros = min(999_999, Int(((seconds - seconds.rounded(.down)) * 1_000_000).rounded(.down)))
        return timestamp(date).dropLast() + String(format: ".%06dZ", micros)
    }

    /// Seconds since 1970, within what metav1.Time can write (years 0001 to 9999), so no conversion can trap.
    private static func secondsInRange(_ date: Date) -> Double {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { return 0 }
        return min(max(seconds, -62_135_596_800), 253_402_300_799)
    }

    /// Parses either form; fractional seconds are optional.
    public static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
