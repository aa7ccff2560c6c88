import Foundation

/// What our three kinds share: `apiVersion`/`kind` from `resourceType`, `metadata`, `spec` and `status`.
/// The JSON form (`json`, `init(json:)`) goes through Codable and is what clients send and the server stores.
public protocol ServingResource: Codable, Sendable, Hashable {
    associatedtype Spec: Codable, Sendable, Hashable
    associatedtype Status: Codable, Sendable, Hashable, EmptyInitializable

    static var resourceType: K8s.ResourceType { get }
    var metadata: K8s.ObjectMeta { get set }
    var spec: Spec { get set }
    /// Empty (`Status()`) until a controller writes it; an empty status is left out of the JSON.
    var status: Status { get set }

    init(metadata: K8s.ObjectMeta, spec: Spec, status: Status)
}

/// The API group of our kinds and its one version.
public enum ServingGroup {
    public static let name = "serving.swiftlet.dev"
    public static let version = "v1alpha1"
    /// `kubectl get swiftlet` lists every kind in it.
    public static let category = "swiftlet"

    static func resourceType(plural: String, kind: String) -> K8s.ResourceType {
        K8s.ResourceType(group: name, version: version, plural: plural, kind: kind, namespaced: true)
    }
}

enum ResourceCodingKeys: String, CodingKey {
    case apiVersion, kind, metadata, spec, status
}

extension ServingResource {
    // Codable by hand: `apiVersion` and `kind` are checked against `resourceType`, and an empty status is left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ResourceCodingKeys.self)
        for (key, expected) in [(ResourceCodingKeys.apiVersion, Self.resourceType.apiVersion), (.kind, Self.resourceType.kind)] {
            let found = try container.decode(String.self, forKey: key)
            guard found == expected else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "expected \"\(expected)\", got \"\(found)\"")
            }
        }
        self.init(
            metadata: try container.decodeIfPresent(K8s.ObjectMeta.self, forKey: .metadata) ?? K8s.ObjectMeta(),
            spec: try container.decode(Spec.self, forKey: .spec),
            status: try container.decodeIfPresent(Status.self, forKey: .status) ?? Status())
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ResourceCodingKeys.self)
        try container.encode(Self.resourceType.apiVersion, forKey: .apiVersion)
        try container.encode(Self.resourceType.kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(spec, forKey: .spec)
        if status != Status() { try container.encode(status, forKey: .status) }
    }
}

/// A status type whose `init()` is the empty status of a new object.
public protocol EmptyInitializable { init() }

extension ServingResource {
    /// Decodes the object from its JSON form (as the API server returns it).
    public init(json: JSONValue) throws(ServingAPIError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(json.serialized()))
        } catch let error as DecodingError {
            throw ServingAPIError(decoding: error)
        } catch {
            throw ServingAPIError(.malformed, field: "", "\(error)")
        }
    }

    /// The JSON form, keys sorted: what a client sends to the API server.
    public var json: JSONValue { JSONValue(encoding: self) }

    /// The JSON form of the status alone (`{}` when empty).
    public var statusJSON: JSONValue { JSONValue(encoding: status) }
}

extension JSONValue {
    /// The JSON form of one of our Codable values (kinds, specs, statuses), keys sorted.
    public init<T: Encodable>(encoding value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Our types encode only strings, integers, finite numbers, booleans, arrays and objects: neither step can fail.
        let data = try! encoder.encode(value)
        self = try! JSONValue(parsing: data)
    }
}
