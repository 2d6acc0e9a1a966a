import ArgumentParser
import Baselines
import Foundation
import Recording
import Reports
import Units

/// `perfkit baselines`: look after the store of runs.
struct BaselinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baselines",
        abstract: "List, show, delete, export, import and copy stored runs.",
        discussion: """
            Examples:
              perfkit baselines list
              perfkit baselines show 12
              perfkit baselines show 12 --hgrm > run12.hgrm
              perfkit baselines export --version v1.2.2 --output v1.2.2.json
              perfkit baselines import v1.2.2.json
              perfkit baselines delete --version v1.2.2
              perfkit baselines copy --from baselines/perfkit.sqlite --to postgres://perfkit@db.example:5432/baselines
            --store (or PERFKIT_STORE) is an SQLite file, or a postgres:// URL for a store shared by many runners.
            The schema is documented in docs/store.md for sqlite3 users.
            """,
        subcommands: [List.self, Show.self, Delete.self, Export.self, Import.self, Copy.self]
    )

    /// The store flag shared by the subcommands.
    struct StoreFlag: ParsableArguments {
        @Option(help: "Baselines store: an SQLite file, or a postgres:// URL (default: $PERFKIT_STORE or baselines/perfkit.sqlite).")
        var store: String?

        var path: String { StoreLocation(flag: store).path }

        /// Opens an existing store, read-only unless `access` says otherwise; a missing one is
        /// missing data (exit 3), its message ending with `hint` when given.
        func open(hint: String? = nil, access: StoreAccess = .read) async throws -> any RunStore {
            try await StoreLocation(flag: store).open(access, hint: hint)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Versions and scenarios with their run counts and dates.",
            discussion: "Example:\n  perfkit baselines list")

        @OptionGroup var storeFlag: StoreFlag

        func run() async throws {
            let store = try await storeFlag.open()
            let summaries = try await storeCall { try await store.summaries() }
            guard !summaries.isEmpty else {
                print("no runs stored in \(store.location)")
                return
            }
            let segments = try await storeCall { try await store.segments() }
            print(StoreListing.render(summaries, segments: segments))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One stored run, or a run group as one run: labels, host, counts and latency percentiles.",
            discussion: """
                Examples:
                  perfkit baselines show 12
                  perfkit baselines show 12 --hgrm --metric service_time
                  perfkit baselines show --group checkout-2026-11-30
                A complete group shows its segments, then the whole test merged as one run; an
                incomplete one exits 3 saying which segment is missing.
                """)

        @Argument(help: "The run id (see `perfkit baselines list` or the line a run prints when stored).")
        var run: Int64?

        @Option(help: "Show this run group (segmented test) as one run instead of a single run.")
        var group: String?

        @Flag(help: "Print the histogram in HdrHistogram's percentile-distribution (.hgrm) text form, milliseconds.")
        var hgrm = false

        @Option(help: "Histogram for --hgrm: latency, service_time, wait, dns, connect, tls, ttfb, transfer.")
        var metric = "latency"

        @Flag(help: "Print the run as an export document (JSON, importable with `perfkit baselines import`); for --group, its segment runs.")
        var json = false

        @OptionGroup var storeFlag: StoreFlag

        func validate() throws {
            guard (run == nil) != (group == nil) else {
                throw ValidationError("give a run id, or --group ID for a run group, not both")
            }
            if let group, let problem = RunLabel.problem(group) { throw ValidationError("--group \(problem)") }
        }

        func run() async throws {
            let store = try await storeFlag.open()
            if let group { return try await show(group: group, in: store) }
            // validate() makes sure one of the two is given.
            guard let run else { throw ValidationError("give a run id, or --group ID for a run group") }
            guard let record = try await storeCall({ try await store.run(id: run) }) else {
                throw CommandFailure(code: .missingData, message: "no run \(run) in '\(store.location)'")
            }
            if hgrm {
                try printHistogram(of: record)
            } else if json {
                print(String(decoding: try RunRecord.exportDocument([record]), as: UTF8.self))
            } else {
                print(StoreListing.render(record))
            }
        }

        /// A complete group: its segments and the merged run of each of its steps; `--json`
        /// exports the segment runs themselves (importable as they were stored).
        private func show(group id: String, in store: any RunStore) async throws {
            let grouped = try await storeCall { try await store.groupedRuns(group: id) }
            try GroupReading.requireComplete(grouped, what: "group '\(RunLabel.printable(id))' cannot be shown as one run")
            guard !grouped.groups.isEmpty else {
                throw CommandFailure(code: .missingData, message: "no runs stored under group '\(RunLabel.printable(id))' in '\(storeFlag.path)'")
            }
            if hgrm {
                guard grouped.groups.count == 1 else {
                    throw CommandFailure(code: .badInput, message: "--hgrm prints one histogram, and group '\(RunLabel.printable(id))' "
                                         + "has \(grouped.groups.count) runs (steps or versions); show them without --hgrm")
                }
                try printHistogram(of: grouped.groups[0].run)
            } else if json {
                print(String(decoding: try RunRecord.exportDocument(grouped.groups.flatMap(\.segments)), as: UTF8.self))
            } else {
                print(grouped.groups.map(StoreListing.render).joined(separator: "\n\n"))
            }
        }

        private func printHistogram(of record: RunRecord) throws {
            guard let histogram = record.histograms[metric] else {
                throw CommandFailure(code: .badInput, message: "--metric '\(metric)' is not stored; stored: \(record.histograms.keys.sorted().joined(separator: ", "))")
            }
            print(histogram.percentileDistribution(unitRatio: 1000), terminator: "")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete every run of a version.",
            discussion: "Example:\n  perfkit baselines delete --version v1.2.2")

        @Option(help: "The version whose runs are deleted.")
        var version: String

        @OptionGroup var storeFlag: StoreFlag

        func run() async throws {
            let store = try await storeFlag.open(access: .write)
            let deleted = try await storeCall { try await store.delete(version: version) }
            guard deleted > 0 else {
                throw CommandFailure(code: .missingData, message: "no runs stored for version '\(version)' in '\(store.location)'")
            }
            print("deleted \(deleted) run(s) of \(version)")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write runs (histograms included) as JSON, to move a store between CI jobs.",
            discussion: "Example:\n  perfkit baselines export --version v1.2.2 --output v1.2.2.json")

        @Option(help: "Only this version (default: all).")
        var version: String?

        @Option(name: [.customShort("o"), .long], help: "Write to this file instead of stdout.")
        var output: String?

        @OptionGroup var storeFlag: StoreFlag

        func run() async throws {
            let store = try await storeFlag.open()
            let data = try await storeCall { try await store.export(version: version) }
            guard let output else {
                print(String(decoding: data, as: UTF8.self))
                return
            }
            try OutputFile.write(data, to: output)
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the runs of an exported JSON file to the store.",
            discussion: "Example:\n  perfkit baselines import v1.2.2.json")

        @Argument(help: "A file written by `perfkit baselines export`.")
        var file: String

        @Option(help: "Baselines store: an SQLite file, or a postgres:// URL (default: $PERFKIT_STORE or baselines/perfkit.sqlite).")
        var store: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(code: .badInput, message: "'\(file)' cannot be read")
            }
            let baselines = try await StoreLocation(flag: store).open(.create)
            let imported: Int
            do {
                imported = try await baselines.importRuns(data)
            } catch {
                throw CommandFailure(code: .badInput, message: "'\(file)': \(error.description)")
            }
            print("imported \(imported) run(s) into \(baselines.location)")
        }
    }
}

/// Runs a store call, turning store errors into exit code 4 with the store's message.
func storeCall<T>(_ call: () async throws -> T) async throws -> T {
    do {
        return try await call()
    } catch let error as StoreError {
        throw CommandFailure(code: .couldNotRun, message: error.description)
    }
}
