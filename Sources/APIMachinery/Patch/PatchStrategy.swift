import ServingAPI

/// How a kind's fields merge, by field path (list elements are transparent: `spec.template.spec.containers.ports`).
/// Strategic merge patch reads the list rules (merge by key, merge as a set, or replace); server-side apply reads
/// the same table as its schema (associative lists with their keys, sets, atomic lists and atomic maps).
/// A field the table does not name is a map that merges member by member, or a list that is replaced whole.
public struct PatchStrategy: Sendable {
    /// One field's rule.
    public struct Rule: Sendable, Hashable {
        /// Strategic merge patch merges this list (`patchStrategy:"merge"`); otherwise it replaces it.
        public var mergeList: Bool
        /// `patchMergeKey`: the member that identifies a list element; `nil` for a list of scalars (a set).
        public var mergeKey: String?
        /// Server-side apply's `listType`: the key members of an associative list (`listMapKey`), empty for
        /// an atomic list or a set.
        public var listMapKeys: [String]
        /// Server-side apply's `listType=set` (a list of distinct scalars merged as a set).
        public var listSet: Bool
        /// Key members' defaults (`protocol: TCP`) used when an element leaves them out.
        public var keyDefaults: [String: JSONValue]
        /// `structType=atomic` / `mapType=atomic`: server-side apply owns and replaces the map whole (for a list,
        /// each of its elements).
        public var atomicMap: Bool

        public init(
            mergeList: Bool = false, mergeKey: String? = nil, listMapKeys: [String] = [], listSet: Bool = false,
            keyDefaults: [String: JSONValue] = [:], atomicMap: Bool = false
        ) {
            self.mergeList = mergeList
            self.mergeKey = mergeKey
            self.listMapKeys = listMapKeys
            self.listSet = listSet
            self.keyDefaults = keyDefaults
            self.atomicMap = atomicMap
        }

        /// A list merged by `key` in both strategic merge patch and server-side apply (`listType=map`).
        /// `atomicElements`: the elements are `structType=atomic` (an owner reference), owned and replaced whole.
        public static func keyed(
            _ key: String, applyKeys: [String]? = nil, defaults: [String: JSONValue] = [:], atomicElements: Bool = false
        ) -> Rule {
            Rule(
                mergeList: true, mergeKey: key, listMapKeys: applyKeys ?? [key], keyDefaults: defaults,
                atomicMap: atomicElements)
        }

        /// A list of scalars merged as a set (`finalizers`).
        public static let set = Rule(mergeList: true, listSet: true)

        /// A map replaced whole by server-side apply (a label selector).
        public static let atomic = Rule(atomicMap: true)

        /// A list that strategic merge patch merges by `key` but server-side apply treats as atomic.
        public static func keyedPatchOnly(_ key: String) -> Rule { Rule(mergeList: true, mergeKey: key) }
    }

    var rules: [String: Rule]

    /// No rules: every list is replaced whole, maps merge (what custom resources and unknown kinds get).
    public init(rules: [String: Rule] = [:]) {
        self.rules = rules
    }

    public static let none = PatchStrategy()

    /// The rule for a field path, e.g. `spec.template.spec.containers`.
    public func rule(for path: String) -> Rule? { rules[path] }

    func rule(_ path: [String]) -> Rule? {
        rules.isEmpty ? nil : rules[path.joined(separator: ".")]
    }

    /// A copy with `rule` set for `path`.
    public func with(_ path: String, _ rule: Rule) -> PatchStrategy {
        var copy = self
        copy.rules[path] = rule
        return copy
    }
}
