import ArgumentParser
import Baselines
import Foundation
import Recording
import Regression
import Units

/// How two versions' stored runs are compared: the flags `compare` and `report` share, and
/// the loading both do.
struct ComparisonOptions: ParsableArguments {
    @Option(help: "Allowed worsening in percent (default 10), or METRIC=VALUE per metric (repeatable; error_rate in percentage points).")
    var threshold: [String] = []

    @Option(help: "Compare only this scenario.")
    var scenario: String?

    @Option(help: "Comma-separated metrics to compare (default: all): p50,p90,p95,p99,p99.9,mean,error_rate,throughput.")
    var metrics: String?

    @Option(help: "Significance level of the statistical tests.")
    var alpha: Double = 0.05

    @Flag(help: "Judge from the two versions' own runs only, not from the store's history of other versions.")
    var noHistory = false

    @OptionGroup var storeFlag: BaselinesCommand.StoreFlag

    func validate() throws {
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1 (got \(alpha))") }
        _ = try parsedThresholds()
        _ = try parsedMetrics()
    }

    /// Both versions' stored runs and their comparison.
    struct Outcome {
        let comparison: Comparison
        let baseline: [RunRecord]
        let current: [RunRecord]
    }

    /// Reads both versions' runs (of `--scenario` only, when given) and compares them, a complete
    /// run group as one run. A missing store, a version without runs or with an incomplete group
    /// is missing data (exit 3), naming the versions stored or the segments missing.
    func compareStored(baselineVersion: String, currentVersion: String) async throws -> Outcome {
        for (flag, version) in [("--baseline-version", baselineVersion), ("--current-version", currentVersion)] {
            if let problem = RunLabel.problem(version) { throw CommandFailure(code: .badInput, message: "\(flag) \(problem)") }
        }
        let store = try await storeFlag.open(hint: "record runs first (perfkit latency ... --version \(baselineVersion))")
        let baselineGroups = try await storedRuns(of: baselineVersion, in: store)
        let currentGroups = try await storedRuns(of: currentVersion, in: store)
        let (baseline, current) = (baselineGroups.runs, currentGroups.runs)
        let history = noHistory ? [] : try await storeCall {
            try await store.groupedHistory(scenarios: Array(Set(baseline.map(\.scenario))).sorted(),
                                           excludingVersions: [baselineVersion, currentVersion],
                                           newestPerStep: Self.historyRunsPerStep)
        }
        var comparison = compare(baseline: baseline, current: current, history: history,
                                 thresholds: try parsedThresholds(), metrics: try parsedMetrics(), alpha: alpha)
        comparison.notes += GroupReading.notes(baselineGroups) + GroupReading.notes(currentGroups)
        try requireCommonStep(comparison)
        return Outcome(comparison: comparison, baseline: baseline, current: current)
    }

    /// Runs of other versions read per (scenario, step) for the noise estimate: enough for a
    /// steady estimate, few enough that a store of 10,000 runs still compares in well under a second.
    static let historyRunsPerStep = 50

    /// A gate that compared nothing has not passed: when no (scenario, step) was measured in
    /// both versions (a renamed path, a mislabelled run), it is missing data, naming what each has.
    private func requireCommonStep(_ comparison: Comparison) throws {
        guard !comparison.comparesAnyStep else { return }
        func steps(_ presence: StepPresence, of version: String) -> String {
            var seen = Set<String>()
            let names = comparison.rows.filter { $0.presence == presence }
                .map { "\($0.scenario) \($0.step)" }.filter { seen.insert($0).inserted }
            return "\(version) has \(names.isEmpty ? "none" : names.joined(separator: ", "))"
        }
        throw CommandFailure(
            code: .missingData,
            message: "no (scenario, step) was measured in both versions, so nothing was compared: "
                + steps(.baselineOnly, of: comparison.baselineVersion) + "; "
                + steps(.currentOnly, of: comparison.currentVersion))
    }

    /// Fails as `compareStored` would (exit 3, naming the versions stored) when `version` has no runs.
    func requireRuns(of version: String) async throws {
        let store = try await storeFlag.open(hint: "record runs of \(version) first")
        _ = try await storedRuns(of: version, in: store)
    }

    /// The runs of `version` as people see them (a complete run group as one run); an
    /// incomplete group among them is missing data, naming what it lacks.
    private func storedRuns(of version: String, in store: any RunStore) async throws -> GroupedRuns {
        let grouped = try await storeCall { try await store.groupedRuns(version: version, scenario: scenario) }
        try GroupReading.requireComplete(grouped, what: "version '\(RunLabel.printable(version))' cannot be compared")
        guard grouped.runs.isEmpty else { return grouped }
        let versions = try await storeCall { try await store.versions() }
        let scope = scenario.map { " in scenario '\($0)'" } ?? ""
        let known = versions.isEmpty ? "the store is empty" : "stored versions: \(versions.joined(separator: ", "))"
        throw CommandFailure(code: .missingData,
                             message: "no runs stored for version '\(version)'\(scope) in '\(store.location)'; \(known)")
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
