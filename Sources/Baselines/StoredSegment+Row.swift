import Foundation

extension StoredSegment {
    /// The query every backend runs for `RunStore.segments()`: the `runs` index only, no
    /// histogram, in start order.
    package static let selection = """
        SELECT id, version, scenario, step, run_group, segment, status, started_at FROM runs
        WHERE run_group IS NOT NULL ORDER BY started_at, id
        """

    /// An entry from a row of `selection`.
    package init(stored row: some StoredRow) throws {
        let id = try RunRowAssembly.required(row.integer(at: 0), "id")
        func text(_ index: Int, _ column: String) throws -> String { try RunRowAssembly.required(row.text(at: index), column) }
        guard let group = try RunRowAssembly.group(id: row.text(at: 4), segment: row.text(at: 5)) else {
            throw DamagedRow(detail: "run \(id): a run group without its segment")
        }
        self.init(runID: id, version: try text(1, "version"), scenario: try text(2, "scenario"),
                  step: try text(3, "step"), group: group, status: try RunRowAssembly.status(try text(6, "status")),
                  startedAt: try RunRowAssembly.date(try text(7, "started_at"), "started_at"))
    }
}
