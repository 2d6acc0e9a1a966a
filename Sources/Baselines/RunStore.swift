import Foundation

/// A baselines store, whichever database holds it: `BaselineStore` (an SQLite file, the
/// embedded default) or the PostgreSQL store many CI runners share. Both keep the logical
/// schema of `docs/store.md`, so nothing above the store knows which one it has.
///
/// Every method is one transaction: a save stores a run whole or not at all, an import all of
/// its runs or none, and a read sees one consistent state of the store.
public protocol RunStore: AnyObject, Sendable {
    /// The store as users name it in messages: a file path, or a PostgreSQL URL without its
    /// password.
    var location: String { get }

    /// Saves `run` (its `id` is ignored) with its histograms and series in one transaction;
    /// returns the id it was stored under.
    @discardableResult
    func save(_ run: RunRecord) async throws(StoreError) -> Int64

    /// Saves `runs` under new ids in one transaction, all or none; returns their ids in order.
    @discardableResult
    func save(contentsOf runs: [RunRecord]) async throws(StoreError) -> [Int64]

    /// Deletes every run of `version`, with their histograms and series; returns how many
    /// runs were deleted.
    @discardableResult
    func delete(version: String) async throws(StoreError) -> Int

    /// Saves the runs of an `export` document under new ids, all or none; returns how many.
    ///
    /// - Throws: `invalidImport` when `data` is not an export this build reads.
    @discardableResult
    func importRuns(_ data: Data) async throws(StoreError) -> Int

    /// Every run of `version` (only those of `scenario` when given), with histograms and
    /// series, in start order.
    func runs(version: String, scenario: String?) async throws(StoreError) -> [RunRecord]

    /// The history a comparison estimates run-to-run noise from: the newest `newestPerStep`
    /// completed runs of each (scenario, step) of `scenarios`, of versions other than
    /// `excludedVersions`, in start order.
    func history(scenarios: [String], excludingVersions excludedVersions: [String],
                 newestPerStep: Int) async throws(StoreError) -> [RunRecord]

    /// Every run of the segmented test `group`, whatever its version, in start order.
    func runs(group: String) async throws(StoreError) -> [RunRecord]

    /// The run stored under `id`, or nil.
    func run(id: Int64) async throws(StoreError) -> RunRecord?

    /// Every version with stored runs, in the order they were first measured.
    func versions() async throws(StoreError) -> [String]

    /// The scenarios stored for `version`, in the order they were first measured.
    func scenarios(version: String) async throws(StoreError) -> [String]

    /// One summary per (version, scenario), in the order they were first measured; a
    /// segmented test's segments count as one run.
    func summaries() async throws(StoreError) -> [StoredVersionSummary]

    /// Every stored segment run, from the `runs` index only (no histogram), in start order: what
    /// `baselines list` needs to count and judge groups.
    func segments() async throws(StoreError) -> [StoredSegment]

    /// The export document (see `BaselinesExport`) of every run of `version`, or of the whole
    /// store when nil, histograms included.
    func export(version: String?) async throws(StoreError) -> Data
}

extension RunStore {
    /// Every run of `version`, with histograms and series, in start order.
    public func runs(version: String) async throws(StoreError) -> [RunRecord] {
        try await runs(version: version, scenario: nil)
    }
}
