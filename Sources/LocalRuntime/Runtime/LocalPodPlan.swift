import ServingAPI

/// A scorer pod template made local: what the local runtime runs for one replica, as a pure function of the
/// Deployment's pod template and where the replica lives. Containers run as processes of the `swiftlet` binary
/// (the image is not used: this binary is the image); every volume is a directory under the replica's directory,
/// and arguments naming a mount path name that directory instead. The scorer listens on 127.0.0.1 and the
/// replica's own port in place of the container port.
struct LocalPodPlan: Equatable, Sendable {
    /// One container, as a process.
    struct Step: Equatable, Sendable {
        var container: String
        var executable: String
        var arguments: [String]
        var environment: [String: String]
    }

    /// A volume, as a directory that exists before the first step runs.
    enum Volume: Equatable, Sendable {
        case emptyDir(path: String)
        /// Each key of the Secret is a file (`optional`: a missing Secret leaves the directory empty).
        case secret(name: String, path: String, optional: Bool)
        case configMap(name: String, path: String, optional: Bool)
    }

    var volumes: [Volume]
    /// Run in order, each to a zero exit, before `main`.
    var initSteps: [Step]
    var main: Step
    /// The path of the main container's readiness probe (`httpGet`), asked on 127.0.0.1 and the replica's port.
    var readinessPath: String?

    /// Why a pod template cannot run locally.
    struct Unsupported: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// - Parameters:
    ///   - template: the Deployment's `spec.template`.
    ///   - directory: the replica's own directory; volumes go under `<directory>/volumes/<name>`.
    ///   - port: the replica's port on 127.0.0.1.
    ///   - executable: the `swiftlet` binary that stands for the image's `swiftlet` command.
    init(template: JSONValue, directory: String, port: Int, executable: String) throws(Unsupported) {
        let spec = template["spec"] ?? [:]
        var volumes: [Volume] = []
        var hostPaths: [String: String] = [:]
        for volume in spec["volumes"]?.arrayValue ?? [] {
            guard let name = volume["name"]?.stringValue else { continue }
            let path = directory + "/volumes/" + name
            hostPaths[name] = path
            volumes.append(try Self.volume(volume, name: name, path: path))
        }
        self.volumes = volumes
        initSteps = try (spec["initContainers"]?.arrayValue ?? []).map { container throws(Unsupported) in
            try Self.step(container, hostPaths: hostPaths, executable: executable, port: port)
        }
        guard let containers = spec["containers"]?.arrayValue, containers.count == 1, let container = containers.first
        else {
            throw Unsupported(description: "the local runtime runs pods of exactly one container (the scorer)")
        }
        main = try Self.step(container, hostPaths: hostPaths, executable: executable, port: port)
        readinessPath = container[path: ["readinessProbe", "httpGet", "path"]]?.stringValue
    }

    private static func volume(_ volume: JSONValue, name: String, path: String) throws(Unsupported) -> Volume {
        if volume["emptyDir"] != nil { return .emptyDir(path: path) }
        if let secret = volume["secret"] {
            return .secret(name: secret["secretName"]?.stringValue ?? name, path: path,
                optional: secret["optional"]?.boolValue ?? false)
        }
        if let configMap = volume["configMap"] {
            return .configMap(name: configMap["name"]?.stringValue ?? name, path: path,
                optional: configMap["optional"]?.boolValue ?? false)
        }
        throw Unsupported(description: "volume \"\(name)\": the local runtime has emptyDir, secret and configMap "
            + "volumes only (pvc:// models need a cluster; use file:// or https:// locally)")
    }

    private static func step(_ container: JSONValue, hostPaths: [String: String], executable: String, port: Int)
        throws(Unsupported) -> Step
    {
        let name = container["name"]?.stringValue ?? "container"
        let command = (container["command"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard command.first == "swiftlet" else {
            throw Unsupported(description: "container \"\(name)\" runs \(command.first ?? "its image's entrypoint"): "
                + "the local runtime runs the swiftlet binary's own commands only")
        }
        // The longest mount path first, so that /a/b is rewritten before /a.
        let mounts = (container["volumeMounts"]?.arrayValue ?? []).compactMap { mount -> (String, String)? in
            guard let path = mount["mountPath"]?.stringValue, let volume = mount["name"]?.stringValue,
                let host = hostPaths[volume]
            else { return nil }
            return (path, host)
        }.sorted { $0.0.count > $1.0.count }
        var arguments = Array(command.dropFirst()) + (container["args"]?.arrayValue ?? []).compactMap(\.stringValue)
        arguments = arguments.map { argument in
            for (mountPath, host) in mounts where argument == mountPath || argument.hasPrefix(mountPath + "/") {
                return host + argument.dropFirst(mountPath.count)
            }
            return argument
        }
        let containerPorts = (container["ports"]?.arrayValue ?? []).compactMap { $0["containerPort"]?.intValue }
        for index in arguments.indices.dropLast() {
            switch arguments[index] {
            case "--host": arguments[index + 1] = "127.0.0.1"
            case "--port" where containerPorts.contains(Int64(arguments[index + 1]) ?? -1):
                arguments[index + 1] = String(port)
            default: break
            }
        }
        var environment: [String: String] = [:]
        for variable in container["env"]?.arrayValue ?? [] {
            guard let key = variable["name"]?.stringValue else { continue }
            guard let value = variable["value"]?.stringValue else {
                throw Unsupported(description: "container \"\(name)\": env \(key) uses valueFrom, which the local "
                    + "runtime does not resolve; give a value")
            }
            environment[key] = value
        }
        if let tmp = mounts.first(where: { $0.0 == "/tmp" }) { environment["TMPDIR"] = tmp.1 }
        return Step(container: name, executable: executable, arguments: arguments, environment: environment)
    }
}
