import NIOHTTP1
import ServingAPI
import Synchronization
import Testing
@testable import Controller

@Suite struct HealthServerTests {
    @Test func livenessAlwaysAndReadinessOnceReady() async throws {
        let ready = Mutex(false)
        let server = try await HealthServer(port: 0, isReady: { ready.withLock { $0 } })
        let port = try #require(server.port)
        let client = try KubeClient(configuration: ClientConfiguration(server: "http://127.0.0.1:\(port)"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            _ = try await client.execute(KubeRequest(method: .GET, path: "/healthz"))
            await #expect { try await client.execute(KubeRequest(method: .GET, path: "/readyz")) } throws: { error in
                (error as? KubeError)?.status?.code == 503
            }
            ready.withLock { $0 = true }
            _ = try await client.execute(KubeRequest(method: .GET, path: "/readyz"))
            await #expect { try await client.execute(KubeRequest(method: .GET, path: "/nothing")) } throws: { error in
                (error as? KubeError)?.isNotFound == true
            }
            group.cancelAll()
        }
        try await client.shutdown()
    }
}
