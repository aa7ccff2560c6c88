import Foundation
import ServingAPI

/// One serialized write: a working copy of the state that handlers read and change. Each `put` or `remove`
/// takes the next global resourceVersion and records the watch event; the store persists and publishes them
/// only when the whole write succeeds.
struct StoreTransaction {
    private(set) var state: ClusterState
    private(set) var events: [WatchEvent] = []
    /// The objects written (nil: removed), for persisting.
    private(set) var written: [ObjectKey: JSONValue?] = [:]
    let now: Date
    var random: AnyRandomNumberGenerator

    init(state: ClusterState, now: Date, random: AnyRandomNumberGenerator) {
        self.state = state
        self.now = now
        self.random = random
    }

    var registry: ResourceRegistry { state.registry }

    func get(_ key: ObjectKey) -> JSONValue? { state.object(key) }

    var timestamp: String { K8s.timestamp(now) }

    /// Stores `object` at the next resourceVersion. An object that is being deleted and has no finalizer left
    /// is removed instead (the last finalizer's removal completes a deletion). Returns what was stored.
    @discardableResult
    mutating func put(_ key: ObjectKey, _ object: JSONValue) -> JSONValue {
        if object.deletionTimestamp != nil, !Self.isHeld(key, object) {
            return remove(key, finalState: object) ?? object
        }
        let existed = state.object(key)
        var stored = object
        state.resourceVersion += 1
        stored.resourceVersion = String(state.resourceVersion)
        state.objects[key.storageKey, default: [:]][key.itemKey] = stored
        state.track(key, stored, previous: existed)
        written[key] = .some(stored)
        events.append(
            WatchEvent(
                kind: existed == nil ? .added : .modified, storageKey: key.storageKey, object: stored, previous: existed,
                resourceVersion: state.resourceVersion))
        if key.storageKey == ResourceInfo.customResourceDefinitions.storageKey { state.registry.add(crd: stored) }
        return stored
    }

    /// Removes the object at the next resourceVersion; the DELETED event carries `finalState` (default: as stored).
    @discardableResult
    mutating func remove(_ key: ObjectKey, finalState: JSONValue? = nil) -> JSONValue? {
        guard let existing = state.object(key) else { return nil }
        var final = finalState ?? existing
        state.resourceVersion += 1
        final.resourceVersion = String(state.resourceVersion)
        state.objects[key.storageKey]?[key.itemKey] = nil
        state.track(key, nil, previous: existing)
        written[key] = .some(nil)
        events.append(
            WatchEvent(kind: .deleted, storageKey: key.storageKey, object: final, previous: existing, resourceVersion: state.resourceVersion))
        if key.storageKey == ResourceInfo.customResourceDefinitions.storageKey,
            let info = ResourceRegistry.infos(fromCRD: existing).first
        {
            state.registry.remove(storageKey: info.storageKey)
        }
        return final
    }

    /// A random RFC 4122 version 4 UUID, as Kubernetes uids are.
    mutating func makeUID() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(separator: "-")
    }

    /// The 5-character suffix `generateName` gets (the alphabet the real server uses: no vowels, no 0/1/3).
    mutating func makeNameSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// A type-erased generator that is itself a `RandomNumberGenerator` (so `Int.random(in:using:)` takes it).
struct AnyRandomNumberGenerator: RandomNumberGenerator {
    private var base: any RandomNumberGenerator

    init(_ base: any RandomNumberGenerator) { self.base = base }

    mutating func next() -> UInt64 { base.next() }
}
