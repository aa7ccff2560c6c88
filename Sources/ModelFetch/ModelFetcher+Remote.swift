import AsyncHTTPClient
import Foundation
import ServingAPI

extension ModelFetcher {
    /// GETs an http(s) or s3 model into `staging` with one HTTP client, shut down whatever happens.
    func download(_ request: ModelFetchRequest, to staging: String) async throws(ModelFetchError) -> StagedFile {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPDownload.configuration())
        let result: Result<StagedFile, ModelFetchError>
        do throws(ModelFetchError) {
            let download = try makeDownload(request, client: client)
            result = .success(try await download.run(to: staging))
        } catch {
            result = .failure(error)
        }
        do {
            try await client.shutdown()
        } catch {
            logger.info("HTTP client shutdown failed", metadata: ["error": "\(error)"])
        }
        return try result.get()
    }

    private func makeDownload(_ request: ModelFetchRequest, client: HTTPClient) throws(ModelFetchError) -> HTTPDownload {
        let uri = request.uri
        switch uri.scheme {
        case .http, .https:
            let token = try request.credentialsDirectory.flatMap { directory throws(ModelFetchError) in
                try CredentialsDirectory(path: directory).value("token")
            }
            let authentication = token == nil
                ? "sent no token: expected <credentials-dir>/token if the server needs one"
                : "sent the bearer token from \(request.credentialsDirectory ?? "")/token"
            return HTTPDownload(
                client: client, url: uri.description,
                headers: token.map { [("Authorization", "Bearer \($0)")] } ?? [],
                authentication: authentication, timeout: request.timeout)
        case .s3:
            let configuration = try S3Configuration.load(from: request.credentialsDirectory)
            let signed = try S3Signer.signedGet(
                bucket: uri.authority, key: uri.path, configuration: configuration, date: now())
            return HTTPDownload(
                client: client, url: signed.url.absoluteString, headers: signed.headers,
                authentication: "signed with AWS_ACCESS_KEY_ID \(configuration.accessKeyID)", timeout: request.timeout)
        case .file, .pvc, .configmap:
            preconditionFailure("\(uri.scheme) is fetched from local files")
        }
    }
}
