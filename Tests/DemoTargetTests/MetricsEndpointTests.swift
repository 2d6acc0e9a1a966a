import DemoTarget
import Foundation
import Testing
import TestSupport

/// `GET /metrics`: the Prometheus text format with the series the runbook's alert rules query.
@Suite struct MetricsEndpointTests {
    /// The samples of an exposition, `name{labels}` → value; comment lines checked to be HELP or TYPE.
    private func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") {
                #expect(line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP "), "\(line)")
                continue
            }
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else {
                Issue.record("not 'series value': \(line)")
                continue
            }
            samples[String(parts[0])] = value
        }
        return samples
    }

    @Test func countsRequestsByRouteTemplateAndStatus() async throws {
        try await withDemoServer { server in
            _ = try await server.get("/api/prices/EURUSD")
            _ = try await server.get("/api/prices/GBPUSD")
            _ = try await server.get("/api/orders/ord-42")
            _ = try await server.get("/healthz?status=503")
            _ = try await server.get("/nowhere")
            let response = try await server.get("/metrics")
            #expect(response.status == 200)
            #expect(response.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let metrics = samples(response.text)
            #expect(metrics[#"http_requests_total{path="/api/prices/{symbol}",status="200"}"#] == 2)
            #expect(metrics[#"http_requests_total{path="/api/orders/{id}",status="404"}"#] == 1)
            #expect(metrics[#"http_requests_total{path="/healthz",status="503"}"#] == 1)
            #expect(metrics[#"http_requests_total{path="unrouted",status="404"}"#] == 1)
            #expect(response.text.contains("# TYPE http_requests_total counter"))
            #expect(!response.text.contains(#"path="/metrics""#), "scrapes are not counted")
        }
    }

    @Test func durationHistogramHasCumulativeBucketsInSeconds() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, latency: .milliseconds(30))) { server in
            for _ in 0..<3 { _ = try await server.get("/healthz") }
            let text = try await server.get("/metrics").text
            let metrics = samples(text)
            #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
            #expect(metrics[#"http_request_duration_seconds_bucket{le="0.025"}"#] == 0)
            #expect(metrics[#"http_request_duration_seconds_bucket{le="0.05"}"#] == 3)
            #expect(metrics[#"http_request_duration_seconds_bucket{le="+Inf"}"#] == 3)
            #expect(metrics["http_request_duration_seconds_count"] == 3)
            let sum = try #require(metrics["http_request_duration_seconds_sum"])
            #expect(sum >= 0.09 && sum < 0.15)
        }
    }

    @Test func countsSignalsGeneratedAndOrdersCreated() async throws {
        try await withDemoServer { server in
            _ = try await server.request("POST", "/api/signals", body: #"{"symbol":"EURUSD"}"#)
            _ = try await server.request("POST", "/api/orders", body: orderBody())
            _ = try await server.request("POST", "/api/orders", body: orderBody())
            _ = try await server.request("POST", "/api/orders", body: #"{"symbol":"EURUSD"}"#)
            let metrics = samples(try await server.get("/metrics").text)
            #expect(metrics["signals_generated_total"] == 1)
            #expect(metrics["orders_created_total"] == 2, "a refused order is not created")
        }
    }

    @Test(.tags(.timing)) func metricsAreNeverFaulted() async throws {
        try await withDemoServer(DemoTargetConfiguration(port: 0, latency: .seconds(2), errorRate: 1)) { server in
            let started = ContinuousClock.now
            let response = try await server.get("/metrics?status=503")
            #expect(response.status == 200)
            // Injected latency is 2 s: a faulted /metrics takes at least that.
            #expect(ContinuousClock.now - started < .milliseconds(1_500))
        }
    }

    @Test func errorRateChangesWhileTheServerRuns() async throws {
        try await withDemoServer { server in
            #expect(try await server.get("/healthz").status == 200)
            try server.setErrorRate(1)
            #expect(server.errorRate == 1)
            #expect(try await server.get("/healthz").status == 500)
            try server.setErrorRate(0)
            #expect(try await server.get("/healthz").status == 200)
            #expect(throws: DemoTargetError.self) { try server.setErrorRate(1.5) }
            #expect(server.errorRate == 0)
            let metrics = samples(try await server.get("/metrics").text)
            #expect(metrics[#"http_requests_total{path="/healthz",status="500"}"#] == 1)
            #expect(metrics[#"http_requests_total{path="/healthz",status="200"}"#] == 2)
        }
    }

    @Test func controlChangesTheErrorRateOnlyWhenEnabled() async throws {
        try await withDemoServer { server in
            let refused = try await server.request("PUT", "/control/error-rate", body: "1")
            #expect(refused.status == 404)
            #expect(server.errorRate == 0)
        }
        try await withDemoServer(DemoTargetConfiguration(port: 0, acceptsControl: true)) { server in
            let set = try await server.request("PUT", "/control/error-rate", body: "50%")
            #expect(set.status == 200)
            #expect(set.text == #"{"error_rate":0.5000}"#)
            #expect(server.errorRate == 0.5)
            let bad = try await server.request("PUT", "/control/error-rate", body: "lots")
            #expect(bad.status == 400)
            #expect(bad.text.contains("'lots' is not a proportion"))
            let read = try await server.get("/control/error-rate")
            #expect(read.status == 405)
            let metrics = samples(try await server.get("/metrics").text)
            #expect(!metrics.keys.contains { $0.contains("control") })
        }
    }
}
