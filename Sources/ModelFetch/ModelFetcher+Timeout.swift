import ServingAPI

extension ModelFetcher {
    /// Runs `body`, cancelling it and throwing `timeout` when `limit` passes first.
    static func bounded<T: Sendable>(
        by limit: Duration, uri: ModelURI, _ body: @escaping @Sendable () async throws(ModelFetchError) -> T
    ) async throws(ModelFetchError) -> T {
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                defer { group.cancelAll() }
                guard let value = try await group.next() ?? nil else {
                    throw ModelFetchError(
                        .timeout, "fetching \(uri) did not finish within \(limit): expected a larger --timeout-seconds")
                }
                return value
            }
        } catch let error as ModelFetchError {
            throw error
        } catch {
            throw ModelFetchError(.timeout, "fetching \(uri) was cancelled: \(error)")
        }
    }
}
