import ArgumentParser
import Baselines
import Recording

extension BaselinesCommand {
    /// `perfkit baselines copy`: moves a whole store, e.g. a runner's SQLite file into the
    /// PostgreSQL store the runners share.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every run of one store (histograms, series, groups) into another, all or nothing.",
            discussion: """
                Example:
                  perfkit baselines copy --from baselines/perfkit.sqlite --to postgres://perfkit@db.example:5432/baselines
                Runs get new ids in the destination; the source is only read.
                """)

        @Option(help: "The store to copy from: an SQLite file or a postgres:// URL.")
        var from: String

        @Option(help: "The store to copy into (created when missing): an SQLite file or a postgres:// URL.")
        var to: String

        func run() async throws {
            let source = StoreLocation(from, source: "--from")
            let destination = StoreLocation(to, source: "--to")
            guard try !source.isSameStore(as: destination) else {
                throw CommandFailure(code: .badInput, message: "--from and --to name the same store (\(destination.shown))")
            }
            let origin = try await source.open(.read)
            let runs = try await storeCall {
                var runs: [RunRecord] = []
                for version in try await origin.versions() { runs += try await origin.runs(version: version) }
                return runs
            }
            let target = try await destination.open(.create)
            let copied = try await storeCall { try await target.save(contentsOf: runs) }
            print("copied \(copied.count) run(s) from \(origin.location) to \(target.location)")
        }
    }
}
