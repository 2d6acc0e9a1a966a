import Units

/// The `for:` clause of an alert rule, for one threshold: a breach fails the monitor only once it
/// has been seen at every evaluation for `sustain`. An evaluation that holds, or that has no data
/// to judge, starts the count again (as Prometheus resets a pending alert whose expression
/// returns nothing).
public struct BreachTracker: Sendable, Equatable {
    /// How long a breach must last before it fails; zero fails the first breached evaluation.
    public let sustain: Duration
    /// When the breach under way was first seen, seconds since the monitor started.
    public private(set) var breachedSince: Double?

    /// A tracker with nothing breached yet.
    public init(sustain: Duration) {
        self.sustain = sustain
    }

    /// Takes the evaluation at `time` (seconds since the monitor started): `breached` true or
    /// false, or nil when there was nothing to judge. Returns where the threshold now stands.
    public mutating func update(breached: Bool?, at time: Double) -> BreachState {
        guard let breached else {
            breachedSince = nil
            return .noData
        }
        guard breached else {
            breachedSince = nil
            return .holding
        }
        let since = breachedSince ?? time
        breachedSince = since
        let lasted = time - since
        // A hair of slack so that evaluations a whole number of seconds apart meet a whole-second
        // `for` despite floating-point sums.
        return lasted + 1e-9 >= sustain.seconds ? .failed(since: since) : .pending(since: since)
    }
}

/// Where a threshold stands after an evaluation.
public enum BreachState: Sendable, Equatable {
    /// The value is within the limit.
    case holding
    /// Nothing to judge (no requests in the window, an empty query result).
    case noData
    /// Breached since `since`, for less than the `for` duration so far.
    case pending(since: Double)
    /// Breached since `since`, for the `for` duration: the monitor fails.
    case failed(since: Double)

    /// Whether the threshold is breached, pending or failed.
    public var isBreached: Bool {
        switch self {
        case .pending, .failed: true
        case .holding, .noData: false
        }
    }
}
