import LoadEngine
import Scenarios
import Units

/// A run's load in words, as summaries print it and run configurations store it.
public enum LoadDescription {
    /// A schedule in words: `1.0→200.0/s over 5m, 200.0/s for 1m`.
    public static func describe(_ schedule: ArrivalSchedule) -> String {
        schedule.segments.map { segment in
            segment.startRate == segment.endRate
                ? "\(fixed(segment.startRate, decimals: 1))/s for \(DurationText.format(segment.duration))"
                : "\(fixed(segment.startRate, decimals: 1))→\(fixed(segment.endRate, decimals: 1))/s over \(DurationText.format(segment.duration))"
        }.joined(separator: ", ")
    }

    /// A scenario's load in words: `100 iterations, 10 virtual users`.
    public static func describe(_ load: ScenarioLoad) -> String {
        switch load {
        case .iterations(let count, let users):
            return "\(count) iterations, \(users) virtual user\(users == 1 ? "" : "s")"
        case .virtualUsersFor(let duration, let users):
            return "\(users) virtual user\(users == 1 ? "" : "s") for \(DurationText.format(duration))"
        case .arrivals(let schedule, let maxInFlight):
            return "open (\(describe(schedule))), max in flight \(maxInFlight)"
        }
    }
}
