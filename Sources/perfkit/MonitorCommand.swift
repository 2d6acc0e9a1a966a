import ArgumentParser
import Foundation
import LoadEngine
import Monitor
import Recording
import Reports
import Units

/// `perfkit monitor`: the runbook's deployment monitor. Probes the deployed service at a low,
/// steady rate and judges thresholds over a rolling window each second, or reads the same
/// signals from Prometheus, and exits 1 at the first sustained breach so a rollback starts at once.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch a deployed service; exit 1 as soon as a threshold stays breached.",
        discussion: """
            Examples (the runbook's deployment monitor and its alert rules):
              perfkit monitor http://127.0.0.1:8083/api/signals --duration=300 --threshold=error_rate:0.05,latency_p95:1000ms
              perfkit monitor http://127.0.0.1:8083/api/signals --duration=5m --window=60s --for=2m --threshold error_rate:5%
              perfkit monitor --prometheus http://127.0.0.1:9090 --duration=5m --for=2m \\
                --query errors='sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))' \\
                --threshold errors:0.05
            Threshold keys: error_rate, status_5xx_rate, latency_p50, latency_p90, latency_p95, latency_p99,
            latency_p99.9, latency_max (probed), or a --query NAME. A threshold is breached when its value
            is above the limit; with --for it must stay breached that long before the monitor fails.
            The probe's window is judged once it is full. A line per evaluation goes to stdout.
            Exit codes: 0 every threshold held for the whole duration, 1 a threshold stayed breached
            (at once, not at the end), 2 bad flags, 4 the target or Prometheus cannot be reached at all,
            130 interrupted.
            """
    )

    @OptionGroup var target: TargetURLArgument
    @OptionGroup var request: RequestOptions
    @OptionGroup var pacing: OpenModelOptions
    @OptionGroup var storage: StoreOptions
    @OptionGroup var metricsListen: MetricsListenOptions

    @Option(parsing: .unconditional, help: "How long to watch, e.g. 300 (seconds) or 5m.", transform: DurationArgument.parse)
    var duration = DurationArgument(.seconds(300))

    @Option(parsing: .unconditional, help: "Probe requests per second (open model).")
    var rate: Double = 5

    @Option(parsing: .unconditional, help: "The probe's rolling window, whole seconds, e.g. 60s.", transform: DurationArgument.parse)
    var window = DurationArgument(.seconds(60))

    @Option(name: .customLong("for"), parsing: .unconditional, help: "How long a threshold must stay breached before the monitor fails, e.g. 2m (default: the first breach fails).",
            transform: DurationArgument.parse)
    var sustain = DurationArgument(.zero)

    @Option(help: ArgumentHelp("KEY:LIMIT, several joined by commas, e.g. error_rate:0.05,latency_p95:1000ms (repeatable).",
                               valueName: "key:limit"))
    var threshold: [String] = []

    @Option(help: "Prometheus server to read --query values from, e.g. http://127.0.0.1:9090.")
    var prometheus: String?

    @Option(help: ArgumentHelp("NAME='PromQL': an expression read from --prometheus each second, judged by --threshold NAME:LIMIT (repeatable).",
                               valueName: "name=promql"))
    var query: [String] = []

    @Option(help: "Lines on stdout: text, or json (one object per line).")
    var format: OutputOptions.Format = .text

    func validate() throws {
        try requirePositive(duration.duration, flag: "--duration", atMost: LoadLimits.duration)
        try requirePositive(rate, flag: "--rate", atMost: LoadLimits.rate)
        try requirePositive(window.duration, flag: "--window", atMost: LoadLimits.duration)
        try requireAtMost(sustain.duration, flag: "--for", limit: LoadLimits.duration)
        guard window.duration.seconds.rounded() == window.duration.seconds else {
            throw ValidationError("--window \(window) is not a whole number of seconds: the window slides a second at a time (e.g. 60s)")
        }
        guard storage.repeat == 1 else { throw ValidationError("--repeat does not apply to monitor: it watches once") }
        _ = try watchPlan()
    }

    func run() async throws {
        let plan = try watchPlan()
        let monitorRun: MonitorRun
        let prometheusClient = try prometheus.map { url in
            do throws(PrometheusError) {
                return try PrometheusClient(baseURL: url, timeout: request.timeout.duration)
            } catch {
                throw CommandFailure(code: .badInput, message: "--prometheus: \(error.description)")
            }
        }
        do throws(LoadEngineError) {
            monitorRun = try MonitorRun(plan: plan, prometheus: prometheusClient)
        } catch {
            throw CommandFailure(code: .badInput, message: error.flagMessage)
        }
        let runStorage: RunStorage? = if let probe = plan.probe {
            try await storage.runStorage(command: "monitor", target: probe.request.url)
        } else {
            nil
        }
        do throws(MonitorPreflight.Failure) {
            try await MonitorPreflight.check(probe: plan.probe, prometheus: prometheusClient, queries: plan.queries)
        } catch {
            await prometheusClient?.close()
            throw CommandFailure(code: error.isBadInput ? .badInput : .couldNotRun, message: error.description)
        }
        let format = format
        let recipe = MonitorRecipe(run: monitorRun) { evaluation in
            Self.printLine(format == .json ? MonitorLines.json(evaluation) : MonitorLines.text(evaluation))
        }
        // The evaluation lines are the monitor's progress: no progress line besides them.
        let outcome = try await metricsListen.serving { liveMetrics in
            try await RunDriver(recipe: recipe, storage: runStorage, liveMetrics: liveMetrics, quiet: true) { outcome, _ in
                Self.printLine(format == .json ? MonitorLines.json(outcome) : MonitorLines.text(outcome, plan: plan))
            }.run()
        }
        await prometheusClient?.close()
        if plan.probe == nil, !storage.noStore {
            printError("nothing stored: without a URL to probe, the monitor measured nothing itself")
        }
        try outcome.exitCode.exitIfFailed()
    }

    /// Writes a line on stdout at once, so a deploy log shows it live.
    private static func printLine(_ line: String) {
        print(line)
        fflush(nil)
    }

    /// The plan the flags describe; bad input throws a usage error naming the flag.
    private func watchPlan() throws -> MonitorPlan {
        let queries: [PrometheusQuery]
        let thresholds: [MonitorThreshold]
        do {
            queries = try query.map { text throws(MonitorInputError) in try PrometheusQuery.parse(text) }
            thresholds = try MonitorThreshold.parse(threshold, queryNames: Set(queries.map(\.name)))
        } catch {
            throw ValidationError(error.description)
        }
        guard !thresholds.isEmpty else {
            throw ValidationError("give at least one --threshold, e.g. --threshold=error_rate:0.05,latency_p95:1000ms")
        }
        let url = target.givenURL()
        if let probed = thresholds.first(where: \.signal.isProbed) {
            guard url != nil else {
                throw ValidationError("--threshold \(probed.key) is measured by probing: give the URL to probe, "
                    + "or define it with --query \(probed.key)='PromQL' and --prometheus")
            }
            guard window.duration <= duration.duration else {
                throw ValidationError("--window \(window) is longer than --duration \(duration): the window would never fill")
            }
        }
        if !queries.isEmpty, prometheus == nil {
            throw ValidationError("--query needs --prometheus URL, the server to ask (e.g. --prometheus http://127.0.0.1:9090)")
        }
        if prometheus != nil, queries.isEmpty {
            throw ValidationError("--prometheus needs at least one --query NAME='PromQL' for a --threshold NAME:LIMIT to judge")
        }
        if let unused = queries.first(where: { query in !thresholds.contains { $0.key == query.name } }) {
            throw ValidationError("--query \(unused.name) is not judged by any --threshold; add --threshold \(unused.name):LIMIT")
        }
        let probe = try url.map { url in LoadPlan(
            request: try request.requestSpec(url: url), transport: request.transport(url: url),
            model: .open(.constant(rate: rate, duration: duration.duration), maxInFlight: pacing.maxInFlight)) }
        return MonitorPlan(thresholds: thresholds, queries: queries, windowSeconds: Int(window.duration.seconds),
                           sustain: sustain.duration, duration: duration.duration, probe: probe)
    }
}
