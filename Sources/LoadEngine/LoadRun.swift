import CCurl
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
        guard CurlGlobal.isReady else { throw .transportSetup("curl_global_init failed") }
        let threadCount = plan.transport.threads
        try DescriptorLimit.ensureRoom(connections: plan.transport.connections, threads: threadCount)
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
        case .native:
            workers = try makeWorkers(connections: connections, series: series) { share throws(LoadEngineError) in
                try NativeSlotTransport(request: plan.request, transport: plan.transport, connections: share)
            }
        case .curl, .auto:
            workers = try makeWorkers(connections: connections, series: series) { share throws(LoadEngineError) in
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

    /// One worker per thread, each with its share of the connections on its own transport.
    private func makeWorkers<Transport: SlotTransport>(
        connections: [Int], series: IntervalSeriesBuilder,
        transport: (Int) throws(LoadEngineError) -> Transport) throws(LoadEngineError) -> [any PlannedWorker] {
        var workers: [any PlannedWorker] = []
        for (index, share) in connections.enumerated() {
            workers.append(LoadWorker(index: index, threadCount: connections.count, connections: share, plan: plan,
                                      control: control, series: series, transport: try transport(share)))
        }
        return workers
    }

    /// Transport threads block in poll, so they must never run on the cooperative pool.
    private static func onDedicatedThread(index: Int, _ body: @escaping @Sendable () -> RunRecorder) async -> RunRecorder {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "perfkit-transport-\(index)"
            thread.start()
        }
    }

    private static func validate(_ plan: LoadPlan) throws(LoadEngineError) {
        try TargetURL.validate(plan.request.url)
        if let problem = HTTPFieldSyntax.problem(in: plan.request) { throw .invalidPlan(problem) }
        guard (1...LoadLimits.connections).contains(plan.transport.connections) else {
            throw .invalidPlan("--connections must be 1 to \(LoadLimits.connections) (got \(plan.transport.connections))")
        }
        guard plan.transport.timeout > .zero else { throw .invalidPlan("--timeout must be more than 0") }
        if plan.transport.kind == .native {
            guard plan.request.url.lowercased().hasPrefix("http://"), !plan.transport.http2 else {
                throw .invalidPlan("--transport native speaks http:// over HTTP/1.1 only; use --transport curl or auto for https and --http2")
            }
        }
        guard !plan.transport.http2 || pk_supports_http2() != 0 else {
            throw .invalidPlan("--http2: this libcurl was built without HTTP/2 support")
        }
        guard plan.model.sendingDuration > .zero else { throw .invalidPlan("--duration must be more than 0") }
        guard case .open(let schedule, let maxInFlight) = plan.model else { return }
        guard maxInFlight >= 1 else { throw .invalidPlan("--max-in-flight must be at least 1 (got \(maxInFlight))") }
        for segment in schedule.segments where !(0...LoadLimits.rate).contains(segment.startRate)
            || !(0...LoadLimits.rate).contains(segment.endRate) {
            throw .invalidPlan("request rates must be 0 to \(Int(LoadLimits.rate)) per second")
        }
        guard schedule.totalArrivals > 0 else {
            throw .invalidPlan("the schedule sends no requests: raise the rate or the duration")
        }
    }
}

/// libcurl's process-wide initialisation, done once before the first handle is made.
enum CurlGlobal {
    static let isReady: Bool = pk_global_init() == CURLE_OK
}
