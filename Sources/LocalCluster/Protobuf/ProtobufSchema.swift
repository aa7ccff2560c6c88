/// The message definitions of `ProtobufSchemaText`, parsed once.
struct ProtobufSchema: Sendable {
    struct Field: Sendable {
        var name: String
        /// A scalar (`string`, `bytes`, `bool`, `int32`, `int64`, `double`, `float`) or a message's full name.
        var type: String
        var repeated: Bool
        /// A map with string keys; `type` is the value type.
        var isMap: Bool
    }

    let messages: [String: [Int: Field]]

    static let kubernetes = ProtobufSchema(text: ProtobufSchemaText.text)

    init(text: String) {
        var messages: [String: [Int: Field]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard let name = parts.first else { continue }
            var fields: [Int: Field] = [:]
            for part in parts.dropFirst() {
                let pieces = part.split(separator: "=", maxSplits: 2).map(String.init)
                guard pieces.count == 3, let number = Int(pieces[0]) else { continue }
                var type = pieces[2]
                let repeated = type.hasSuffix("*")
                if repeated { type.removeLast() }
                let isMap = type.hasPrefix("map:")
                if isMap { type.removeFirst(4) }
                fields[number] = Field(name: pieces[1], type: type, repeated: repeated, isMap: isMap)
            }
            messages[String(name)] = fields
        }
        self.messages = messages
    }

    /// The message of a top-level object: `k8s.io.api.<group>.<version>.<Kind>`.
    static func messageName(apiVersion: String, kind: String) -> String? {
        let parts = apiVersion.split(separator: "/").map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
        if group == "meta.k8s.io" || (group.isEmpty && kind == "DeleteOptions") {
            return "k8s.io.apimachinery.pkg.apis.meta.v1.\(kind)"
        }
        let packages = [
            "": "core", "apps": "apps", "autoscaling": "autoscaling", "policy": "policy",
            "coordination.k8s.io": "coordination", "discovery.k8s.io": "discovery", "events.k8s.io": "events",
        ]
        guard let package = packages[group] else { return nil }
        return "k8s.io.api.\(package).\(version).\(kind)"
    }
}
