import Units

/// Why a run group is not complete: its segments must tile [0, 1) exactly, each once, and
/// none may have failed. Each case names the share concerned, so the user knows which pod to
/// look at.
public enum GroupProblem: Sendable, Equatable, CustomStringConvertible {
    /// No segment covers `share`. `equalShares` lists it as `i/n` indices when the group is
    /// split into n equal shares and the gap is made of whole ones (e.g. `[3/4]`), else empty.
    case missing(ExecutionSegment, equalShares: [String])
    /// Two different segments share part of the test: together they sent it more than once.
    case overlapping(ExecutionSegment, ExecutionSegment)
    /// The same segment was stored `runs` times (a retried pod, a reused group id).
    case duplicated(ExecutionSegment, runs: Int)
    /// The segment's run failed (could not measure), stored as run `runID`.
    case failed(ExecutionSegment, runID: Int64?)

    public var description: String {
        switch self {
        case .missing(let share, let indices) where indices.count == 1:
            return "segment \(indices[0]) (\(share)) is missing"
        case .missing(let share, let indices) where !indices.isEmpty:
            return "segments \(indices.joined(separator: ", ")) (\(share)) are missing"
        case .missing(let share, _):
            return "share \(share) is missing"
        case .overlapping(let first, let second):
            return "segments \(first) and \(second) overlap"
        case .duplicated(let segment, let runs):
            return "segment \(segment) is stored \(runs) times"
        case .failed(let segment, let runID):
            return "segment \(segment) failed" + (runID.map { " (run \($0))" } ?? "")
        }
    }
}
