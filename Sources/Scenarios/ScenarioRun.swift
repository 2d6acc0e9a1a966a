import Foundation
import LoadEngine
import Synchronization
import Units

/// One run of a scenario. Virtual users are tasks: each sends a step's request through the
/// run's `ExchangeTransport` (perfkit's own HTTP/1.1 client for a plain http:// target, libcurl
/// otherwise or with `--transport curl`), awaits the response, judges it, captures what later steps need, and goes
/// on; an iteration that fails a check or capture ends there with its message, and the run
/// goes on. `stop()` and `stopImmediately()` may be called from any thread.
public final class ScenarioRun: Sendable {
    /// The scenario being run.
    public let scenario: Scenario
    /// The transport options the run sends with: the given ones with the scenario's connections and timeout.
    public let transportOptions: TransportOptions
    private let interruptGrace: Duration
    private let control = RunControl()
    private let transport = Mutex<(any ExchangeTransport)?>(nil)

    /// Prepares a run; `transport` gives threads, TLS, HTTP/2 and streams choices (its connections and
    /// timeout are replaced by the scenario's).
    public init(scenario: Scenario, transport: TransportOptions = TransportOptions(), interruptGrace: Duration = .seconds(2)) {
        self.scenario = scenario
        let connections = scenario.connections ?? min(scenario.load.concurrency, Self.defaultConnectionsLimit)
        transportOptions = TransportOptions(connections: connections, threads: transport.threads, timeout: scenario.timeout,
                                            insecure: transport.insecure, caBundle: transport.caBundle, http2: transport.http2,
                                            kind: transport.kind, streams: transport.streams)
        self.interruptGrace = interruptGrace
    }

    /// Connections a scenario that names none opens at most (one per iteration in flight below it).
    static let defaultConnectionsLimit = 1_024

    /// Starts no new step; steps in flight get the grace period, then are abandoned.
    public func stop() {
        guard control.requestStop() else { return }
        let grace = interruptGrace
        Task { [self] in
            try? await Task.sleep(for: grace)
            abandonInFlight()
        }
    }

    /// Abandons steps in flight at once.
    public func stopImmediately() {
        control.requestImmediateStop()
        abandonInFlight()
    }

    private var isStopping: Bool { control.isStopping }

    private func abandonInFlight() { transport.withLock { $0 }?.abandonInFlight() }

    /// Runs the scenario to its end (or to a stop). `onInterval` gets each second of all the
    /// scenario's requests together, in order (with dropped iterations as its dropped arrivals).
    public func execute(onInterval: @escaping @Sendable (IntervalReport) -> Void = { _ in }) async throws(LoadEngineError) -> ScenarioResult {
        let kind = resolvedTransportKind
        // As a load run refuses it: the native client would speak HTTP/1.1 where HTTP/2 was asked for.
        if kind == .native, transportOptions.http2 {
            throw .nativeTransportUnsupported(url: scenario.target, http2: true)
        }
        let transport: any ExchangeTransport
        do throws(TransportError) {
            transport = switch kind {
            case .native: try NativeExchangeTransport(options: transportOptions, url: scenario.target)
            default: try AsyncTransport(options: transportOptions, url: scenario.target)
            }
        } catch {
            throw .transport(error)
        }
        self.transport.withLock { $0 = transport }
        if isStopping { transport.abandonInFlight() }
        let startedAt = Date()
        let start = ExchangeRecorder.now()
        let schedule = scenario.load.schedule
        let isFlow: Bool = if case .flow = scenario.body { true } else { false }
        let context = IterationContext(
            scenario: scenario, transport: transport, start: start,
            requests: ExchangeRecorder(startNanoseconds: start, schedule: isFlow ? nil : schedule, parts: scenario.steps.count,
                                       partSchedule: isFlow ? schedule : nil, onInterval: onInterval),
            iterations: ExchangeRecorder(startNanoseconds: start, schedule: schedule),
            isStopping: { [self] in isStopping })
        let sendingEnded = await drive(context, start: start)
        await transport.close()
        self.transport.withLock { $0 = nil }
        return ScenarioResult(
            scenario: scenario,
            transport: kind,
            outcome: isStopping ? .interrupted : .completed,
            steps: scenario.steps.enumerated().map { index, step in
                StepResult(name: step.name, method: step.method, path: step.path.source,
                           measurements: context.requests.measurements(ofPart: index, startedAt: startedAt,
                                                                       sendingEndedNanoseconds: sendingEnded))
            },
            requests: context.requests.measurements(startedAt: startedAt, sendingEndedNanoseconds: sendingEnded),
            iterations: context.iterations.measurements(startedAt: startedAt, sendingEndedNanoseconds: sendingEnded),
            checks: context.tally.results)
    }

    /// The client the run's requests go through: the native one when the options resolve to it
    /// for the target, unless a step's path is written as a URL on another origin (then
    /// libcurl). A path that only renders to such a URL (`"{{next}}"`) fails as `other` on the
    /// native client: it speaks to the target's origin alone.
    public var resolvedTransportKind: TransportKind {
        // The native exchange client speaks HTTP/1.1 only: flows with HTTP/2 stay on libcurl.
        guard transportOptions.resolvedKind(for: scenario.target) == .native,
              !transportOptions.http2 || transportOptions.kind == .native else { return .curl }
        if transportOptions.kind == .native { return .native }
        let origin = scenario.target.hasSuffix("/") ? String(scenario.target.dropLast()) : scenario.target
        return scenario.steps.allSatisfy { step in
            let path = step.path.leadingLiteral
            return !(path.hasPrefix("http://") || path.hasPrefix("https://")) || path.hasPrefix(origin)
        } ? .native : .curl
    }

    /// Starts iterations as the load says until it is done or stopped; returns when the last
    /// one has ended, with the moment sending stopped. Iterations are numbered as in the whole
    /// test: a segment's are those its `scenario.segment` owns.
    private func drive(_ context: IterationContext, start: Int64) async -> Int64 {
        switch scenario.load {
        case .iterations(let count, let virtualUsers):
            let claimed = Atomic<Int>(0)
            await runVirtualUsers(virtualUsers, context: context) { [self] in
                let claim = claimed.wrappingAdd(1, ordering: .relaxed).oldValue
                return claim < count && !isStopping ? scenario.segment.number(ofOwned: claim) : nil
            }
            return ExchangeRecorder.now()
        case .virtualUsersFor(let duration, let virtualUsers):
            let deadline = start + duration.nanosecondsClamped
            let claimed = Atomic<Int>(0)
            await runVirtualUsers(virtualUsers, context: context) { [self] in
                guard ExchangeRecorder.now() < deadline, !isStopping else { return nil }
                return scenario.segment.number(ofOwned: claimed.wrappingAdd(1, ordering: .relaxed).oldValue)
            }
            return min(ExchangeRecorder.now(), deadline)
        case .arrivals(let schedule, let maxInFlight):
            return await runArrivals(schedule, maxInFlight: maxInFlight, context: context, start: start)
        }
    }

    /// `count` virtual users, each running the iterations `next` hands out until it hands out nil.
    private func runVirtualUsers(_ count: Int, context: IterationContext, next: @escaping @Sendable () -> Int?) async {
        await withTaskGroup(of: Void.self) { group in
            for virtualUser in 1...count {
                group.addTask(executorPreference: context.executor(for: virtualUser)) {
                    while let iteration = next() {
                        await context.run(iteration: iteration, virtualUser: virtualUser, intended: ExchangeRecorder.now())
                    }
                }
            }
        }
    }

    /// Starts an iteration at each arrival of `schedule`, paced by the engine's `ArrivalPacer`
    /// (the open model); an arrival finding `maxInFlight` iterations running is dropped and
    /// counted.
    private func runArrivals(_ schedule: ArrivalSchedule, maxInFlight: Int, context: IterationContext, start: Int64) async -> Int64 {
        let running = RunningCount()
        let plannedEnd = start + schedule.duration.nanosecondsClamped
        var sendingEnded = plannedEnd
        await withTaskGroup(of: Void.self) { group in
            for await arrival in ArrivalPacer.arrivals(of: schedule, from: start, control: control) {
                // Arrivals handed over just before a stop are not started either.
                if isStopping { break }
                if running.value.load(ordering: .relaxed) >= maxInFlight {
                    context.iterations.recordDropped()
                    context.requests.recordDroppedInTimeline()
                    continue
                }
                running.value.wrappingAdd(1, ordering: .relaxed)
                group.addTask(executorPreference: context.executor(for: arrival.index)) {
                    await context.run(iteration: arrival.index, virtualUser: arrival.index % maxInFlight + 1,
                                      intended: arrival.intendedNanoseconds)
                    running.value.wrappingSubtract(1, ordering: .relaxed)
                }
            }
            if isStopping { sendingEnded = min(ExchangeRecorder.now(), plannedEnd) }
        }
        return sendingEnded
    }
}

/// Iterations running at once, shared by the arrival loop and the iterations it starts.
private final class RunningCount: Sendable {
    let value = Atomic<Int>(0)
}
