import ArgumentParser
import Baselines
import Foundation
import LoadEngine
import Recording
import Units

/// Where runs are stored and under which labels: shared by the load commands.
struct StoreOptions: ParsableArguments {
    @Option(help: "Baselines store: an SQLite file, or a postgres:// URL (default: $PERFKIT_STORE or baselines/perfkit.sqlite).")
    var store: String?

    @Flag(help: "Do not store this run.")
    var noStore = false

    @Option(name: .customLong("version"),
            help: "Version of the service under test (default: $PERFKIT_VERSION, else the target's /healthz version, else 'unversioned').")
    var serviceVersion: String?

    @Option(help: "Scenario name the run is stored under (default: the command name).")
    var scenario: String?

    @Option(parsing: .unconditional, help: "Run the same measurement N times, each stored as its own run (for the regression statistics).")
    var `repeat`: Int = 1

    func validate() throws {
        try requireCount(`repeat`, flag: "--repeat", in: 1...LoadLimits.repetitions)
    }

    /// Refuses a `--version` or `--scenario` that breaks `RunLabel`'s rule (exit 2). Not in
    /// `validate()`: ArgumentParser answers a failed validation of a command line holding
    /// `--version` by printing perfkit's own version and exiting 0.
    func checkLabels() throws {
        for (flag, label) in [("--version", serviceVersion), ("--scenario", scenario)] {
            if let problem = label.flatMap(RunLabel.problem) { throw CommandFailure(code: .badInput, message: "\(flag) \(problem)") }
        }
    }

    /// The store from the flag, the environment, or the default.
    var location: StoreLocation { StoreLocation(flag: store) }

    /// Opens the store unless `--no-store`; a store that cannot be used stops the command
    /// before anything is measured.
    func openStore() async throws -> (any RunStore)? {
        guard !noStore else { return nil }
        return try await location.open(.create)
    }

    /// The store and labels for `command`'s runs against `target`, or nil with `--no-store`.
    func runStorage(command: String, target: String) async throws -> RunStorage? {
        try checkLabels()
        guard let store = try await openStore() else { return nil }
        return RunStorage(store: store,
                          labels: RunLabels(version: try await resolvedVersion(target: target), scenario: scenario ?? command))
    }

    /// The version label the flag or `PERFKIT_VERSION` gives (exit 2 when the variable breaks
    /// `RunLabel`'s rule); nil when the target is to be asked.
    func givenVersion() throws -> String? {
        if let serviceVersion { return serviceVersion }
        guard let fromEnvironment = ProcessInfo.processInfo.environment["PERFKIT_VERSION"], !fromEnvironment.isEmpty else { return nil }
        if let problem = RunLabel.problem(fromEnvironment) {
            throw CommandFailure(code: .badInput, message: "PERFKIT_VERSION \(problem)")
        }
        return fromEnvironment
    }

    /// The version label: the flag, `PERFKIT_VERSION` (exit 2 when it breaks `RunLabel`'s rule),
    /// the target's `/healthz`, or `unversioned`. The target is not trusted: a version from it
    /// that breaks the rule is not used, with a warning.
    func resolvedVersion(target: String) async throws -> String {
        if let given = try givenVersion() { return given }
        guard let fromTarget = await HealthVersion.fetch(target: target) else { return "unversioned" }
        if let problem = RunLabel.problem(fromTarget) {
            printError("warning: the version in the target's /healthz \(problem); storing the run as 'unversioned' (give --version)")
            return "unversioned"
        }
        return fromTarget
    }
}
