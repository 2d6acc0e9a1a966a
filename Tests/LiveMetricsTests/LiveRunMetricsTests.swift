import Foundation
import FoundationNetworking
import LiveMetrics
import LoadEngine
import Testing

/// A run's seconds as Prometheus scrapes them, and the listener that serves them.
@Suite struct LiveRunMetricsTests {
    private func report(second: Int, requests: Int, errors: Int, dropped: Int, inFlight: Int,
                        latencyMicroseconds: UInt64) -> IntervalReport {
        var latency = IntervalReport.makeHistogram()
        for _ in 0..<requests { latency.record(latencyMicroseconds) }
        return IntervalReport(stats: IntervalStats(second: second, requests: requests, errors: errors, dropped: dropped,
                                                   inFlight: inFlight),
                              latency: latency)
    }

    private func samples(_ bytes: [UInt8]) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Double(parts[1]) { samples[String(parts[0])] = value }
        }
        return samples
    }

    @Test func countersAddUpTheSecondsAndTheGaugeShowsTheLatest() {
        let metrics = LiveRunMetrics()
        metrics.record(report(second: 0, requests: 10, errors: 1, dropped: 2, inFlight: 5, latencyMicroseconds: 2_000))
        metrics.record(report(second: 1, requests: 20, errors: 3, dropped: 0, inFlight: 1, latencyMicroseconds: 2_000_000))
        let values = samples(metrics.exposition())
        #expect(values["perfkit_requests_total"] == 30)
        #expect(values["perfkit_request_errors_total"] == 4)
        #expect(values["perfkit_requests_dropped_total"] == 2)
        #expect(values["perfkit_requests_in_flight"] == 1)
        #expect(values[#"perfkit_request_latency_seconds_bucket{le="0.0025"}"#] == 10)
        #expect(values[#"perfkit_request_latency_seconds_bucket{le="1.0"}"#] == 10)
        #expect(values[#"perfkit_request_latency_seconds_bucket{le="2.5"}"#] == 30)
        #expect(values["perfkit_request_latency_seconds_count"] == 30)
    }

    @Test func theListenerServesMetricsOnlyAtItsPathAndStopsWhenClosed() async throws {
        let metrics = LiveRunMetrics()
        metrics.record(report(second: 0, requests: 7, errors: 0, dropped: 0, inFlight: 0, latencyMicroseconds: 500))
        let listener = try await MetricsListener.start(on: ListenAddress(host: "127.0.0.1", port: 0), metrics: metrics)
        #expect(listener.address.port != 0)
        let base = "http://127.0.0.1:\(listener.address.port)"
        let (body, response) = try await URLSession.shared.data(from: URL(string: base + "/metrics")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(samples(Array(body))["perfkit_requests_total"] == 7)
        let (_, other) = try await URLSession.shared.data(from: URL(string: base + "/")!)
        #expect((other as? HTTPURLResponse)?.statusCode == 404)
        await listener.close()
        await #expect(throws: (any Error).self) { _ = try await URLSession.shared.data(from: URL(string: base + "/metrics")!) }
    }

    @Test func anAddressInUseIsReported() async throws {
        let first = try await MetricsListener.start(on: ListenAddress(host: "127.0.0.1", port: 0), metrics: LiveRunMetrics())
        let taken = ListenAddress(host: "127.0.0.1", port: first.address.port)
        let error = await #expect(throws: MetricsListenerError.self) {
            _ = try await MetricsListener.start(on: taken, metrics: LiveRunMetrics())
        }
        #expect(error?.description.contains("--metrics-listen 127.0.0.1:\(taken.port): cannot listen") == true)
        await first.close()
    }
}
