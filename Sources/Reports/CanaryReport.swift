import Baselines
import Recording
import Units

/// A canary's judgment as a self-contained HTML page (`perfkit report --run ID` of either side's
/// run): the verdict, every interval's metrics with both sides' values, the effect, tolerance and
/// p-value, then both sides' latency distributions, phases and timelines as a comparison report
/// draws two versions.
public enum CanaryReport {
    /// The page for `judgment`, stored with `canary` and `baseline` (the probe runs of each side;
    /// either may be missing, e.g. deleted since).
    public static func html(_ judgment: RunConfiguration.CanaryJudgment, baseline: RunRecord?, canary: RunRecord?,
                            origin: ReportOrigin) -> String {
        let title = "perfkit: canary \(judgment.canaryVersion) against \(judgment.baselineVersion)"
        return HTMLPage.document(title: title, origin: origin) { page in
            page.element("header") { header in
                header.element("h1", text: "Canary \(judgment.canaryVersion) against \(judgment.baselineVersion)")
                header.element("p", [("class", "criteria")], text: criteria(judgment))
                header.element("p", [("class", "result " + (judgment.verdict == "promote" ? "passed" : "regression"))],
                               text: verdict(judgment))
            }
            page.element("section", [("class", "step"), ("id", "judgment")]) { section in
                section.element("h2", text: "Judgment per interval")
                let rows = judgment.intervals.flatMap { interval in interval.metrics.map { row(interval, $0) } }
                let classes = judgment.intervals.flatMap { $0.metrics.map { rowClass($0.classification) } }
                HTMLTable.write("verdicts", columns: columns, rows: rows, rowClasses: classes, to: &section)
            }
            let sides = [(judgment.baselineVersion, VersionRuns.Side.baseline, baseline), (judgment.canaryVersion, .current, canary)]
                .compactMap { version, side, run in
                    run.map { VersionRuns(version: version, side: side, runs: [$0], chartsCompletedOnly: false) }
                }
            if let first = baseline ?? canary {
                let step = ReportStep(scenario: first.scenario, step: first.step, rows: [], versions: sides)
                StepSection.write(step, id: "probes", to: &page) { section in
                    section.element("p", [("class", "muted")], text: "The probe's requests to each version, side by side in time.")
                }
            }
        }
    }

    private static let columns: [(title: String, alignment: TextTable.Alignment)] = [
        ("interval", .left), ("score", .right), ("metric", .left), ("result", .left), ("baseline", .right), ("canary", .right),
        ("effect", .right), ("tolerance", .right), ("p", .right),
    ]

    private static func row(_ interval: RunConfiguration.CanaryJudgment.Interval,
                            _ metric: RunConfiguration.CanaryJudgment.Metric) -> [String] {
        let span = "\(interval.number): \(seconds(interval.startSeconds))-\(seconds(interval.endSeconds))s"
        let side = { (value: Double?, count: Int) in value.map { "\(Self.value($0, unit: metric.unit)) (n=\(count))" } ?? "no data" }
        return [span, interval.score.map { fixed($0, decimals: 1) } ?? "-", metric.name, metric.classification,
                side(metric.baselineValue, metric.baselineCount), side(metric.canaryValue, metric.canaryCount),
                metric.effect.map { effect($0, of: metric) } ?? "-", amount(metric.tolerance, of: metric),
                metric.pValue.map { $0 < 0.0001 ? "<0.0001" : fixed($0, decimals: 4) } ?? "-"]
    }

    /// Worse and better take the comparison report's regression and improvement colours.
    private static func rowClass(_ classification: String) -> String {
        switch classification {
        case "worse": "regression"
        case "better": "improvement"
        case "pass": "unchanged"
        default: "absent"
        }
    }

    private static func criteria(_ judgment: RunConfiguration.CanaryJudgment) -> String {
        "Each interval of \(seconds(judgment.intervalSeconds))s, each metric: two-sided Mann-Whitney U at alpha "
            + "\(judgment.alpha), worse or better only beyond the metric's tolerance; an interval scoring under "
            + "\(fixed(judgment.failScore, decimals: 0)) rolls back, a running score of "
            + "\(fixed(judgment.passScore, decimals: 0)) at the end promotes."
    }

    private static func verdict(_ judgment: RunConfiguration.CanaryJudgment) -> String {
        let score = judgment.score.map { "score \(fixed($0, decimals: 1))" } ?? "no score"
        let count = judgment.intervals.count
        return "\(judgment.verdict.uppercased()): \(score) after \(count) interval\(count == 1 ? "" : "s")"
    }

    private static func value(_ value: Double, unit: String) -> String {
        switch unit {
        case "seconds": DurationText.formatMicroseconds(value * 1e6)
        case "proportion": "\(fixed(value * 100, decimals: 2))%"
        default: abs(value) >= 100 ? fixed(value, decimals: 1) : fixed(value, decimals: 4)
        }
    }

    private static func effect(_ effect: Double, of metric: RunConfiguration.CanaryJudgment.Metric) -> String {
        let sign = effect >= 0 ? "+" : "-"
        return metric.effectKind == "relative" ? "\(sign)\(fixed(abs(effect) * 100, decimals: 1))%"
            : sign + value(abs(effect), unit: metric.unit)
    }

    private static func amount(_ tolerance: Double, of metric: RunConfiguration.CanaryJudgment.Metric) -> String {
        metric.effectKind == "relative" ? "\(fixed(tolerance * 100, decimals: 1))%" : value(tolerance, unit: metric.unit)
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : fixed(value, decimals: 1)
    }
}

extension CanaryReport {
    /// The other side's run of the canary `run` belongs to: the run of the other version in the
    /// same scenario that carries a judgment and started within two seconds of it (both probes
    /// start together); nil when it is not in the store.
    public static func partner(of run: RunRecord, judgment: RunConfiguration.CanaryJudgment,
                               in store: any RunStore) async throws(StoreError) -> RunRecord? {
        let other = judgment.side == "baseline" ? judgment.canaryVersion : judgment.baselineVersion
        return try await store.runs(version: other, scenario: run.scenario)
            .filter { $0.id != run.id && abs($0.startedAt.timeIntervalSince(run.startedAt)) < 2 }
            .filter { RunConfiguration(json: $0.configJSON)?.canary != nil }
            .min { abs($0.startedAt.timeIntervalSince(run.startedAt)) < abs($1.startedAt.timeIntervalSince(run.startedAt)) }
    }
}
