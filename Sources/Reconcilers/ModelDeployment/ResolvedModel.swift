import ServingAPI

/// The model a ModelDeployment serves, once its reference is resolved: where to fetch it and what to report.
public struct ResolvedModel: Sendable, Hashable {
    public var source: ModelSource
    /// The name scorers serve it under (`/v2/models/{name}`): the Model's `modelName`, or the deployment's name
    /// for an inline model.
    public var modelName: String
    /// The Model's version; `nil` for an inline model.
    public var version: Int64?
    /// The Model object's name; `nil` for an inline model.
    public var reference: String?
    /// The Secret with the store's credentials, mounted into the fetch step.
    public var secretName: String?

    public init(source: ModelSource, modelName: String, version: Int64? = nil, reference: String? = nil,
        secretName: String? = nil)
    {
        self.source = source
        self.modelName = modelName
        self.version = version
        self.reference = reference
        self.secretName = secretName
    }

    /// A short digest of what the scorers load (location, format, checksum, entry script): the pod template
    /// carries it, so a different model rolls the pods. FNV-1a, for change detection, not security.
    public var digest: String {
        let text = [source.uri.description, source.format.rawValue, source.sha256 ?? "", source.entryScript ?? ""]
            .joined(separator: "\n")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Why a ModelDeployment's model cannot be served: the `ModelLoaded` condition's reason and message.
public struct ModelProblem: Error, Sendable, Hashable {
    public var reason: String
    public var message: String

    public init(reason: String, message: String) {
        self.reason = reason
        self.message = message
    }
}

extension ModelDeployment {
    /// Resolves the deployment's model: its inline model, or the Model `models` returns for its reference.
    public func resolveModel(lookup models: (String) -> Model?) -> Result<ResolvedModel, ModelProblem> {
        let choice: ModelChoice
        do {
            choice = try validated()
        } catch {
            return .failure(ModelProblem(reason: "InvalidSpec", message: error.description))
        }
        switch choice {
        case .inline(let source):
            return .success(ResolvedModel(source: source, modelName: metadata.name ?? spec.endpoint))
        case .ref(let name):
            guard let model = models(name) else {
                return .failure(ModelProblem(
                    reason: "ModelNotFound", message: "Model \"\(name)\" does not exist in this namespace: create it, "
                        + "or reference an existing one in spec.model.ref"))
            }
            do {
                return .success(ResolvedModel(
                    source: try model.spec.validated(), modelName: model.spec.modelName, version: model.spec.version,
                    reference: name, secretName: model.spec.secretRef?.name))
            } catch {
                return .failure(ModelProblem(reason: "InvalidModel", message: "Model \"\(name)\": \(error.description)"))
            }
        }
    }
}
