import ArgumentParser
import LoadEngine

/// Pass/fail targets on latency and errors, shared by the load commands.
struct TargetOptions: ParsableArguments {
    @Option(help: "Fail when corrected p50 latency is above this, e.g. 100ms.", transform: DurationArgument.parse)
    var targetP50: DurationArgument?

    @Option(help: "Fail when corrected p90 latency is above this.", transform: DurationArgument.parse)
    var targetP90: DurationArgument?

    @Option(help: "Fail when corrected p95 latency is above this, e.g. 500ms.", transform: DurationArgument.parse)
    var targetP95: DurationArgument?

    @Option(help: "Fail when corrected p99 latency is above this.", transform: DurationArgument.parse)
    var targetP99: DurationArgument?

    @Option(help: "Fail when corrected p99.9 latency is above this.", transform: DurationArgument.parse)
    var targetP999: DurationArgument?

    @Option(help: "Fail when the error rate is above this, e.g. 1% or 0.01 (default 1%).", transform: ProportionArgument.parse)
    var maxErrorRate: ProportionArgument?

    /// The error rate judged when `--max-error-rate` is not given: without one, a run whose
    /// every request failed passed.
    static let defaultMaxErrorRate = 0.01

    /// The targets given, with `--max-error-rate` at its default when not given.
    func targets() -> [RunTarget] {
        let latencyTargets: [(LatencyPercentile, DurationArgument?)] = [
            (.p50, targetP50), (.p90, targetP90), (.p95, targetP95), (.p99, targetP99), (.p999, targetP999),
        ]
        var targets = latencyTargets.compactMap { percentile, limit in
            limit.map { RunTarget.latency(percentile, atMost: $0.duration) }
        }
        targets.append(.errorRate(atMost: maxErrorRate?.value ?? Self.defaultMaxErrorRate))
        return targets
    }
}
