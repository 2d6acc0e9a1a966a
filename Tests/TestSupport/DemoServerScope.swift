import DemoTarget

/// Runs `body` against a demo target started for it on a free loopback port, and stops the
/// target afterwards whatever happens.
public func withDemoServer<T>(_ configuration: DemoTargetConfiguration = DemoTargetConfiguration(port: 0),
                              _ body: (DemoServer) async throws -> T) async throws -> T {
    var configuration = configuration
    configuration.port = 0
    return try await DemoServer.withServer(configuration, body)
}
