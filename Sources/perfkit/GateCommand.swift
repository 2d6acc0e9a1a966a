import ArgumentParser
import Foundation
import Recording
import Regression
import Reports

/// `perfkit gate`: records runs of the current version one at a time and compares them with
/// the stored baseline after each, stopping as soon as every row is decided: measurement is
/// spent only where the verdict needs it.
struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Record runs of the current version until its comparison with the baseline is decided; exit as compare does.",
        discussion: """
            After the measurement command (everything after --) records one run of
            --current-version into the store, the versions are compared as `perfkit compare`
            would. While a row's change is beyond its threshold but unconfirmed (untested, or
            with p short of alpha but within 4 alpha), another run is recorded, up to --max-runs;
            a regression a test confirms ends it at once. The report and exit code are compare's
            for the last comparison.

            Example (CI, after v1.2.2 was recorded with --repeat 3):
              perfkit gate --baseline-version=v1.2.2 --current-version=v1.2.3 --threshold=10 --max-runs=5 \\
                -- latency http://127.0.0.1:8083/api/signals --duration=60 --rate=50
            Exit codes: 0 no regression, 1 regression, 2 bad flags, 3 the baseline has no
            stored runs, 4 store error or the measurement could not run, 130 interrupted.
            """
    )

    /// The commands that record a run.
    static let measurementCommands = ["latency", "throughput", "load", "run", "flow"]
    /// Flags the gate sets on the measurement command itself.
    static let flagsTheGateSets = ["--version", "--store", "--no-store", "--repeat", "--format", "--output", "-o"]
    /// The most runs a gate may record.
    static let runLimit = 20

    @Option(help: "The version to compare against, e.g. v1.2.2 (already stored).")
    var baselineVersion: String

    @Option(help: "The version under test, e.g. v1.2.3: each run is recorded under it.")
    var currentVersion: String

    @Option(help: "Most runs of the current version to record (1-\(GateCommand.runLimit)).")
    var maxRuns = 5

    @OptionGroup var options: ComparisonOptions

    @OptionGroup var report: ComparisonReportOptions

    @Argument(parsing: .postTerminator, help: "The measurement, after --: latency|throughput|load|run|flow and its arguments.")
    var measurement: [String] = []

    func validate() throws {
        guard (1...Self.runLimit).contains(maxRuns) else {
            throw ValidationError("--max-runs must be between 1 and \(Self.runLimit) (got \(maxRuns))")
        }
        guard let command = measurement.first else {
            throw ValidationError("give the measurement after --, e.g. -- latency http://127.0.0.1:8083/api/signals --duration=60")
        }
        guard Self.measurementCommands.contains(command) else {
            throw ValidationError("the measurement after -- must be one of \(Self.measurementCommands.joined(separator: ", ")) (got '\(command)')")
        }
        for word in measurement.dropFirst() {
            let flag = String(word.split(separator: "=", maxSplits: 1).first ?? "")
            if Self.flagsTheGateSets.contains(flag) {
                throw ValidationError("\(flag) after -- is set by the gate itself: give --store before --; the runs are recorded as --current-version")
            }
        }
    }

    func run() async throws {
        // The process's trap from the start: a signal between runs stops the gate as surely as one during a run.
        _ = SignalTrap.shared
        // Nothing to compare against is missing data before anything is measured, not after.
        try await options.requireRuns(of: baselineVersion)
        for round in 1...maxRuns {
            guard let code = try await recordOneRun(),
                  !SignalTrap.shared.hasFired, code != PerfkitExitCode.interrupted.rawValue else {
                // The run under way when the signal came (if one was) is stored as interrupted.
                throw CommandFailure(code: .interrupted, message: "gate interrupted after \(round - 1) complete run(s) of "
                                     + "\(currentVersion); what was measured is stored")
            }
            switch code {
            case PerfkitExitCode.passed.rawValue, PerfkitExitCode.targetMissed.rawValue: break
            case PerfkitExitCode.badInput.rawValue:
                throw CommandFailure(code: .badInput, message: "the measurement command was refused (see above)")
            default:
                throw CommandFailure(code: .couldNotRun, message: "the measurement command could not run (exit \(code))")
            }
            let outcome = try await options.compareStored(baselineVersion: baselineVersion, currentVersion: currentVersion)
            switch outcome.comparison.gateDecision(alpha: options.alpha, round: round, maxRuns: maxRuns) {
            case .decided:
                return try report.deliver(outcome)
            case .undecidedAtLimit(let undecided):
                printError("gate: \(undecided.count) row(s) still undecided after \(maxRuns) run(s): \(ComparisonReport.rowNames(undecided))")
                return try report.deliver(outcome)
            case .recordAnother(let undecided):
                printError("gate: after \(round) run(s) of \(currentVersion), \(undecided.count) row(s) undecided "
                           + "(\(ComparisonReport.rowNames(undecided))); recording run \(round + 1) of at most \(maxRuns)")
            }
        }
    }

    /// Runs the measurement once under the current version, forwarding each stop signal to it
    /// (the first asks it to stop gracefully, a second to stop at once); its exit code, or nil
    /// when a signal came before it could start.
    private func recordOneRun() async throws -> Int32? {
        guard !SignalTrap.shared.hasFired else { return nil }
        let child = try ChildPerfkit.start(measurement + ["--store", options.storeFlag.path, "--version", currentVersion])
        let watch = SignalTrap.shared.watch(onFirst: { child.send(SIGINT) }, onRepeat: { child.send(SIGINT) })
        defer { watch.cancel() }
        return await child.wait()
    }
}
