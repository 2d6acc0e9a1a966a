import Baselines

/// Where a command's runs are stored, and under which labels.
public struct RunStorage: Sendable {
    /// The store, whichever backend it is.
    public let store: any RunStore
    /// The version and scenario the runs are stored under.
    public let labels: RunLabels

    /// Storage in `store` under `labels`.
    public init(store: any RunStore, labels: RunLabels) {
        self.store = store
        self.labels = labels
    }

    /// Stores `records` (one run's steps) and says where they went on stderr, even with
    /// --quiet: it is where the measurement went, not progress. A failed write exits 4.
    public func save(_ records: [RunRecord]) async throws {
        guard !records.isEmpty else { return }
        var ids: [Int64] = []
        do {
            for record in records { ids.append(try await store.save(record)) }
        } catch {
            throw CommandFailure(code: .couldNotRun, message: "the run was measured but could not be stored: \(error.description)")
        }
        let which = ids.count == 1 ? "run \(ids[0])" : "runs \(ids.first!)-\(ids.last!) (\(ids.count) steps)"
        // A canary stores each side under its own version: name them all, in the order stored.
        let versions = records.map(\.version).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let versionText = versions.count == 1 ? "version \(versions[0])" : "versions \(versions.joined(separator: ", "))"
        printError("stored \(which) as \(versionText), scenario \(records[0].scenario) in \(store.location)")
    }
}
