/// Reads what the controller needs out of a router's Prometheus text (`/metrics`): its in-flight gauges
/// (`swiftlet_router_in_flight{namespace="…",endpoint="…",deployment="…"} 3`) and its mirror counters.
public enum RouterMetricsText {
    static let inFlightMetric = "swiftlet_router_in_flight"
    static let requestsMetric = "swiftlet_router_requests_total"
    static let mirrorRequestsMetric = "swiftlet_router_mirror_requests_total"
    static let mirrorLatencyMetric = "swiftlet_router_mirror_latency_difference_seconds"

    /// One sample line: its metric name, labels and value.
    struct Sample {
        var name: Substring
        var labels: [String: String]
        var value: Double
    }

    /// The sample lines of the named metrics (comments and other metrics skipped).
    static func samples(_ text: Substring, named names: Set<Substring>) -> [Sample] {
        text.split(separator: "\n").compactMap { line in
            guard let open = line.firstIndex(of: "{"), names.contains(line[..<open]),
                let close = line.lastIndex(of: "}"),
                let value = line[line.index(after: close)...].split(separator: " ").first.flatMap({ Double($0) }),
                value.isFinite
            else { return nil }
            return Sample(name: line[..<open], labels: labels(line[line.index(after: open)..<close]), value: value)
        }
    }

    /// Requests in flight and requests answered (`swiftlet_router_requests_total`, all codes) per
    /// `namespace/deployment`.
    public static func load(_ text: Substring) -> [String: DeploymentLoad] {
        var result: [String: DeploymentLoad] = [:]
        for sample in samples(text, named: [Substring(inFlightMetric), Substring(requestsMetric)]) {
            guard let namespace = sample.labels["namespace"], let deployment = sample.labels["deployment"],
                sample.value >= 0
            else { continue }
            let count = Int(sample.value.rounded())
            let key = "\(namespace)/\(deployment)"
            if sample.name == inFlightMetric {
                result[key, default: .idle].inFlight += count
            } else {
                result[key, default: .idle].requests += count
            }
        }
        return result
    }

    /// Mirrored copies per endpoint and deployment, by result, with the latency difference (a mean per router)
    /// turned into a total over that router's compared copies, so that routers add up.
    public static func mirrors(_ text: Substring) -> [MirrorKey: MirrorTally] {
        var tallies: [MirrorKey: MirrorTally] = [:]
        var meanLatency: [MirrorKey: Double] = [:]
        for sample in samples(text, named: [Substring(mirrorRequestsMetric), Substring(mirrorLatencyMetric)]) {
            guard let namespace = sample.labels["namespace"], let endpoint = sample.labels["endpoint"],
                let deployment = sample.labels["deployment"]
            else { continue }
            let key = MirrorKey(namespace: namespace, endpoint: endpoint, deployment: deployment)
            if sample.name == mirrorLatencyMetric {
                meanLatency[key] = sample.value
                continue
            }
            let count = Int(max(0, sample.value).rounded())
            switch sample.labels["result"] {
            case "agreed": tallies[key, default: MirrorTally()].agreed += count
            case "disagreed": tallies[key, default: MirrorTally()].disagreed += count
            case "failed": tallies[key, default: MirrorTally()].failed += count
            case "dropped": tallies[key, default: MirrorTally()].dropped += count
            default: continue
            }
        }
        for (key, mean) in meanLatency where tallies[key] != nil {
            tallies[key]!.latencyDifferenceTotal = mean * Double(tallies[key]!.agreed + tallies[key]!.disagreed)
        }
        return tallies
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
