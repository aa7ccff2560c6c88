/// How a model is packaged: an ONNX file, or a Python entry script with its files (Azure ML's `score.py`).
public enum ModelFormat: String, Codable, Sendable, Hashable, CaseIterable {
    case onnx, python

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let format = ModelFormat(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected one of onnx, python, got \"\(text)\"")
        }
        self = format
    }
}

/// A validated model to load: where it is, how it is packaged, its checksum. Built from a `Model`'s spec or a
/// ModelDeployment's inline model; code holding one never re-checks it.
public struct ModelSource: Sendable, Hashable {
    public let uri: ModelURI
    public let format: ModelFormat
    /// 64 lower-case hex digits, when given.
    public let sha256: String?
    /// The entry script's path inside the model files: present exactly when `format` is `python`.
    public let entryScript: String?

    public static let sha256Pattern = "^[0-9a-f]{64}$"

    /// `fieldPrefix` is where the fields are (`spec`, `spec.model`), for the error messages.
    public init(
        uri: String, format: ModelFormat, sha256: String?, entryScript: String?, fieldPrefix: String = "spec"
    ) throws(ServingAPIError) {
        self.uri = try ModelURI(uri, field: "\(fieldPrefix).uri")
        self.format = format
        if let sha256 {
            let hex = sha256.lowercased()
            guard hex.utf8.count == 64, hex.utf8.allSatisfy({ Self.isHexDigit($0) }) else {
                throw .invalid("\(fieldPrefix).sha256", "\"\(sha256)\": expected 64 hexadecimal digits (SHA-256)")
            }
            self.sha256 = hex
        } else {
            self.sha256 = nil
        }
        switch (format, entryScript) {
        case (.python, nil), (.python, ""):
            throw .invalid("\(fieldPrefix).entryScript", "required when format is python (e.g. score.py)")
        case (.python, let script?):
            guard !script.hasPrefix("/"), !script.split(separator: "/").contains("..") else {
                throw .invalid(
                    "\(fieldPrefix).entryScript", "\"\(script)\": expected a relative path inside the model files")
            }
        case (.onnx, nil):
            break
        case (.onnx, .some):
            throw .invalid("\(fieldPrefix).entryScript", "only allowed when format is python")
        }
        self.entryScript = entryScript
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
