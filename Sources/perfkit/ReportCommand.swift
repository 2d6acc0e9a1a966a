import ArgumentParser
import Foundation
import Recording
import Reports
import Units

/// `perfkit report`: the self-contained HTML page people decide a deploy from, or look at one
/// run in.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report comparing two versions, or of one stored run.",
        discussion: """
            Comparing versions, the page is `perfkit compare --format html`: per
            scenario and step the verdict table, both versions' latency by
            percentile (HDR log scale), phase times, a timeline per run and the
            runs' metadata. Inline CSS and SVG only: it opens offline, prints, and
            follows the reader's light or dark scheme. Without --output the page
            goes to stdout; with it, stdout gets the verdict table and the path.

            Examples:
              perfkit report --baseline-version=v1.2.2 --current-version=v1.2.3 \\
                --output report.html
              perfkit report --run 12 --output run12.html
              perfkit report --group checkout-2026-11-30 --output whole-test.html

            A canary's run (either side) gives the canary's page: its judgment
            per interval and metric, and both sides' distributions.
            Exit codes: 0 no regression (or a run's page), 1 regression, 2 bad
            flags, 3 a version has no stored runs, the run does not exist, or a
            run group is missing or incomplete, 4 store error or --output not
            writable.
            """
    )

    @Option(help: "The version to compare against, e.g. v1.2.2.")
    var baselineVersion: String?

    @Option(help: "The version under test, e.g. v1.2.3.")
    var currentVersion: String?

    @Option(help: "Instead of comparing versions, report this stored run (see `perfkit baselines list`).")
    var run: Int64?

    @Option(help: "Instead of comparing versions, report this run group (segmented test) as one run.")
    var group: String?

    @OptionGroup var options: ComparisonOptions

    @Option(name: [.customShort("o"), .long], help: "Write the page to this file (default: stdout).")
    var output: String?

    private static let neitherMode = "give --baseline-version and --current-version to compare two versions, or --run ID for one run (--group ID for a run group)"

    func validate() throws {
        if run != nil || group != nil {
            guard baselineVersion == nil, currentVersion == nil, run == nil || group == nil else {
                throw ValidationError("--run and --group report one run: give one of them, without --baseline-version and --current-version")
            }
            if let group, let problem = RunLabel.problem(group) { throw ValidationError("--group \(problem)") }
        } else if baselineVersion == nil || currentVersion == nil {
            throw ValidationError(Self.neitherMode)
        }
    }

    func run() async throws {
        if let group { return try await reportGroup(group) }
        switch (run, baselineVersion, currentVersion) {
        case let (id?, _, _):
            let store = try await options.storeFlag.open()
            guard let record = try await storeCall({ try await store.run(id: id) }) else {
                throw CommandFailure(code: .missingData, message: "no run \(id) in '\(store.location)'")
            }
            if let judgment = RunConfiguration(json: record.configJSON)?.canary {
                let partner = try await storeCall { try await CanaryReport.partner(of: record, judgment: judgment, in: store) }
                let (baseline, canary) = judgment.side == "baseline" ? (record, partner) : (partner, record)
                try HTMLReportOutput.deliver(CanaryReport.html(judgment, baseline: baseline, canary: canary,
                                                               origin: HTMLReportOutput.origin()), to: output)
            } else {
                try HTMLReportOutput.deliver(RunReport.html(record, origin: HTMLReportOutput.origin()), to: output)
            }
        case let (nil, baselineVersion?, currentVersion?):
            let outcome = try await options.compareStored(baselineVersion: baselineVersion, currentVersion: currentVersion)
            try HTMLReportOutput.writeComparison(outcome, to: output, terminalSummary: ComparisonReport.text(
                outcome.comparison, colour: isatty(STDOUT_FILENO) == 1))
        default:
            // validate() refuses this before run() is called.
            throw ValidationError(Self.neitherMode)
        }
    }

    /// The page of a complete run group's whole test, as `--run` writes one run's.
    private func reportGroup(_ id: String) async throws {
        let store = try await options.storeFlag.open()
        let grouped = try await storeCall { try await store.groupedRuns(group: id) }
        try GroupReading.requireComplete(grouped, what: "group '\(RunLabel.printable(id))' cannot be reported as one run")
        guard let merged = grouped.groups.first else {
            throw CommandFailure(code: .missingData, message: "no runs stored under group '\(RunLabel.printable(id))' in '\(options.storeFlag.path)'")
        }
        guard grouped.groups.count == 1 else {
            throw CommandFailure(code: .badInput, message: "group '\(RunLabel.printable(id))' has \(grouped.groups.count) runs "
                                 + "(steps or versions) and a run page shows one: see them with perfkit baselines show --group")
        }
        GroupReading.printNotes(grouped)
        try HTMLReportOutput.deliver(RunReport.html(merged.run, origin: HTMLReportOutput.origin()), to: output)
    }
}
