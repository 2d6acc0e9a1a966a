import LoadEngine
import Units

/// Command-line changes to a scenario's target and load: `--target`, `--iterations`,
/// `--vus`, `--duration`, `--rate`.
public struct ScenarioOverrides: Sendable {
    public var target: String?
    public var iterations: Int?
    public var virtualUsers: Int?
    public var duration: Duration?
    public var rate: Double?

    /// Overrides; nil leaves the file's value.
    public init(target: String? = nil, iterations: Int? = nil, virtualUsers: Int? = nil, duration: Duration? = nil,
                rate: Double? = nil) {
        self.target = target
        self.iterations = iterations
        self.virtualUsers = virtualUsers
        self.duration = duration
        self.rate = rate
    }

    /// `scenario` with the overrides applied; the error names the flag that does not fit.
    public func apply(to scenario: Scenario) throws(OverrideError) -> Scenario {
        var scenario = scenario
        if let target {
            do {
                try TargetURL.validate(target)
            } catch {
                throw OverrideError("--target: \(error.description)")
            }
            scenario.target = target
        }
        scenario.load = try load(from: scenario.load)
        return scenario
    }

    private func load(from load: ScenarioLoad) throws(OverrideError) -> ScenarioLoad {
        if iterations != nil, duration != nil {
            throw OverrideError("--iterations and --duration both say when to stop; give one")
        }
        if rate != nil, iterations != nil || virtualUsers != nil {
            throw OverrideError("--rate paces iterations; it does not go with --iterations or --vus")
        }
        if let iterations {
            return .iterations(iterations, virtualUsers: virtualUsers ?? load.virtualUsers ?? 1)
        }
        switch load {
        case .iterations(let count, let users):
            if let duration { return .virtualUsersFor(duration, virtualUsers: virtualUsers ?? users) }
            if rate != nil { throw OverrideError("--rate needs a scenario paced by rate; this one runs \(count) iterations") }
            return .iterations(count, virtualUsers: virtualUsers ?? users)
        case .virtualUsersFor(let planned, let users):
            if rate != nil { throw OverrideError("--rate needs a scenario paced by rate; this one runs virtual users for a duration") }
            return .virtualUsersFor(duration ?? planned, virtualUsers: virtualUsers ?? users)
        case .arrivals(let schedule, let maxInFlight):
            if virtualUsers != nil {
                throw OverrideError("--vus goes with iteration or virtual-user loads; this scenario is paced by rate (use --rate)")
            }
            guard duration != nil || rate != nil else { return load }
            guard schedule.segments.count == 1, let segment = schedule.segments.first, segment.startRate == segment.endRate else {
                throw OverrideError("--duration and --rate change a constant rate; this scenario ramps (edit its load section)")
            }
            return .arrivals(.constant(rate: rate ?? segment.startRate, duration: duration ?? segment.duration),
                             maxInFlight: maxInFlight)
        }
    }

    /// A flag that does not fit the scenario.
    public struct OverrideError: Error, CustomStringConvertible {
        /// What is wrong, naming the flag.
        public let description: String
        init(_ description: String) { self.description = description }
    }
}

extension ScenarioLoad {
    /// The virtual users of an iteration or virtual-user load.
    var virtualUsers: Int? {
        switch self {
        case .iterations(_, let users), .virtualUsersFor(_, let users): users
        case .arrivals: nil
        }
    }
}
