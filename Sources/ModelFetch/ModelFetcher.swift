import AsyncHTTPClient
import Foundation
import Logging
import ServingAPI

/// Puts a model on local disk, verified: validated request → fetch to a staging file → verify → move into place.
public struct ModelFetcher: Sendable {
    enum MetadataKey {
        static let uri = "uri"
        static let bytes = "bytes"
        static let sha256 = "sha256"
        static let seconds = "seconds"
    }

    let logger: Logger
    /// The wall-clock time S3 requests are signed with.
    let now: @Sendable () -> Date
    /// Names of staging files (`.partial-<id>`).
    let makeID: @Sendable () -> String

    public init(logger: Logger) {
        self.init(logger: logger, now: { Date() }, makeID: { UUID().uuidString })
    }

    init(logger: Logger, now: @escaping @Sendable () -> Date, makeID: @escaping @Sendable () -> String) {
        self.logger = logger
        self.now = now
        self.makeID = makeID
    }

    public func fetch(_ request: ModelFetchRequest) async throws(ModelFetchError) -> FetchResult {
        let start = ContinuousClock.now
        let result = try await Self.bounded(by: request.timeout, uri: request.uri) {
            () async throws(ModelFetchError) -> FetchResult in try await self.fetchUnbounded(request)
        }
        let seconds = Double((ContinuousClock.now - start).nanoseconds) / 1e9
        let metadata: Logger.Metadata = [
            MetadataKey.uri: "\(request.uri)", MetadataKey.bytes: "\(result.bytes)",
            MetadataKey.sha256: "\(result.sha256 ?? "-")", MetadataKey.seconds: "\(seconds)",
        ]
        logger.info(
            result.skipped ? "model already at \(result.path) with the expected sha256: fetch skipped" : "model fetched",
            metadata: metadata)
        return result
    }

    private func fetchUnbounded(_ request: ModelFetchRequest) async throws(ModelFetchError) -> FetchResult {
        let destination = Destination(path: request.destination)
        try destination.prepare()
        var local: FileSource?
        if request.uri.isLocal { local = try FileSource(request) }
        if let local, local.isDirectory { return try placeTree(local, request, destination) }
        let plan = try FetchPlan(request)
        if let skipped = try alreadyThere(plan, request) { return skipped }
        let staging = destination.stagingPath(makeID())
        do throws(ModelFetchError) {
            let staged: StagedFile
            if let local {
                staged = try local.copy(to: staging)
            } else {
                staged = try await download(request, to: staging)
            }
            return try place(staged, plan, request, destination)
        } catch {
            destination.remove(staging)
            throw error
        }
    }

    /// The file that a previous run verified and placed, when it still has the expected SHA-256. A file there
    /// with another hash is deleted: the fetch starts from scratch.
    private func alreadyThere(_ plan: FetchPlan, _ request: ModelFetchRequest) throws(ModelFetchError) -> FetchResult? {
        guard let expected = request.sha256, case .file(let target) = plan.placement,
            FileManager.default.fileExists(atPath: target)
        else { return nil }
        let existing = try HashingFile.sha256(ofFileAt: target)
        if existing.sha256 == expected {
            return FetchResult(path: target, bytes: existing.bytes, sha256: expected, skipped: true)
        }
        logger.info("stale file at destination: deleting it and fetching again", metadata: [MetadataKey.uri: "\(target)"])
        Destination(path: request.destination).remove(target)
        return nil
    }

    private func place(
        _ staged: StagedFile, _ plan: FetchPlan, _ request: ModelFetchRequest, _ destination: Destination
    ) throws(ModelFetchError) -> FetchResult {
        if let expected = request.sha256, staged.sha256 != expected {
            throw ModelFetchError(
                .checksumMismatch, "checksum mismatch: expected \(expected), got \(staged.sha256) (\(request.uri))")
        }
        switch plan.placement {
        case .file(let target):
            try destination.move(staged.path, to: target)
            return FetchResult(path: target, bytes: staged.bytes, sha256: staged.sha256, skipped: false)
        case .archive:
            let tree = destination.stagingPath(makeID() + ".d")
            do throws(ModelFetchError) {
                try TarExtractor(archive: staged.path, destination: tree).extract()
                try destination.moveContents(of: tree)
            } catch {
                destination.remove(tree)
                throw error
            }
            destination.remove(staged.path)
            return FetchResult(path: request.destination, bytes: staged.bytes, sha256: staged.sha256, skipped: false)
        }
    }

    private func placeTree(
        _ source: FileSource, _ request: ModelFetchRequest, _ destination: Destination
    ) throws(ModelFetchError) -> FetchResult {
        guard request.sha256 == nil else {
            throw ModelFetchError(.badArguments, "sha256 can only be checked on a single file or archive")
        }
        guard request.format == .python else {
            throw ModelFetchError(
                .badArguments, "\(source.path) is a directory: format onnx expects a single .onnx file")
        }
        let tree = destination.stagingPath(makeID() + ".d")
        do throws(ModelFetchError) {
            let bytes = try source.copyTree(to: tree)
            try destination.moveContents(of: tree)
            return FetchResult(path: request.destination, bytes: bytes, sha256: nil, skipped: false)
        } catch {
            destination.remove(tree)
            throw error
        }
    }
}

extension ModelURI {
    var isLocal: Bool { scheme == .file || scheme == .pvc || scheme == .configmap }
}
