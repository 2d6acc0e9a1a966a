/// Reading runs with the group rule applied (`GroupedRuns`): what `compare`, `report`, `check`
/// and `baselines` show, whichever backend holds the runs. Built on the store's reads.
extension RunStore {
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
}
