import ServingAPI

/// A validated fetch: where the model is, how it is packaged, where it goes. Built once; the fetcher never re-checks.
public struct ModelFetchRequest: Sendable, Hashable {
    public let uri: ModelURI
    public let format: ModelFormat
    /// 64 lower-case hex digits, when given.
    public let sha256: String?
    /// The directory the model ends up in (`model.onnx` for onnx, the model's files for python).
    public let destination: String
    /// Where Kubernetes mounts the volume of a `pvc://` or `configmap://` URI.
    public let sourceRoot: String?
    /// Where the credentials files (`token`, `AWS_ACCESS_KEY_ID`, ...) are mounted.
    public let credentialsDirectory: String?
    /// The bound on the whole fetch.
    public let timeout: Duration

    public init(
        uri: ModelURI, format: ModelFormat = .onnx, sha256: String? = nil, destination: String,
        sourceRoot: String? = nil, credentialsDirectory: String? = nil, timeout: Duration = .seconds(600)
    ) throws(ModelFetchError) {
        guard !destination.isEmpty else { throw ModelFetchError(.badArguments, "--dest is empty: expected a directory") }
        guard timeout > .zero else {
            throw ModelFetchError(.badArguments, "timeout \(timeout): expected a positive number of seconds")
        }
        if let sha256 {
            let hex = sha256.lowercased()
            guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
                throw ModelFetchError(.badArguments, "--sha256 \"\(sha256)\": expected 64 hexadecimal digits")
            }
            self.sha256 = hex
        } else {
            self.sha256 = nil
        }
        if (uri.scheme == .pvc || uri.scheme == .configmap) && (sourceRoot ?? "").isEmpty {
            throw ModelFetchError(
                .badArguments,
                "\(uri.scheme.rawValue):// needs --source-root: the directory where Kubernetes mounts the volume")
        }
        self.uri = uri
        self.format = format
        self.destination = destination
        self.sourceRoot = sourceRoot
        self.credentialsDirectory = credentialsDirectory
        self.timeout = timeout
    }

    /// From command-line text: `uri` and `format` are parsed here, so their errors are `badArguments` too.
    public init(
        uri: String, format: String = "onnx", sha256: String? = nil, destination: String,
        sourceRoot: String? = nil, credentialsDirectory: String? = nil, timeoutSeconds: Int = 600
    ) throws(ModelFetchError) {
        let parsed: ModelURI
        do {
            parsed = try ModelURI(uri, field: "--uri")
        } catch {
            throw ModelFetchError(.badArguments, "\(error)")
        }
        guard let modelFormat = ModelFormat(rawValue: format) else {
            throw ModelFetchError(.badArguments, "--format \"\(format)\": expected onnx or python")
        }
        try self.init(
            uri: parsed, format: modelFormat, sha256: sha256, destination: destination, sourceRoot: sourceRoot,
            credentialsDirectory: credentialsDirectory, timeout: .seconds(timeoutSeconds))
    }
}

/// What a fetch left on disk.
public struct FetchResult: Sendable, Hashable {
    /// `<dest>/model.onnx`, the single python file, or the destination directory for an archive or a directory.
    public let path: String
    /// Bytes fetched (or, when skipped, the size of the file already there).
    public let bytes: Int64
    /// The SHA-256 of the fetched file or archive; nil for a directory source.
    public let sha256: String?
    /// True when the destination already held a file with the expected SHA-256 and nothing was fetched.
    public let skipped: Bool
}
