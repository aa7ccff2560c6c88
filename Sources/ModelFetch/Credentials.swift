import Foundation

/// The credentials files a Secret mounts in `--credentials-dir`, one value per file.
struct CredentialsDirectory: Sendable {
    let path: String

    /// The trimmed contents of `<dir>/<name>`; nil when the file does not exist or is blank.
    func value(_ name: String) throws(ModelFetchError) -> String? {
        let file = (path as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw .io("cannot read credentials file \(file)", error)
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    func required(_ name: String) throws(ModelFetchError) -> String {
        guard let value = try value(name) else {
            let file = (path as NSString).appendingPathComponent(name)
            throw ModelFetchError(
                .missingCredentials, "S3 credentials: \(file) is missing or empty: expected the Secret key \(name) there")
        }
        return value
    }
}

/// Everything needed to sign S3 requests, read from the credentials directory.
struct S3Configuration: Sendable, Hashable {
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String?
    var region: String
    /// e.g. `https://s3.us-east-1.amazonaws.com` or `http://minio:9000`, without a trailing '/'.
    var endpoint: String

    static func load(from directory: String?) throws(ModelFetchError) -> S3Configuration {
        guard let directory, !directory.isEmpty else {
            throw ModelFetchError(
                .missingCredentials,
                "s3:// needs --credentials-dir: expected a directory with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY files")
        }
        let files = CredentialsDirectory(path: directory)
        let region = try files.value("AWS_REGION") ?? "us-east-1"
        var endpoint = try files.value("AWS_ENDPOINT_URL") ?? "https://s3.\(region).amazonaws.com"
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        return S3Configuration(
            accessKeyID: try files.required("AWS_ACCESS_KEY_ID"),
            secretAccessKey: try files.required("AWS_SECRET_ACCESS_KEY"),
            sessionToken: try files.value("AWS_SESSION_TOKEN"),
            region: region,
            endpoint: endpoint)
    }
}
