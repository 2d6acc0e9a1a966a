import ArgumentParser
import Canary
import Foundation
import LoadEngine
import Monitor
import Recording
import Reports
import Units

/// `perfkit canary` (the runbook's `monitor-canary`): judges the canary against the stable
/// version serving beside it, interval by interval, and exits 1 at the first interval that
/// scores under the fail score so that traffic is pulled at once.
struct CanaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canary",
        abstract: "Judge a canary against the stable version, live: promote (exit 0) or roll back (exit 1).",
        discussion: """
            Examples (the runbook's canary step):
              perfkit canary --duration=2h --interval=5m \\
                --baseline http://10.0.0.5:8083/api/signals \\
                --canary http://10.0.0.6:8083/api/signals \\
                --baseline-version v1.2.2 --canary-version v1.2.3
              perfkit monitor-canary --duration=2h \\
                --metrics=latency,error_rate,trading_pnl \\
                --baseline http://10.0.0.5:8083/api/signals \\
                --canary http://10.0.0.6:8083/api/signals \\
                --prometheus http://127.0.0.1:9090 \\
                --query trading_pnl='sum(deriv(trading_pnl{{{group}}}[5m]))' \\
                --baseline-group 'version="v1.2.2"' \\
                --canary-group 'version="v1.2.3"'
            Probing sends the same request to both versions at --rate each, side
            by side (open model, latency from each request's intended send time).
            Each query is evaluated over every interval for both groups, {{group}}
            replaced by --baseline-group and --canary-group.
            Each interval, each metric: a two-sided Mann-Whitney U test of the
            canary's samples against the baseline's (probe: each request's latency,
            or its 0/1 failure; Prometheus: the query's points), and the effect
            (the change of the median; of the mean for error_rate). A metric is
            worse when p < --alpha and the effect is beyond its --tolerance in its
            bad direction, better likewise the other way, else pass; no data when
            a side has no samples. An interval's score is the share of metrics
            with data that pass or are better, 0-100; the running score is the
            mean of the interval scores.
            Exit codes: 0 promote (running score >= --pass-score at the end),
            1 rollback (an interval under --fail-score, at once) or marginal (the
            end reached below --pass-score), 2 bad flags, 4 a version or
            Prometheus cannot be reached at all, 130 interrupted (what was
            measured is stored).
            """,
        aliases: ["monitor-canary"]
    )

    @OptionGroup var request: RequestOptions
    @OptionGroup var pacing: OpenModelOptions
    @OptionGroup var storage: StoreOptions

    @Option(help: "The stable version's URL to probe, e.g. http://10.0.0.5:8083/api/signals.")
    var baseline: String?

    @Option(help: "The canary's URL to probe, e.g. http://10.0.0.6:8083/api/signals.")
    var canary: String?

    @Option(parsing: .unconditional, help: "How long to judge, e.g. 2h, 30m or 300 (seconds).", transform: DurationArgument.parse)
    var duration = DurationArgument(.seconds(7_200))

    @Option(parsing: .unconditional, help: "The judgment interval, whole seconds, e.g. 5m.", transform: DurationArgument.parse)
    var interval = DurationArgument(.seconds(300))

    @Option(parsing: .unconditional, help: "Probe requests per second to each version (open model).")
    var rate: Double = 20

    @Option(help: ArgumentHelp("Metrics to judge, joined by commas: latency, error_rate (probed), query NAMEs (default: all).",
                               valueName: "names"))
    var metrics: [String] = []

    @Option(help: "Prometheus server to read --query values from, e.g. http://127.0.0.1:9090.")
    var prometheus: String?

    @Option(help: ArgumentHelp("NAME='PromQL with {{group}}', evaluated for both groups each interval (repeatable).",
                               valueName: "name=promql"))
    var query: [String] = []

    @Option(help: #"Label matchers of the baseline's series, put in place of {{group}}, e.g. 'version="v1.2.2"'."#)
    var baselineGroup: String?

    @Option(help: #"Label matchers of the canary's series, e.g. 'version="v1.2.3"'."#)
    var canaryGroup: String?

    @Option(help: ArgumentHelp("NAME=TOLERANCE: how far the canary may move the bad way, e.g. latency=10% or latency=5ms, "
                               + "error_rate=1% (points) (defaults: latency 10%, error_rate 1%, queries 10%; repeatable).",
                               valueName: "name=tolerance"))
    var tolerance: [String] = []

    @Option(help: ArgumentHelp("NAME=higher-is-worse|lower-is-worse for a query (default higher-is-worse; trading_pnl lower-is-worse).",
                               valueName: "name=direction"))
    var direction: [String] = []

    @Option(parsing: .unconditional, help: "Significance level of the rank test.")
    var alpha: Double = CanaryCriteria.standard.alpha

    @Option(parsing: .unconditional, help: "An interval scoring under this (0-100) rolls back at once (Kayenta's marginal score).")
    var failScore: Double = CanaryCriteria.standard.failScore

    @Option(parsing: .unconditional, help: "The running score needed at the end to promote (0-100).")
    var passScore: Double = CanaryCriteria.standard.passScore

    @Option(help: "Version the baseline's probe run is stored under (default: its /healthz version, else 'baseline').")
    var baselineVersion: String?

    @Option(help: "Version the canary's probe run is stored under (default: its /healthz version, else 'canary').")
    var canaryVersion: String?

    @Option(help: "Lines on stdout: text, or json (one object per line).")
    var format: OutputOptions.Format = .text

    func validate() throws {
        try requirePositive(duration.duration, flag: "--duration", atMost: LoadLimits.duration)
        try requirePositive(interval.duration, flag: "--interval", atMost: LoadLimits.duration)
        guard interval.duration.seconds.rounded() == interval.duration.seconds else {
            throw ValidationError("--interval \(interval) is not a whole number of seconds (e.g. 5m or 30s)")
        }
        guard interval.duration <= duration.duration else {
            throw ValidationError("--interval \(interval) is longer than --duration \(duration): there would be nothing to judge")
        }
        try requirePositive(rate, flag: "--rate", atMost: LoadLimits.rate)
        guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1, e.g. 0.05 (got \(alpha))") }
        for (flag, score) in [("--fail-score", failScore), ("--pass-score", passScore)] where !(0...100).contains(score) {
            throw ValidationError("\(flag) must be from 0 to 100 (got \(score))")
        }
        guard failScore <= passScore else {
            throw ValidationError("--fail-score \(failScore) is above --pass-score \(passScore)")
        }
        guard storage.repeat == 1 else { throw ValidationError("--repeat does not apply to canary: it judges once") }
        _ = try canaryPlan()
    }

    func run() async throws {
        for (flag, label) in [("--baseline-version", baselineVersion), ("--canary-version", canaryVersion)] {
            if let problem = label.flatMap(RunLabel.problem) { throw CommandFailure(code: .badInput, message: "\(flag) \(problem)") }
        }
        if storage.serviceVersion != nil {
            throw CommandFailure(code: .badInput, message: "--version does not apply to canary: give --baseline-version and --canary-version")
        }
        let plan = try canaryPlan()
        let prometheusClient = try prometheus.map { url in
            do throws(PrometheusError) {
                return try PrometheusClient(baseURL: url, timeout: request.timeout.duration)
            } catch {
                throw CommandFailure(code: .badInput, message: "--prometheus: \(error.description)")
            }
        }
        let canaryRun: CanaryRun
        do throws(LoadEngineError) {
            canaryRun = try CanaryRun(plan: plan, prometheus: prometheusClient)
        } catch {
            throw CommandFailure(code: .badInput, message: error.flagMessage)
        }
        do throws(MonitorPreflight.Failure) {
            try await MonitorPreflight.check(probe: plan.probes?.baseline, prometheus: prometheusClient, queries: groupQueries(plan))
            try await MonitorPreflight.check(probe: plan.probes?.canary, prometheus: nil, queries: [])
        } catch {
            await prometheusClient?.close()
            throw CommandFailure(code: error.isBadInput ? .badInput : .couldNotRun, message: error.description)
        }
        let versions = (baseline: await version(baselineVersion, of: plan.probes?.baseline, otherwise: "baseline"),
                        canary: await version(canaryVersion, of: plan.probes?.canary, otherwise: "canary"))
        let runStorage = try await self.runStorage(plan, canaryVersion: versions.canary)
        let format = format, criteria = plan.criteria
        let recipe = CanaryRecipe(run: canaryRun, versions: versions) { judgment, running in
            Self.printLine(format == .json ? CanaryLines.json(judgment, runningScore: running, criteria: criteria)
                : CanaryLines.text(judgment, runningScore: running, criteria: criteria))
        }
        // The interval lines are the canary's progress: no progress line besides them.
        let outcome = try await RunDriver(recipe: recipe, storage: runStorage, quiet: true) { outcome, _ in
            Self.printLine(format == .json ? CanaryLines.json(outcome) : CanaryLines.text(outcome, plan: plan))
        }.run()
        await prometheusClient?.close()
        if plan.probes == nil, !storage.noStore {
            printError("nothing stored: without --baseline and --canary URLs to probe, the canary measured nothing itself")
        }
        try outcome.exitCode.exitIfFailed()
    }

    /// Writes a line on stdout at once, so a deploy log shows it live.
    private static func printLine(_ line: String) {
        print(line)
        fflush(nil)
    }

    // MARK: The plan

    /// The plan the flags describe; bad input throws a usage error naming the flag.
    private func canaryPlan() throws -> CanaryPlan {
        if (baseline == nil) != (canary == nil) {
            throw ValidationError("give both --baseline URL and --canary URL to probe, or neither (Prometheus only)")
        }
        let probing = baseline != nil
        let list: [CanaryMetric]
        do {
            list = try CanaryMetricList.parse(metrics: metrics, queries: query, tolerances: tolerance, directions: direction,
                                              probing: probing)
        } catch {
            throw ValidationError(error.description)
        }
        guard !list.isEmpty else {
            throw ValidationError("nothing to judge: give --baseline URL --canary URL to probe, or --prometheus with --query NAME='PromQL with {{group}}'")
        }
        if let probed = list.first(where: \.isProbed), !probing {
            throw ValidationError("--metrics \(probed.name) is measured by probing: give --baseline URL and --canary URL")
        }
        let hasQueries = list.contains { !$0.isProbed }
        if hasQueries, prometheus == nil {
            throw ValidationError("--query needs --prometheus URL, the server to ask (e.g. --prometheus http://127.0.0.1:9090)")
        }
        if prometheus != nil, !hasQueries {
            throw ValidationError("--prometheus needs at least one --query NAME='PromQL with {{group}}'")
        }
        let groups = try self.groups(needed: hasQueries)
        let probes = try baseline.map { baselineURL in
            CanaryPlan.Probes(baseline: try probePlan(baselineURL), canary: try probePlan(canary!))
        }
        let plan = CanaryPlan(metrics: list, criteria: CanaryCriteria(alpha: alpha, failScore: failScore, passScore: passScore),
                              duration: duration.duration, interval: interval.duration, probes: probes, groups: groups)
        try requireReachableSignificance(plan)
        return plan
    }

    /// Refuses intervals too short for the rank test ever to be significant: every interval would
    /// pass, whatever the canary did.
    private func requireReachableSignificance(_ plan: CanaryPlan) throws {
        let counts = plan.samplesPerInterval
        for (count, what, remedy) in [(counts.probe, "probe requests", "raise --rate or lengthen --interval"),
                                      (counts.query, "Prometheus points", "lengthen --interval (a point a second at most)")] {
            guard let count, TwoSidedRankTest.smallestPValue(baselineCount: count, canaryCount: count) >= alpha else { continue }
            throw ValidationError("--interval \(interval) gives about \(count) \(what) a side: the rank test cannot reach "
                + "p < \(alpha) on so few, so nothing could ever be judged worse; \(remedy)")
        }
    }

    /// The label matchers of both sides, required with queries and refused without.
    private func groups(needed: Bool) throws -> CanaryPlan.Groups? {
        guard needed else {
            if baselineGroup != nil || canaryGroup != nil {
                throw ValidationError("--baseline-group and --canary-group select the series of a --query: give one")
            }
            return nil
        }
        guard let baselineGroup, let canaryGroup else {
            throw ValidationError(#"queries compare two groups: give --baseline-group and --canary-group, e.g. 'version="v1.2.2"'"#)
        }
        for (flag, value) in [("--baseline-group", baselineGroup), ("--canary-group", canaryGroup)] {
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("\(flag) is empty") }
            if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw ValidationError("\(flag) contains control characters")
            }
        }
        guard baselineGroup != canaryGroup else {
            throw ValidationError("--baseline-group and --canary-group are the same: the canary would be compared with itself")
        }
        return CanaryPlan.Groups(baseline: baselineGroup, canary: canaryGroup)
    }

    /// One side's probe: this command's request to `url`, at `--rate` for `--duration`.
    private func probePlan(_ url: String) throws -> LoadPlan {
        LoadPlan(request: try request.requestSpec(url: url),
                 transport: request.transport(url: url),
                 model: .open(.constant(rate: rate, duration: duration.duration), maxInFlight: pacing.maxInFlight))
    }

    /// Every query for both groups, as the preflight asks them once.
    private func groupQueries(_ plan: CanaryPlan) -> [PrometheusQuery] {
        guard let groups = plan.groups else { return [] }
        return plan.metrics.flatMap { metric -> [PrometheusQuery] in
            guard case .query(let template) = metric.source else { return [] }
            return [groups.baseline, groups.canary].map {
                PrometheusQuery(name: metric.name, expression: CanaryPlan.expression(template, group: $0))
            }
        }
    }

    // MARK: Storing

    /// A side's version: the flag, the target's `/healthz` version when it is a valid label, or
    /// the side's name.
    private func version(_ flag: String?, of probe: LoadPlan?, otherwise fallback: String) async -> String {
        if let flag { return flag }
        guard let probe, let fromTarget = await HealthVersion.fetch(target: probe.request.url),
              RunLabel.problem(fromTarget) == nil else { return fallback }
        return fromTarget
    }

    /// Where the probes' runs go; nil with `--no-store` or without probes.
    private func runStorage(_ plan: CanaryPlan, canaryVersion: String) async throws -> RunStorage? {
        try storage.checkLabels()
        guard plan.probes != nil, let store = try await storage.openStore() else { return nil }
        return RunStorage(store: store, labels: RunLabels(version: canaryVersion, scenario: storage.scenario ?? "canary"))
    }
}
