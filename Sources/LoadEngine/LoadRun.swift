import Foundation
import Units

/// One run of a `LoadPlan`: validates the plan, drives the transport threads, and merges
/// what they recorded. `stop()` may be called from any thread (a signal handler's queue).
public final class LoadRun: Sendable {
    /// The plan being run.
    public let plan: LoadPlan
    private let control = RunControl()

    /// Checks the plan; throws a message naming the bad value.
    public init(plan: LoadPlan) throws(LoadEngineError) {
        try Self.validate(plan)
        self.plan = plan
    }

    /// Stops sending; requests in flight get `plan.interruptGrace` to finish.
    public func stop() { control.requestStop() }

    /// Stops at once, abandoning requests in flight.
    public func stopImmediately() { control.requestImmediateStop() }

    /// Runs the plan to its end (or to a stop). `onInterval` is called once per second of the
    /// run, in order, from a transport thread: it must return quickly.
    public func execute(onInterval: @escaping @Sendable (IntervalReport) -> Void = { _ in }) async throws(LoadEngineError) -> RunResult {
        guard CurlGlobal.isReady else { throw .transport(.setupFailed(call: "curl_global_init", detail: nil)) }
        let threadCount = plan.transport.threads
        do throws(TransportError) {
            try DescriptorLimit.ensureRoom(connections: plan.transport.connections, threads: threadCount)
        } catch {
            throw .transport(error)
        }
        var schedule: ArrivalSchedule? = nil
        if case .open(let openSchedule, _) = plan.model { schedule = openSchedule }
        let series = IntervalSeriesBuilder(workers: threadCount, schedule: schedule, onInterval: onInterval)
        let connections = (0..<threadCount).map { index in
            plan.transport.connections / threadCount + (index < plan.transport.connections % threadCount ? 1 : 0)
        }
        let startedAt = Date()
        let start: Int64
        let workers: [any PlannedWorker]
        switch plan.transport.resolvedKind(for: plan.request.url) {
        case .native where plan.transport.http2:
            workers = try makeWorkers(connections: connections, series: series) { share throws(TransportError) in
                try NativeHTTP2SlotTransport(request: plan.request, transport: plan.transport, connections: share)
            }
        case .native:
            workers = try makeWorkers(connections: connections, series: series) { share throws(TransportError) in
                try NativeSlotTransport(request: plan.request, transport: plan.transport, connections: share)
            }
        case .curl, .auto:
            workers = try makeWorkers(connections: connections, series: series) { share throws(TransportError) in
                try CurlSlotTransport(request: plan.request, transport: plan.transport, connections: share)
            }
        }
        start = MonotonicClock.now()
        let recorders = await withTaskGroup(of: RunRecorder.self) { group in
            for (index, worker) in workers.enumerated() {
                group.addTask { await Self.onDedicatedThread(index: index) { worker.run(from: start) } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let sendingEnd = zip(workers, recorders).map { max($0.sendingEndedNanoseconds, $1.lastSendNanoseconds) }.max() ?? start
        let end = max(sendingEnd, recorders.map(\.lastCompletionNanoseconds).max() ?? start)
        let measurements = Measurements(recorders, series: series.series, startedAt: startedAt,
                                        elapsed: .nanoseconds(max(0, end - start)),
                                        sendingWindow: .nanoseconds(max(0, sendingEnd - start)), schedule: schedule)
        return RunResult(plan: plan, outcome: control.isStopping ? .interrupted : .completed, measurements: measurements)
    }

    /// One worker per thread, each with its share of the connections on its own transport (all
    /// the streams of a connection on its thread, whose multi handle holds the connection). When
    /// transport k cannot be set up, the workers made before it are dropped, and with them
    /// transports 0..<k (each frees what it holds in deinit).
    func makeWorkers<Transport: SlotTransport>(
        connections: [Int], series: IntervalSeriesBuilder,
        transport: (Int) throws(TransportError) -> Transport) throws(LoadEngineError) -> [any PlannedWorker] {
        var workers: [any PlannedWorker] = []
        for (index, share) in connections.enumerated() {
            let made: Transport
            do throws(TransportError) { made = try transport(share) } catch { throw .transport(error) }
            workers.append(LoadWorker(index: index, threadCount: connections.count,
                                      slotCount: plan.transport.slots(onConnections: share), plan: plan,
                                      control: control, series: series, transport: made))
        }
        return workers
    }

    /// Transport threads block in poll, so they must never run on the cooperative pool.
    private static func onDedicatedThread(index: Int, _ body: @escaping @Sendable () -> RunRecorder) async -> RunRecorder {
        await withCheckedContinuation { continuation in
            NamedThread.start("pk-transport-\(index)") { continuation.resume(returning: body()) }
        }
    }

    /// Streams are HTTP/2's: HTTP/1.1 carries one request per connection at a time. Each
    /// stream is a slot with a libcurl handle, so connections × streams is capped as
    /// connections alone are.
    private static func validateStreams(_ transport: TransportOptions) throws(LoadEngineError) {
        guard (1...LoadLimits.streams).contains(transport.streams) else {
            throw .outOfRange(.streams, value: Double(transport.streams), allowed: 1...Double(LoadLimits.streams))
        }
        guard transport.streams == 1 || transport.http2 else { throw .streamsNeedHTTP2(streams: transport.streams) }
        guard transport.slots(onConnections: transport.connections) <= LoadLimits.requestsInFlight else {
            throw .tooManyStreams(connections: transport.connections, streams: transport.streams)
        }
    }

    private static func validate(_ plan: LoadPlan) throws(LoadEngineError) {
        do throws(TransportError) { try TargetURL.validate(plan.request.url) } catch { throw .transport(error) }
        if let problem = HTTPFieldSyntax.problem(in: plan.request) { throw problem }
        guard (1...LoadLimits.connections).contains(plan.transport.connections) else {
            throw .outOfRange(.connections, value: Double(plan.transport.connections), allowed: 1...Double(LoadLimits.connections))
        }
        guard plan.transport.timeout > .zero else { throw .notPositive(.timeout) }
        try validateStreams(plan.transport)
        let onCurl = plan.transport.resolvedKind(for: plan.request.url) == .curl
        guard !plan.transport.http2 || !onCurl || CurlGlobal.supportsHTTP2 else { throw .http2Unavailable }
        guard plan.model.sendingDuration > .zero else { throw .notPositive(.duration) }
        guard case .open(let schedule, let maxInFlight) = plan.model else { return }
        guard maxInFlight >= 1 else {
            throw .outOfRange(.maxInFlight, value: Double(maxInFlight), allowed: 1...Double(LoadLimits.maxInFlight))
        }
        for segment in schedule.segments {
            for rate in [segment.startRate, segment.endRate] where !(0...LoadLimits.rate).contains(rate) {
                throw .outOfRange(.rate, value: rate, allowed: 0...LoadLimits.rate)
            }
        }
        guard schedule.totalArrivals > 0 else { throw .scheduleSendsNothing }
    }
}
