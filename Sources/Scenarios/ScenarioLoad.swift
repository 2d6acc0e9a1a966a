import LoadEngine

/// How fast a scenario runs and for how long. An iteration is one pass through the flow, or
/// one request of a request mix.
public enum ScenarioLoad: Sendable, Equatable {
    /// Iterations start on a schedule (constant rate, ramp, stages) whatever the target does,
    /// so latency counts from each intended start; beyond `maxInFlight` iterations running at
    /// once, new ones are dropped and counted (the open model).
    case arrivals(ArrivalSchedule, maxInFlight: Int)
    /// `virtualUsers` share `count` iterations, each starting its next as soon as the
    /// previous one ends (the closed model; the runbook's `--iterations=100`).
    case iterations(Int, virtualUsers: Int)
    /// `virtualUsers` run iterations back to back for `duration`.
    case virtualUsersFor(Duration, virtualUsers: Int)

    /// Requests in flight at most: the connections a run needs.
    var concurrency: Int {
        switch self {
        case .arrivals(_, let maxInFlight): maxInFlight
        case .iterations(_, let virtualUsers), .virtualUsersFor(_, let virtualUsers): virtualUsers
        }
    }

    /// The schedule pacing iterations, if any.
    var schedule: ArrivalSchedule? {
        if case .arrivals(let schedule, _) = self { return schedule }
        return nil
    }

    /// How long iterations start for; nil when a count decides.
    public var plannedDuration: Duration? {
        switch self {
        case .arrivals(let schedule, _): schedule.duration
        case .iterations: nil
        case .virtualUsersFor(let duration, _): duration
        }
    }
}
