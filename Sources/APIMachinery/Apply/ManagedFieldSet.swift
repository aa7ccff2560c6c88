import ServingAPI

/// One step of a field path, as sigs.k8s.io/structured-merge-diff names it: a field of a map, an element of an
/// associative list by its key fields, an element of a set by its value, or (rarely) a list position.
enum ManagedPathElement: Hashable, Sendable {
    case field(String)
    /// The key fields of an associative list's element, as an object (`{"name":"nginx"}`).
    case key(JSONValue)
    case value(JSONValue)
    case index(Int)

    /// The FieldsV1 form: `f:replicas`, `k:{"name":"nginx"}`, `v:"foo"`, `i:0`.
    var encoded: String {
        switch self {
        case .field(let name): "f:" + name
        case .key(let fields): "k:" + fields.jsonText
        case .value(let value): "v:" + value.jsonText
        case .index(let index): "i:\(index)"
        }
    }

    init?(encoded: String) {
        let body = String(encoded.dropFirst(2))
        switch encoded.prefix(2) {
        case "f:": self = .field(body)
        case "k:":
            guard let fields = try? JSONValue(parsing: body), fields.objectValue != nil else { return nil }
            self = .key(fields)
        case "v:":
            guard let value = try? JSONValue(parsing: body) else { return nil }
            self = .value(value)
        case "i:":
            guard let index = Int(body) else { return nil }
            self = .index(index)
        default: return nil
        }
    }

    /// How conflict messages print it: `.spec`, `[name="nginx",protocol="TCP"]`, `[="foo"]`, `[0]`.
    var display: String {
        switch self {
        case .field(let name): "." + name
        case .key(let fields):
            "[" + (fields.objectValue ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.jsonText)" }
                .joined(separator: ",") + "]"
        case .value(let value): "[=\(value.jsonText)]"
        case .index(let index): "[\(index)]"
        }
    }
}

typealias ManagedFieldPath = [ManagedPathElement]

extension [ManagedPathElement] {
    var display: String { map(\.display).joined() }
}

/// A set of field paths as a trie (structured-merge-diff's `fieldpath.Set`): `members` are the paths that end at
/// this node's children, `children` hold the longer paths. A node may be both a member and have children (a list
/// element that is owned itself, with owned fields inside: `.` in FieldsV1).
struct ManagedFieldSet: Equatable, Sendable {
    var members: Set<ManagedPathElement> = []
    var children: [ManagedPathElement: ManagedFieldSet] = [:]

    var isEmpty: Bool { members.isEmpty && children.isEmpty }

    mutating func insert(_ path: some Collection<ManagedPathElement>) {
        guard let first = path.first else { return }
        let rest = path.dropFirst()
        if rest.isEmpty {
            members.insert(first)
        } else {
            children[first, default: ManagedFieldSet()].insert(rest)
        }
    }

    func contains(_ path: some Collection<ManagedPathElement>) -> Bool {
        guard let first = path.first else { return false }
        let rest = path.dropFirst()
        return rest.isEmpty ? members.contains(first) : children[first]?.contains(rest) ?? false
    }

    func union(_ other: ManagedFieldSet) -> ManagedFieldSet {
        var result = self
        result.members.formUnion(other.members)
        for (element, child) in other.children {
            result.children[element] = result.children[element]?.union(child) ?? child
        }
        return result
    }

    func subtracting(_ other: ManagedFieldSet) -> ManagedFieldSet {
        var result = ManagedFieldSet()
        result.members = members.subtracting(other.members)
        for (element, child) in children {
            let rest = other.children[element].map { child.subtracting($0) } ?? child
            if !rest.isEmpty { result.children[element] = rest }
        }
        return result
    }

    func intersection(_ other: ManagedFieldSet) -> ManagedFieldSet {
        var result = ManagedFieldSet()
        result.members = members.intersection(other.members)
        for (element, child) in children {
            guard let match = other.children[element] else { continue }
            let both = child.intersection(match)
            if !both.isEmpty { result.children[element] = both }
        }
        return result
    }

    /// Every path in the set, sorted by their printed form.
    var paths: [ManagedFieldPath] {
        var result: [ManagedFieldPath] = members.map { [$0] }
        for (element, child) in children {
            result += child.paths.map { [element] + $0 }
        }
        return result.sorted { $0.display < $1.display }
    }

    /// Whether any path in the set starts with `prefix` (the prefix itself included).
    func hasPaths(under prefix: some Collection<ManagedPathElement>) -> Bool {
        guard let first = prefix.first else { return !isEmpty }
        let rest = prefix.dropFirst()
        if rest.isEmpty, members.contains(first) { return true }
        return children[first]?.hasPaths(under: rest) ?? false
    }
}

extension ManagedFieldSet {
    /// The FieldsV1 encoding managedFields carries: `{"f:spec":{"f:replicas":{}}}`, `.` for a member with children.
    var fieldsV1: JSONValue {
        var object: [String: JSONValue] = [:]
        for element in members.union(children.keys) {
            if let child = children[element] {
                var encoded = child.fieldsV1.objectValue ?? [:]
                if members.contains(element) { encoded["."] = .object([:]) }
                object[element.encoded] = .object(encoded)
            } else {
                object[element.encoded] = .object([:])
            }
        }
        return .object(object)
    }

    /// Reads FieldsV1; `nil` when it is not that encoding.
    init?(fieldsV1: JSONValue) {
        guard case .object(let object) = fieldsV1 else { return nil }
        for (key, value) in object where key != "." {
            guard let element = ManagedPathElement(encoded: key), case .object(let inner) = value else { return nil }
            if inner.isEmpty || inner["."] != nil { members.insert(element) }
            var rest = inner
            rest["."] = nil
            if !rest.isEmpty {
                guard let child = ManagedFieldSet(fieldsV1: .object(rest)) else { return nil }
                children[element] = child
            }
        }
    }
}
