import Baselines
import Recording
import Units

/// How the commands that read runs speak of run groups: one refusal for incomplete groups, and
/// notes on how the complete ones were read.
enum GroupReading {
    /// Missing data (exit 3) when `grouped` holds an incomplete group, naming each and what it
    /// lacks; `what` says what could not be done.
    static func requireComplete(_ grouped: GroupedRuns, what: String) throws {
        guard !grouped.incomplete.isEmpty else { return }
        throw CommandFailure(code: .missingData, message: "\(what): "
            + grouped.incomplete.map(\.description).joined(separator: "; ") + "."
            + splitLabels(grouped.incomplete).map { " " + $0 }.joined()
            + " An incomplete group is no run and no baseline: run the test again under a new group id")
    }

    /// A group whose segments were stored under different versions or scenarios (a version
    /// read from /healthz during a rollout, say) looks like several incomplete groups: say so.
    private static func splitLabels(_ incomplete: [IncompleteGroup]) -> [String] {
        incomplete.groupedInOrder(by: \.id).compactMap { id, entries in
            var seen = Set<String>()
            let labels = entries.map { "\(RunLabel.printable($0.version)) \(RunLabel.printable($0.scenario))" }
                .filter { seen.insert($0).inserted }
            guard labels.count > 1 else { return nil }
            return "Group '\(RunLabel.printable(id))' has segments stored under \(labels.joined(separator: ", ")) "
                + "(version and scenario): every segment of a test must store the same --version and --scenario."
        }
    }

    /// The notes on how complete groups ran (different machines, late starts), on stderr.
    static func printNotes(_ grouped: GroupedRuns) {
        for note in grouped.notes { printError("note: \(note)") }
    }

    /// For a comparison's notes: which runs are merged groups, and how those ran.
    static func notes(_ grouped: GroupedRuns) -> [String] {
        grouped.groups.groupedInOrder(by: \.run.version).map { version, groups in
            let segments = Set(groups.map(\.segments.count)).sorted().map(String.init).joined(separator: "/")
            let ids = Set(groups.compactMap(\.run.group?.id)).sorted().map(RunLabel.printable)
            let plural = ids.count == 1 ? "" : "s"
            return "\(RunLabel.printable(version)): segmented test\(plural) \(ids.joined(separator: ", ")) (\(segments) segments) read as one run "
                + "each: histograms added exactly, per-second percentiles of the timeline approximate"
        } + grouped.notes
    }
}
