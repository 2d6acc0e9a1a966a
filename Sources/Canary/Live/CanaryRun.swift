import Foundation
import LoadEngine
import Monitor
import Synchronization

/// One canary: the same request sent to the baseline and the canary at the same rate, side by
/// side in time (two open-model engine runs started together, so a disturbance shared by both
/// versions hits both samples), and the named queries read from Prometheus for each version's
/// group; every metric judged at the end of each interval, the canary rolled back at the first
/// interval under the fail score. `stop()` may be called from any thread.
public final class CanaryRun: Sendable {
    /// What is compared.
    public let plan: CanaryPlan
    private let loads: (baseline: LoadRun, canary: LoadRun)?
    private let prometheus: PrometheusClient?
    private let state = Mutex(State())

    private struct State {
        var rollback: CanaryVerdict?
        var interrupted = false
    }

    /// Prepares a run; the probes' plans are checked here. `prometheus` answers the queries.
    public init(plan: CanaryPlan, prometheus: PrometheusClient?) throws(LoadEngineError) {
        self.plan = plan
        if let probes = plan.probes {
            loads = (try LoadRun(plan: probes.baseline), try LoadRun(plan: probes.canary))
        } else {
            loads = nil
        }
        self.prometheus = prometheus
    }

    /// Stops: the probes' requests in flight get their grace period.
    public func stop() {
        state.withLock { $0.interrupted = true }
        loads?.baseline.stop()
        loads?.canary.stop()
    }

    /// Stops at once, abandoning the probes' requests in flight.
    public func stopImmediately() {
        state.withLock { $0.interrupted = true }
        loads?.baseline.stopImmediately()
        loads?.canary.stopImmediately()
    }

    private var isOver: Bool { state.withLock { $0.rollback != nil || $0.interrupted } }

    /// Runs until the end of the duration, a rollback or a stop. `onJudgment` gets each
    /// interval's judgment and the running score as they are made; `onInterval` every second
    /// of the baseline probe's run (from a transport thread: it must return quickly).
    public func execute(onJudgment: @escaping @Sendable (IntervalJudgment, Double?) -> Void,
                        onInterval: @escaping @Sendable (IntervalReport) -> Void = { _ in }) async throws(LoadEngineError) -> CanaryOutcome {
        let start = ContinuousClock.now
        let startDate = Date()
        let count = plan.intervals.count
        let seconds = Int(plan.interval.seconds)
        let sides = (baseline: ProbeIntervals(intervalSeconds: seconds, intervalCount: count),
                     canary: ProbeIntervals(intervalSeconds: seconds, intervalCount: count))
        let (results, scoreboard) = await withTaskGroup(of: Finished.self) { group in
            if let loads {
                group.addTask {
                    .baseline(await Self.probe(loads.baseline, into: sides.baseline) { onInterval($0) })
                }
                group.addTask { .canary(await Self.probe(loads.canary, into: sides.canary) { _ in }) }
            }
            group.addTask {
                .judged(await self.judge(sides, start: start, startDate: startDate, onJudgment: onJudgment))
            }
            var results: (baseline: Result<RunResult, LoadEngineError>?, canary: Result<RunResult, LoadEngineError>?) = (nil, nil)
            var scoreboard = CanaryScoreboard(criteria: plan.criteria)
            while let finished = await group.next() {
                switch finished {
                case .baseline(let result): results.baseline = result
                case .canary(let result): results.canary = result
                case .judged(let board):
                    scoreboard = board
                    // The judge is done (the end, a rollback or a stop): so are the probes.
                    loads?.baseline.stopImmediately()
                    loads?.canary.stopImmediately()
                }
            }
            return (results, scoreboard)
        }
        let elapsed = (ContinuousClock.now - start).seconds
        let baseline = try results.baseline.map { result throws(LoadEngineError) in try result.get() }
        let canary = try results.canary.map { result throws(LoadEngineError) in try result.get() }
        let verdict: CanaryVerdict = state.withLock { state in
            if let rollback = state.rollback { return rollback }
            return state.interrupted ? .interrupted(score: scoreboard.runningScore) : scoreboard.finalVerdict
        }
        return CanaryOutcome(verdict: verdict, intervals: scoreboard.intervals, baseline: baseline, canary: canary, elapsed: elapsed)
    }

    private enum Finished: Sendable {
        case baseline(Result<RunResult, LoadEngineError>)
        case canary(Result<RunResult, LoadEngineError>)
        case judged(CanaryScoreboard)
    }

    // MARK: The probes

    /// Runs one probe to its end or a stop, its seconds into `intervals`. A method returning a
    /// result rather than a typed `do`/`catch` in the child task's closure, which Swift 6.3
    /// miscompiled in release builds (see `PrometheusClient.query`).
    private static func probe(_ load: LoadRun, into intervals: ProbeIntervals,
                              onInterval: @escaping @Sendable (IntervalReport) -> Void) async -> Result<RunResult, LoadEngineError> {
        defer { intervals.finish() }
        do {
            return .success(try await load.execute { report in
                intervals.add(report)
                onInterval(report)
            })
        } catch {
            return .failure(error)
        }
    }

    // MARK: Judging

    /// Judges each interval once it is over on the clock and both probes have reported its
    /// last second; stops at a rollback, a stop, or the last interval.
    private func judge(_ sides: (baseline: ProbeIntervals, canary: ProbeIntervals), start: ContinuousClock.Instant,
                       startDate: Date, onJudgment: @Sendable (IntervalJudgment, Double?) -> Void) async -> CanaryScoreboard {
        var scoreboard = CanaryScoreboard(criteria: plan.criteria)
        for (index, bounds) in plan.intervals.enumerated() {
            // Short sleeps, so that a stop is noticed within a tenth of a second.
            while !isOver, ContinuousClock.now < start + .seconds(bounds.end)
                    || (loads != nil && !(sides.baseline.hasCompleted(interval: index) && sides.canary.hasCompleted(interval: index))) {
                guard (try? await Task.sleep(for: .milliseconds(50))) != nil else { return scoreboard }
            }
            guard !isOver else { return scoreboard }
            let window = (start: startDate.timeIntervalSince1970 + bounds.start, end: startDate.timeIntervalSince1970 + bounds.end)
            var comparisons: [MetricComparison] = []
            for metric in plan.metrics {
                comparisons.append(await compare(metric, interval: index, sides: sides, window: window))
            }
            sides.baseline.forget(interval: index)
            sides.canary.forget(interval: index)
            let judgment = IntervalJudgment(number: index + 1, start: bounds.start, end: bounds.end, comparisons: comparisons)
            let rollback = scoreboard.record(judgment)
            let settles: Bool = state.withLock { state in
                guard !state.interrupted else { return false }
                state.rollback = rollback
                return true
            }
            // A judgment made after a stop is not shown: the canary ended before it.
            guard settles else { return scoreboard }
            onJudgment(judgment, scoreboard.runningScore)
            if rollback != nil { return scoreboard }
        }
        return scoreboard
    }

    /// One metric over one interval: the probes' samples, or each group's query values.
    private func compare(_ metric: CanaryMetric, interval index: Int, sides: (baseline: ProbeIntervals, canary: ProbeIntervals),
                         window: (start: Double, end: Double)) async -> MetricComparison {
        guard case .query(let template) = metric.source else {
            return MetricComparison.compare(metric, baseline: sides.baseline.samples(of: metric.source, interval: index),
                                            canary: sides.canary.samples(of: metric.source, interval: index),
                                            alpha: plan.criteria.alpha)
        }
        guard let prometheus, let groups = plan.groups else {
            return MetricComparison.compare(metric, baseline: [], canary: [], alpha: plan.criteria.alpha)
        }
        async let baseline = prometheus.queryRange(CanaryPlan.expression(template, group: groups.baseline),
                                                   start: window.start, end: window.end, step: plan.queryStep)
        async let canary = prometheus.queryRange(CanaryPlan.expression(template, group: groups.canary),
                                                 start: window.start, end: window.end, step: plan.queryStep)
        let answers = await (baseline, canary)
        var comparison = MetricComparison.compare(metric, baseline: Self.values(answers.0), canary: Self.values(answers.1),
                                                  alpha: plan.criteria.alpha)
        for case .failure(let error) in [answers.0, answers.1] { comparison.problem = error.description }
        return comparison
    }

    /// A range query's numbers: NaN (a ratio with no traffic) is no value.
    private static func values(_ answer: Result<PrometheusQueryResult, PrometheusError>) -> [Double] {
        guard case .success(let result) = answer else { return [] }
        return result.samples.map(\.value).filter(\.isFinite)
    }
}
