import ServingAPI

/// One event of a watch stream (`metav1.WatchEvent`).
public enum WatchEvent: Sendable, Equatable {
    case added(JSONValue)
    case modified(JSONValue)
    case deleted(JSONValue)
    /// Only a newer resourceVersion (`allowWatchBookmarks`); the object carries nothing else.
    case bookmark(resourceVersion: String)
    /// The server ended the watch with a `Status` (410 Gone when the resourceVersion is too old).
    case error(K8s.Status)

    /// Decodes one line of a watch stream: `{"type": "...", "object": {...}}`.
    init(line: JSONValue) throws(KubeError) {
        guard let type = line["type"]?.stringValue, let object = line["object"] else {
            throw .decoding("watch event without type and object: \(line.jsonText.prefix(200))")
        }
        switch type {
        case "ADDED": self = .added(object)
        case "MODIFIED": self = .modified(object)
        case "DELETED": self = .deleted(object)
        case "BOOKMARK":
            guard let version = object.resourceVersion else { throw .decoding("BOOKMARK without resourceVersion") }
            self = .bookmark(resourceVersion: version)
        case "ERROR": self = .error(KubeClient.status(from: object, httpStatus: 500))
        default: throw .decoding("watch event of unknown type \(type)")
        }
    }

    /// The resourceVersion to resume from after this event, if it carries one.
    var resourceVersion: String? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object.resourceVersion
        case .bookmark(let version): version
        case .error: nil
        }
    }
}

/// Splits a byte stream into newline-delimited JSON watch events. Chunks may end anywhere (inside a line, inside
/// a UTF-8 sequence); a line longer than `maximumLineBytes` is an error rather than unbounded buffering.
struct WatchLineDecoder: Sendable {
    let maximumLineBytes: Int
    private var buffer: [UInt8] = []

    init(maximumLineBytes: Int = 16 * 1024 * 1024) { self.maximumLineBytes = maximumLineBytes }

    /// The events completed by this chunk, in order.
    mutating func feed(_ chunk: some Collection<UInt8>) throws(KubeError) -> [WatchEvent] {
        var events: [WatchEvent] = []
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                if let event = try takeLine() { events.append(event) }
            } else {
                buffer.append(byte)
                if buffer.count > maximumLineBytes {
                    throw .decoding("watch event longer than \(maximumLineBytes) bytes")
                }
            }
        }
        return events
    }

    /// Called when the stream ends: a last line without a newline is still an event.
    mutating func finish() throws(KubeError) -> WatchEvent? { try takeLine() }

    var bufferedBytes: Int { buffer.count }

    private mutating func takeLine() throws(KubeError) -> WatchEvent? {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard buffer.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { return nil }
        let line: JSONValue
        do { line = try JSONValue(parsing: buffer) } catch { throw .decoding("watch event is not JSON: \(error)") }
        return try WatchEvent(line: line)
    }
}
