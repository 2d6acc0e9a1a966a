extension DemoServer {
    /// Starts a server, runs `body` with it, and shuts the server down however `body` ends.
    public static func withServer<T>(_ configuration: DemoTargetConfiguration,
                                     _ body: (DemoServer) async throws -> T) async throws -> T {
        let server = try await start(configuration)
        do {
            let value = try await body(server)
            try await server.shutdown()
            return value
        } catch {
            try? await server.shutdown()
            throw error
        }
    }
}
