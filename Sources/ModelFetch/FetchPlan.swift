import Foundation
import ServingAPI

/// Where a fetched single file goes, decided from the request alone before anything is fetched.
struct FetchPlan: Sendable, Hashable {
    enum Placement: Sendable, Hashable {
        /// Moved to this path (`<dest>/model.onnx`, or `<dest>/<name>` for python).
        case file(String)
        /// A `.tar` extracted into the destination directory.
        case archive
    }

    /// The source's file name (the last path component of the URI).
    let name: String
    let placement: Placement

    init(_ request: ModelFetchRequest) throws(ModelFetchError) {
        let name = Self.fileName(of: request.uri)
        self.name = name
        switch request.format {
        case .onnx:
            placement = .file(request.destination + "/model.onnx")
        case .python:
            if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") {
                throw ModelFetchError(.invalidArchive, "gzip archives are not supported yet: give a .tar or a directory")
            }
            guard !name.isEmpty, name != ".", name != ".." else {
                throw ModelFetchError(
                    .badArguments, "\(request.uri) names no file: expected a .py file, a .tar or a directory")
            }
            placement = name.hasSuffix(".tar") ? .archive : .file(request.destination + "/" + name)
        }
    }

    /// The last path component, percent-decoded, without any query.
    static func fileName(of uri: ModelURI) -> String {
        var path = uri.path
        if uri.scheme == .http || uri.scheme == .https, let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            path = String(path[..<query])
        }
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        return last.removingPercentEncoding ?? last
    }
}
