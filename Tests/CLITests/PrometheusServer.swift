import Foundation
import FoundationNetworking
import Glibc
import TestSupport

/// A real Prometheus (Debian's package) on a free loopback port, scraping one target every second,
/// for the monitor's `--prometheus` tests. Installed with `scripts/install-deps` when missing,
/// as `scripts/test` does; started with its own config and data in a temporary folder; killed by
/// PID when the test is done, however it ends.
struct PrometheusServer {
    let baseURL: String

    /// Where Debian installs it.
    static let executable = "/usr/bin/prometheus"

    /// Why Prometheus could not be made ready.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body` with a Prometheus scraping `http://127.0.0.1:targetPort/metrics` every second,
    /// ready and with a first successful scrape behind it.
    static func with<T>(scraping targetPort: Int, _ body: (PrometheusServer) async throws -> T) async throws -> T {
        try await with(scraping: [(targetPort, [:])], body)
    }

    /// Runs `body` with a Prometheus scraping each target's `/metrics` every second, each with
    /// its own static labels (the canary's `version`), ready and with every target scraped once.
    static func with<T>(scraping targets: [(port: Int, labels: [String: String])],
                        _ body: (PrometheusServer) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("perfkit-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("prometheus.yml")
        // Typed: GRDB's SQL literal is also string-interpolable, and the closure's type would be inferred as it.
        let staticConfigs: String = targets.map { target -> String in
            let labels: String = target.labels.sorted { $0.key < $1.key }.map { "\($0.key): '\($0.value)'" }.joined(separator: ", ")
            return "      - targets: ['127.0.0.1:\(target.port)']\n        labels: {\(labels)}"
        }.joined(separator: "\n")
        try """
            global:
              scrape_interval: 1s
              scrape_timeout: 900ms
              evaluation_interval: 1s
            scrape_configs:
              - job_name: demo
                static_configs:
            \(staticConfigs)
            """.write(to: config, atomically: true, encoding: .utf8)
        let port = unusedLoopbackPort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try DebianPackage.executable([executable], from: "prometheus"))
        process.arguments = ["--config.file=\(config.path)", "--storage.tsdb.path=\(folder.appendingPathComponent("data").path)",
                             "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { process.stopByPID() }
        let server = PrometheusServer(baseURL: "http://127.0.0.1:\(port)")
        try await server.waitUntil(what: "ready", timeout: .seconds(30)) { try await server.get("/-/ready").status == 200 }
        try await server.waitUntil(what: "scraping \(targets.map { "127.0.0.1:\($0.port)" })", timeout: .seconds(15)) {
            // `up` is 1 once a scrape succeeded; every target's: `"value":[1700000000.123,"2"]`.
            try await server.get("/api/v1/query?query=count(up%3D%3D1)").body.contains(#","\#(targets.count)"]"#)
        }
        return try await body(server)
    }

    private func get(_ path: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.timeoutInterval = 2
        let (body, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: body, as: UTF8.self))
    }

    /// Polls `condition` every 100 ms until it holds; a failed poll counts as not yet.
    private func waitUntil(what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Unavailable(description: "Prometheus at \(baseURL) was not \(what) within \(timeout)")
    }
}
