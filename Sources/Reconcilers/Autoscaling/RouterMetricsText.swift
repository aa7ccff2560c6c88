/// Reads the routers' in-flight gauges out of their Prometheus text: the lines
/// `swiftlet_router_in_flight{namespace="…",endpoint="…",deployment="…"} 3`, summed per `namespace/deployment`.
enum RouterMetricsText {
    static let inFlightMetric = "swiftlet_router_in_flight"

    static func inFlight(_ text: Substring) -> [String: Int] {
        var result: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix(inFlightMetric + "{") {
            guard let close = line.lastIndex(of: "}") else { continue }
            let labels = Self.labels(line[line.index(line.startIndex, offsetBy: inFlightMetric.count + 1)..<close])
            let value = line[line.index(after: close)...].split(separator: " ").first.flatMap { Double($0) }
            guard let namespace = labels["namespace"], let deployment = labels["deployment"], let value, value >= 0
            else { continue }
            result["\(namespace)/\(deployment)", default: 0] += Int(value.rounded())
        }
        return result
    }

    /// `a="x",b="y \"quoted\""` → its labels, with the exposition format's escapes (`\\`, `\"`, `\n`) undone.
    static func labels(_ text: Substring) -> [String: String] {
        var labels: [String: String] = [:]
        var rest = text[...]
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingPrefix(",").trimmingPrefix(" ")
            rest = rest[rest.index(after: equals)...]
            guard rest.first == "\"" else { break }
            rest = rest.dropFirst()
            var value = ""
            var escaped = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if escaped {
                    value.append(character == "n" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    break
                } else {
                    value.append(character)
                }
            }
            labels[String(name)] = value
        }
        return labels
    }
}
