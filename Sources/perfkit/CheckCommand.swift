import ArgumentParser
import Baselines
import LoadEngine
import Recording
import Reports
import Units

/// `perfkit check --group ID`: the pass/fail verdict over a whole segmented test, judged as
/// if one machine had sent it (the segments' histograms add exactly).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge a stored run group (a segmented test) as one run against latency, error and rate targets.",
        discussion: """
            Reads every segment stored under --group, merges a complete group into the
            run one machine would have stored (histograms added bucket for bucket,
            counts summed, timelines on one wall clock), prints its summary as a load
            command does and judges the load commands' own targets over the whole test.

            Example (the last step of a Kubernetes Indexed Job of 4 segments):
              perfkit check --group checkout-2026-11-30 --target-p95=500ms \\
                --max-error-rate=1% --target-rps=4000
            Exit codes: 0 every target met, 1 a target missed, 2 bad flags, 3 no
            such group or an incomplete one (a segment missing, overlapping, stored
            twice or failed: named), 4 store error.
            """
    )

    @Option(help: "The run group (segmented test) to judge, as the segments' --group.")
    var group: String

    @OptionGroup var targets: TargetOptions

    @Option(help: "Fail unless the whole test's achieved rate is within --rate-tolerance of this, e.g. 4000.")
    var targetRps: Double?

    @Option(help: "Allowed deviation of the achieved rate from --target-rps.", transform: ProportionArgument.parse)
    var rateTolerance = ProportionArgument(0.01)

    @OptionGroup var output: OutputOptions

    @OptionGroup var storeFlag: BaselinesCommand.StoreFlag

    func validate() throws {
        if let problem = RunLabel.problem(group) { throw ValidationError("--group \(problem)") }
        if let targetRps { try requirePositive(targetRps, flag: "--target-rps", atMost: LoadLimits.rate) }
    }

    func run() async throws {
        let store = try await storeFlag.open(hint: "store the segments first (perfkit latency ... --group \(group))")
        let grouped = try await storeCall { try await store.groupedRuns(group: group) }
        try GroupReading.requireComplete(grouped, what: "group '\(RunLabel.printable(group))' cannot be checked")
        guard !grouped.groups.isEmpty else {
            throw CommandFailure(code: .missingData,
                                 message: "no runs stored under group '\(RunLabel.printable(group))' in '\(storeFlag.path)'")
        }
        GroupReading.printNotes(grouped)
        let judged = grouped.groups.map { merged -> (RunSummary, PerfkitExitCode) in
            let checks = runTargets().map { $0.evaluate(StoredMeasurement(merged.run)) }
            let summary = RunSummary(group: merged, checks: checks)
            return (summary, summary.passed ? .passed : .targetMissed)
        }
        if output.format == .text {
            for (merged, (summary, code)) in zip(grouped.groups, judged) {
                try StandardOutput.print(StoreListing.segmentsLine(merged) + "\n" + RunSummaryText.render(summary, code: code))
            }
        }
        try output.emit(judged.map(\.0))
        try judged.map(\.1).reduce(PerfkitExitCode.passed) { $0.worse($1) }.exitIfFailed()
    }

    /// The load commands' targets, with `--target-rps` as throughput's open model judges it.
    private func runTargets() -> [RunTarget] {
        let rate = targetRps.map { [RunTarget.rate($0, tolerance: rateTolerance.value)] } ?? []
        return rate + targets.targets()
    }
}
