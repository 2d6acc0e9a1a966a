import ArgumentParser
import Baselines
import Foundation
import Regression
import Reports

/// `perfkit compare` (alias `regression-detector`): the deployment gate between two versions.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two versions' stored runs; exit 1 when the current version regressed.",
        discussion: """
            Every (scenario, step, metric) stored for both versions is compared: p50, p90, p95,
            p99, p99.9, mean, error rate and throughput. A row is a regression when it is worse
            than its threshold and the change is statistically significant (Mann-Whitney U over
            runs with --repeat, or a bootstrap over per-second windows with one run each).

            Examples (the runbook's regression detector):
              perfkit compare --baseline-version=v1.2.2 --current-version=v1.2.3 --threshold=10
              perfkit regression-detector --baseline-version=v1.2.2 --current-version=v1.2.3 --threshold=10 \\
                --threshold p99=15 --threshold error_rate=0.5 --format markdown --output gate.md
            Exit codes: 0 no regression, 1 regression, 2 bad flags, 3 a version has no stored
            runs, 4 store error.
            """,
        aliases: ["regression-detector"]
    )

    /// Report formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, junit
    }

    @Option(help: "The version to compare against, e.g. v1.2.2.")
    var baselineVersion: String

    @Option(help: "The version under test, e.g. v1.2.3.")
    var currentVersion: String

    @Option(help: "Allowed worsening in percent (default 10), or METRIC=VALUE per metric (repeatable; error_rate in percentage points).")
    var threshold: [String] = []

    @Option(help: "Compare only this scenario.")
    var scenario: String?

    @Option(help: "Comma-separated metrics to compare (default: all): p50,p90,p95,p99,p99.9,mean,error_rate,throughput.")
    var metrics: String?

    @Option(help: "Significance level of the statistical tests.")
    var alpha: Double = 0.05

    @Option(help: "Report format: text, json, markdown or junit.")
    var format: Format = .text

    @Option(name: [.customShort("o"), .long], help: "Also write the report to this file.")
    var output: String?

    @Option(help: "Baselines store (default: $PERFKIT_STORE or baselines/perfkit.sqlite).")
    var store: String?

    func validate() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1 (got \(alpha))") }
        _ = try parsedThresholds()
        _ = try parsedMetrics()
    }

    func run() async throws {
        let thresholds = try parsedThresholds()
        let metrics = try parsedMetrics()
        let path = StoreOptions.storePath(flag: store)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(code: .missingData, message: "no baselines store at '\(path)': record runs first (perfkit latency ... --version \(baselineVersion))")
        }
        let store = try await StoreOptions.open(path: path)
        let baseline = try await storedRuns(of: baselineVersion, in: store, path: path)
        let current = try await storedRuns(of: currentVersion, in: store, path: path)
        let comparison = compare(baseline: baseline, current: current, thresholds: thresholds, metrics: metrics, alpha: alpha)
        let report = try render(comparison, colour: output == nil && isatty(STDOUT_FILENO) == 1)
        print(report)
        if let output {
            do {
                try Data(try render(comparison, colour: false).utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw CommandFailure(code: .couldNotRun, message: "--output '\(output)' cannot be written: \(error.localizedDescription)")
            }
        }
        if comparison.hasRegression { throw ExitCode(PerfkitExitCode.targetMissed.rawValue) }
    }

    private func storedRuns(of version: String, in store: BaselineStore, path: String) async throws -> [RunRecord] {
        let runs = try await storeCall { try await store.runs(version: version, scenario: scenario) }
        guard runs.isEmpty else { return runs }
        let versions = try await storeCall { try await store.versions() }
        let scope = scenario.map { " in scenario '\($0)'" } ?? ""
        let known = versions.isEmpty ? "the store is empty" : "stored versions: \(versions.joined(separator: ", "))"
        throw CommandFailure(code: .missingData, message: "no runs stored for version '\(version)'\(scope) in '\(path)'; \(known)")
    }

    private func render(_ comparison: Comparison, colour: Bool) throws -> String {
        switch format {
        case .text: return ComparisonReport.text(comparison, colour: colour)
        case .json: return String(decoding: try ComparisonReport.json(comparison), as: UTF8.self)
        case .markdown: return ComparisonReport.markdown(comparison)
        case .junit: return ComparisonReport.junit(comparison)
        }
    }

    private func parsedThresholds() throws -> Thresholds {
        do {
            return try Thresholds.parse(threshold.isEmpty ? ["10"] : threshold)
        } catch {
            throw ValidationError("--threshold: \(error.description)")
        }
    }

    private func parsedMetrics() throws -> [Metric] {
        guard let metrics else { return Metric.allCases }
        return try metrics.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let metric = Metric(name: trimmed) else {
                throw ValidationError("--metrics: unknown metric '\(trimmed)'; use \(Metric.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return metric
        }
    }
}
