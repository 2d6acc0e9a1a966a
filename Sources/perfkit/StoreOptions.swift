import ArgumentParser
import Baselines
import Foundation
import LoadEngine

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

    @Option(parsing: .unconditional, help: "Run the same measurement N times, each stored as its own run (for the regression statistics).")
    var `repeat`: Int = 1

    func validate() throws {
        try requireCount(`repeat`, flag: "--repeat", in: 1...LoadLimits.repetitions)
        if let scenario, scenario.isEmpty { throw ValidationError("--scenario must not be empty") }
        if let serviceVersion, serviceVersion.isEmpty { throw ValidationError("--version must not be empty") }
    }

    /// The store path from the flag, the environment, or the default.
    var storePath: String { Self.storePath(flag: store) }

    /// The store path from `flag`, `PERFKIT_STORE`, or `baselines/perfkit.sqlite`.
    static func storePath(flag: String?) -> String {
        flag ?? ProcessInfo.processInfo.environment["PERFKIT_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "baselines/perfkit.sqlite"
    }

    /// Opens the store unless `--no-store`; a store that cannot be used stops the command
    /// before anything is measured.
    func openStore() async throws -> BaselineStore? {
        guard !noStore else { return nil }
        return try await Self.open(path: storePath)
    }

    /// Opens the store at `path`, mapping failures to exit code 4.
    static func open(path: String) async throws -> BaselineStore {
        do {
            return try await BaselineStore.open(path: path)
        } catch {
            throw CommandFailure(code: .couldNotRun, message: error.description)
        }
    }

    /// The store and labels for `command`'s runs against `target`, or nil with `--no-store`.
    func runStorage(command: String, target: String) async throws -> RunStorage? {
        guard let store = try await openStore() else { return nil }
        return RunStorage(store: store, path: storePath, version: await resolvedVersion(target: target),
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
