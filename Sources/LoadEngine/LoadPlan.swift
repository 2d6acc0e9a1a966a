/// How requests are paced.
public enum LoadModel: Sendable, Equatable {
    /// Requests are sent on the schedule whatever the target does; latency counts from each
    /// request's intended send time. Beyond `maxInFlight` waiting or running requests, new
    /// arrivals are dropped and counted.
    case open(ArrivalSchedule, maxInFlight: Int)
    /// Each connection sends its next request as soon as the previous one completes.
    case closed(duration: Duration)

    /// How long requests are sent for.
    public var sendingDuration: Duration {
        switch self {
        case .open(let schedule, _): return schedule.duration
        case .closed(let duration): return duration
        }
    }
}

/// Everything the engine needs for one run.
public struct LoadPlan: Sendable, Equatable {
    /// The request sent over and over.
    public var request: RequestSpec
    /// Connections, threads and timeouts.
    public var transport: TransportOptions
    /// Pacing.
    public var model: LoadModel
    /// After a stop (Ctrl-C), how long requests in flight may still finish.
    public var interruptGrace: Duration

    /// Creates a plan.
    public init(request: RequestSpec, transport: TransportOptions = TransportOptions(), model: LoadModel,
                interruptGrace: Duration = .seconds(2)) {
        self.request = request
        self.transport = transport
        self.model = model
        self.interruptGrace = interruptGrace
    }
}
