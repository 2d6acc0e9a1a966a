import ArgumentParser
import Baselines
import Foundation
import Recording
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
            than its threshold and beyond run-to-run noise: Mann-Whitney U over replicated runs,
            or Student's t with the run-to-run spread of replicated runs and the store's history
            of other versions on the same machine; p-values are Holm-adjusted over each step's
            metrics. With one run each and no history nothing can be tested: such a row fails
            only far beyond its threshold, else it is inconclusive (perfkit gate adds runs).

            Examples (the runbook's regression detector):
              perfkit compare --baseline-version=v1.2.2 --current-version=v1.2.3 --threshold=10
              perfkit regression-detector --baseline-version=v1.2.2 --current-version=v1.2.3 --threshold=10 \\
                --threshold p99=15 --threshold error_rate=0.5 --format markdown --output gate.md
              perfkit compare --baseline-version=v1.2.2 --current-version=v1.2.3 --format html --output report.html
            A segmented test's run group counts as one run (histograms added exactly);
            an incomplete group (a segment missing or failed) is missing data.
            Exit codes: 0 no regression, 1 regression, 2 bad flags, 3 a version has no stored
            runs or an incomplete run group, 4 store error.
            """,
        aliases: ["regression-detector"]
    )

    @Option(help: "The version to compare against, e.g. v1.2.2.")
    var baselineVersion: String

    @Option(help: "The version under test, e.g. v1.2.3.")
    var currentVersion: String

    @OptionGroup var options: ComparisonOptions

    @OptionGroup var report: ComparisonReportOptions

    func run() async throws {
        let outcome = try await options.compareStored(baselineVersion: baselineVersion, currentVersion: currentVersion)
        try report.deliver(outcome)
    }
}

/// How a comparison is shown: `--format` and `--output`, shared by `compare` and `gate`.
struct ComparisonReportOptions: ParsableArguments {
    /// Report formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, junit, html
    }

    @Option(help: "Report format: text, json, markdown, junit or html (a self-contained page, as `perfkit report` writes).")
    var format: Format = .text

    @Option(name: [.customShort("o"), .long], help: "Also write the report to this file (html: write it there instead of stdout).")
    var output: String?

    /// Prints the report (and writes `--output`), then exits 1 when the comparison found a regression.
    func deliver(_ outcome: ComparisonOptions.Outcome) throws {
        let comparison = outcome.comparison
        let terminal = isatty(STDOUT_FILENO) == 1
        if format == .html {
            return try HTMLReportOutput.writeComparison(outcome, to: output,
                                                        terminalSummary: try render(comparison, colour: terminal))
        }
        print(try render(comparison, colour: output == nil && terminal))
        if let output {
            try OutputFile.write(Data(try render(comparison, colour: false).utf8), to: output)
        }
        if comparison.hasRegression { throw ExitCode(PerfkitExitCode.targetMissed.rawValue) }
    }

    /// The report for stdout and `--output`; for html, what the terminal shows beside the page.
    private func render(_ comparison: Comparison, colour: Bool) throws -> String {
        switch format {
        case .text, .html: return ComparisonReport.text(comparison, colour: colour)
        case .json: return String(decoding: try ComparisonReport.json(comparison), as: UTF8.self)
        case .markdown: return ComparisonReport.markdown(comparison)
        case .junit: return ComparisonReport.junit(comparison)
        }
    }
}
