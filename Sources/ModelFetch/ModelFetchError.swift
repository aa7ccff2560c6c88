/// Why a model could not be fetched. (Placeholder: the fetch-model work fills this target in.)
public struct ModelFetchError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
