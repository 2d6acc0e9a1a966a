import Units

/// A run group whose segments do not make one whole test: it is not a run, not a baseline,
/// and a command that needs it stops with missing data (exit 3) saying why.
public struct IncompleteGroup: Error, Sendable, Equatable, CustomStringConvertible {
    /// The group id.
    public var id: String
    /// Version of the service under test.
    public var version: String
    /// Scenario name.
    public var scenario: String
    /// The steps with these problems (a scenario's segments store one run per step).
    public var steps: [String]
    /// The segments stored, in share order.
    public var segments: [ExecutionSegment]
    /// What is missing, overlapping, duplicated or failed.
    public var problems: [GroupProblem]

    /// Creates the record of an incomplete group.
    public init(id: String, version: String, scenario: String, steps: [String], segments: [ExecutionSegment],
                problems: [GroupProblem]) {
        self.id = id
        self.version = version
        self.scenario = scenario
        self.steps = steps
        self.segments = segments
        self.problems = problems
    }

    public var description: String {
        let stored = segments.isEmpty ? "no segment" : "\(segments.count) segment\(segments.count == 1 ? "" : "s")"
        return "group '\(RunLabel.printable(id))' (version \(RunLabel.printable(version)), scenario "
            + "\(RunLabel.printable(scenario))) is incomplete with \(stored) stored: "
            + problems.map(\.description).joined(separator: "; ")
    }
}

extension [IncompleteGroup] {
    /// Adds the step `key` of a group with `problems`, its `segments` as stored: to the entry of
    /// the same group with the same problems when there is one (a scenario's segments store one
    /// run per step, and one sentence says it for all of them), else as a new entry.
    public mutating func record(_ key: GroupKey, segments: [StoredSegment], problems: [GroupProblem]) {
        if let index = firstIndex(where: {
            $0.id == key.id && $0.version == key.version && $0.scenario == key.scenario && $0.problems == problems
        }) {
            self[index].steps.append(key.step)
            return
        }
        append(IncompleteGroup(id: key.id, version: key.version, scenario: key.scenario, steps: [key.step],
                               segments: segments.map(\.group.segment).sorted { ($0.start, $0.end) < ($1.start, $1.end) },
                               problems: problems))
    }
}
