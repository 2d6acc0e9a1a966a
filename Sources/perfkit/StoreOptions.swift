import ArgumentParser
import Baselines
import Foundation

/// Where runs are stored and under which labels: shared by the load commands.
struct StoreOptions: ParsableArguments {
    @Option(help: "Baselines store (default: $PERFKIT_STORE or baselines/perfkit.sqlite).")
    var store: String?

    @Flag(help: "Do not store this run.")
    var noStore = false

    @Option(name: .customLong("version"),
            help: "Version of the service under test (default: $PERFKIT_VERSION, else the target's /healthz version, else 'unversioned').")
    var serviceVersion: String?

    @Option(help: "Scenario name the run is stored under (default: the command name).")
    var scenario: String?

    @Option(help: "Run the same measurement N times, each stored as its own run (for the regression statistics).")
    var `repeat`: Int = 1

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1 (got \(`repeat`))") }
        if let scenario, scenario.isEmpty { throw ValidationError("--scenario must not be empty") }
        if let serviceVersion, serviceVersion.isEmpty { throw ValidationError("--version must not be empty") }
    }

    /// The store from the flag, the environment, or the default.
    var location: StoreLocation { StoreLocation(flag: store) }

    /// Opens the store unless `--no-store`; a store that cannot be used stops the command
    /// before anything is measured.
    func openStore() async throws -> BaselineStore? {
        guard !noStore else { return nil }
        return try await location.open(.create)
    }

    /// The store and labels for `command`'s runs against `target`, or nil with `--no-store`.
    func runStorage(command: String, target: String) async throws -> RunStorage? {
        guard let store = try await openStore() else { return nil }
        return RunStorage(store: store, path: store.path, version: await resolvedVersion(target: target),
                          scenario: scenario ?? command)
    }

    /// The version label: the flag, `PERFKIT_VERSION`, the target's `/healthz`, or `unversioned`.
    func resolvedVersion(target: String) async -> String {
        if let serviceVersion { return serviceVersion }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PERFKIT_VERSION"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        return await HealthVersion.fetch(target: target) ?? "unversioned"
    }
}
