import ArgumentParser
import LiveMetrics
import LoadEngine
import Recording

/// `--metrics-listen HOST:PORT`: serve a run's live metrics for Prometheus while it goes on.
/// Shared by every command that sends load.
struct MetricsListenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Serve live metrics at http://HOST:PORT/metrics while the run goes on, e.g. 127.0.0.1:9464.",
                               valueName: "host:port"),
            transform: { text in try ListenAddress.parse(text) })
    var metricsListen: ListenAddress?

    /// Runs `body` with the live metrics to feed (nil without `--metrics-listen`), serving them
    /// from before the first request until `body` is over, however it ends. An address that
    /// cannot be bound exits 4 before anything is sent.
    func serving<T>(_ body: (LiveRunMetrics?) async throws -> T) async throws -> T {
        guard let metricsListen else { return try await body(nil) }
        let metrics = LiveRunMetrics()
        let listener: MetricsListener
        do {
            listener = try await MetricsListener.start(on: metricsListen, metrics: metrics)
        } catch {
            throw CommandFailure(code: .couldNotRun, message: error.description)
        }
        printError("serving live metrics at http://\(listener.address)/metrics")
        do {
            let value = try await body(metrics)
            await listener.close()
            return value
        } catch {
            await listener.close()
            throw error
        }
    }
}
