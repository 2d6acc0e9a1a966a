import Baselines
import Recording
import Units

/// How the commands that read runs speak of run groups: one refusal for incomplete groups,
/// the notes on stderr.
enum GroupReading {
    /// Missing data (exit 3) when `grouped` holds an incomplete group, naming each and what it
    /// lacks; `what` says what could not be done.
    static func requireComplete(_ grouped: GroupedRuns, what: String) throws {
        guard !grouped.incomplete.isEmpty else { return }
        throw CommandFailure(code: .missingData, message: "\(what): "
            + grouped.incomplete.map(\.description).joined(separator: "; ")
            + ". An incomplete group is not a run: run the missing segments again under the same group, or the whole test")
    }

    /// The notes on how complete groups ran (different machines, late starts), on stderr.
    static func printNotes(_ grouped: GroupedRuns) {
        for note in grouped.notes { printError("note: \(note)") }
    }
}
