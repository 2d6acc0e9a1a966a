import GRDB

/// Reading runs with the group rule applied (`GroupedRuns`): what `compare`, `report`, `check`
/// and `baselines` show. Built on the store's public reads, plus one index query for listing.
extension BaselineStore {
    /// The runs of `version` (of `scenario` only, when given) as people see them: complete
    /// groups merged into one run each, incomplete ones set apart.
    public func groupedRuns(version: String, scenario: String? = nil) async throws(StoreError) -> GroupedRuns {
        GroupedRuns(try await runs(version: version, scenario: scenario))
    }

    /// The segmented test `id`, with the group rule applied: a complete group's merged runs (one
    /// per version, scenario and step), or why it is incomplete. Empty when nothing is stored
    /// under `id`.
    public func groupedRuns(group id: String) async throws(StoreError) -> GroupedRuns {
        GroupedRuns(try await runs(group: id))
    }

    /// The noise history of `history(scenarios:excludingVersions:newestPerStep:)` with the group
    /// rule applied. An incomplete group (including one the newest-runs window cut through) is
    /// dropped without a word: history only estimates run-to-run noise, and one run fewer in it
    /// changes no verdict's basis the comparison does not already state.
    public func groupedHistory(scenarios: [String], excludingVersions excludedVersions: [String],
                               newestPerStep: Int) async throws(StoreError) -> [RunRecord] {
        GroupedRuns(try await history(scenarios: scenarios, excludingVersions: excludedVersions,
                                      newestPerStep: newestPerStep)).runs
    }

    /// Every stored segment run, from the `runs` index only (no histogram), in start order: what
    /// `baselines list` needs to count and judge groups.
    public func segments() async throws(StoreError) -> [StoredSegment] {
        try await reading { db in
            try Row.fetchAll(db, sql: """
                SELECT id, version, scenario, step, run_group, segment, status, started_at FROM runs
                WHERE run_group IS NOT NULL ORDER BY started_at, id
                """).map { row in
                guard let group = try RunRecord.group(row) else { throw DamagedRow(detail: "run group without segment") }
                return StoredSegment(runID: try row.decode(forColumn: "id"), version: try row.decode(forColumn: "version"),
                                     scenario: try row.decode(forColumn: "scenario"), step: try row.decode(forColumn: "step"),
                                     group: group, status: try RunRecord.status(row),
                                     startedAt: try RunRecord.date(row, "started_at"))
            }
        }
    }
}
