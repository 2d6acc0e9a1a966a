import Foundation
import LoadEngine
import Synchronization
import Units

/// One run of a monitor: the probe's requests judged over a rolling window each second, and the
/// `--query` expressions read from Prometheus each second, until the duration is over or a
/// threshold stays breached for the `for` duration, when everything stops at once so that a
/// rollback can start. `stop()` may be called from any thread.
public final class MonitorRun: Sendable {
    /// What is watched.
    public let plan: MonitorPlan
    private let load: LoadRun?
    private let prometheus: PrometheusClient?
    private let state = Mutex(State())

    private struct State {
        var breach: (reading: ThresholdReading, time: Int)?
        var interrupted = false
    }

    /// Prepares a run; the probe's plan is checked here. `prometheus` answers the queries.
    public init(plan: MonitorPlan, prometheus: PrometheusClient?) throws(LoadEngineError) {
        self.plan = plan
        load = try plan.probe.map { plan throws(LoadEngineError) in try LoadRun(plan: plan) }
        self.prometheus = prometheus
    }

    /// Stops watching: the probe's requests in flight get its grace period.
    public func stop() {
        state.withLock { $0.interrupted = true }
        load?.stop()
    }

    /// Stops at once, abandoning the probe's requests in flight.
    public func stopImmediately() {
        state.withLock { $0.interrupted = true }
        load?.stopImmediately()
    }

    private var isOver: Bool { state.withLock { $0.breach != nil || $0.interrupted } }

    /// Watches until the end of the duration, a sustained breach or a stop. `onEvaluation` gets
    /// every evaluation as it is made and `onInterval` every second of the probe's run (from a
    /// transport thread: it must return quickly).
    public func execute(onEvaluation: @escaping @Sendable (MonitorEvaluation) -> Void,
                        onInterval: @escaping @Sendable (IntervalReport) -> Void = { _ in }) async throws(LoadEngineError) -> MonitorOutcome {
        let start = ContinuousClock.now
        let (reports, reported) = AsyncStream<IntervalReport>.makeStream()
        // A probe with no threshold of its own only sends (and is stored): nothing to judge.
        let judgesProbe = !plan.probeThresholds.isEmpty
        let probeResult: Result<RunResult, LoadEngineError>? = await withTaskGroup(of: Result<RunResult, LoadEngineError>?.self) { group in
            if let load {
                group.addTask {
                    defer { reported.finish() }
                    return await Self.probe(load) { report in
                        onInterval(report)
                        if judgesProbe { reported.yield(report) }
                    }
                }
                if judgesProbe {
                    group.addTask { await self.judgeProbe(reports, onEvaluation: onEvaluation); return nil }
                }
            }
            if let prometheus, !plan.queryThresholds.isEmpty {
                group.addTask { await self.poll(prometheus, from: start, onEvaluation: onEvaluation); return nil }
            }
            var probeResult: Result<RunResult, LoadEngineError>?
            while let finished = await group.next() {
                if let finished { probeResult = finished }
                // A breach or a stop ends the whole monitor, not only the part that saw it.
                if isOver { group.cancelAll() }
            }
            return probeResult
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let probe: RunResult?
        switch probeResult {
        case .failure(let error): throw error
        case .success(let result): probe = result
        case nil: probe = nil
        }
        let verdict: MonitorOutcome.Verdict = state.withLock { state in
            if let breach = state.breach { return .breached(breach.reading, at: breach.time) }
            return state.interrupted ? .interrupted : .held
        }
        return MonitorOutcome(verdict: verdict, probe: probe, elapsed: elapsed)
    }

    // MARK: The probe

    /// Runs the probe to its end or a stop. A method rather than a typed `do`/`catch` in the child
    /// task's closure, which Swift 6.3 miscompiled in release builds (see `PrometheusClient.query`).
    private static func probe(_ load: LoadRun, onInterval: @escaping @Sendable (IntervalReport) -> Void) async
        -> Result<RunResult, LoadEngineError> {
        do {
            return .success(try await load.execute(onInterval: onInterval))
        } catch {
            return .failure(error)
        }
    }

    /// Judges the probe's thresholds over the rolling window at each second the run reports.
    private func judgeProbe(_ reports: AsyncStream<IntervalReport>, onEvaluation: @Sendable (MonitorEvaluation) -> Void) async {
        var window = RollingWindow(seconds: plan.windowSeconds)
        var judge = ThresholdJudge(thresholds: plan.probeThresholds, sustain: plan.sustain)
        for await report in reports {
            window.append(report)
            let summary = window.summary
            let time = report.stats.second + 1
            let readings = window.isFull
                ? judge.judge(at: time) { (summary.value(of: $0.signal), nil) }
                : judge.read { summary.value(of: $0.signal) }
            let evaluation = MonitorEvaluation(
                source: .probe, time: time, readings: readings,
                window: .init(seconds: window.seconds, filled: window.span?.count ?? 0, requests: summary.requests))
            guard record(evaluation, onEvaluation: onEvaluation) else { return }
        }
    }

    // MARK: Prometheus

    /// Reads every query once per second, on the second, until the duration is over.
    private func poll(_ prometheus: PrometheusClient, from start: ContinuousClock.Instant,
                      onEvaluation: @Sendable (MonitorEvaluation) -> Void) async {
        var judge = ThresholdJudge(thresholds: plan.queryThresholds, sustain: plan.sustain)
        let ticks = Int(plan.duration.seconds.rounded(.up))
        var tick = 1
        while tick <= ticks {
            // Short sleeps, so that a stop is noticed within a tenth of a second.
            let due = start + .seconds(tick)
            while ContinuousClock.now < due {
                guard !isOver, (try? await Task.sleep(for: min(.milliseconds(100), due - .now))) != nil else { return }
            }
            let answers = await queryAll(prometheus)
            let readings = judge.judge(at: tick) { threshold in
                switch answers[threshold.key] {
                case .success(let result): (result.worstValue, nil)
                case .failure(let error): (nil, error.description)
                case nil: (nil, "no --query named \(threshold.key)")
                }
            }
            guard record(MonitorEvaluation(source: .prometheus, time: tick, readings: readings, window: nil),
                         onEvaluation: onEvaluation) else { return }
            // A query slower than a second skips the ticks it overran rather than bunching them up.
            tick = max(tick + 1, Int((ContinuousClock.now - start).seconds.rounded(.up)))
        }
    }

    /// Every query's answer, asked at once.
    private func queryAll(_ prometheus: PrometheusClient) async -> [String: Result<PrometheusQueryResult, PrometheusError>] {
        await withTaskGroup(of: (String, Result<PrometheusQueryResult, PrometheusError>).self) { group in
            for query in plan.queries {
                group.addTask { (query.name, await prometheus.query(query.expression)) }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
    }

    // MARK: Verdicts

    /// Hands `evaluation` on and settles a breach it carries; false when the monitor is over.
    private func record(_ evaluation: MonitorEvaluation, onEvaluation: @Sendable (MonitorEvaluation) -> Void) -> Bool {
        let settles: Bool = state.withLock { state in
            guard state.breach == nil, !state.interrupted else { return false }
            if let failure = evaluation.failure { state.breach = (failure, evaluation.time) }
            return true
        }
        // Evaluations that come after the monitor ended (the other source, a moment late) are not shown.
        guard settles else { return false }
        onEvaluation(evaluation)
        guard evaluation.failure == nil else {
            load?.stopImmediately()
            return false
        }
        return true
    }
}
