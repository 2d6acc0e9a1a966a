import LoadEngine
import Units
import Yams

/// The `thresholds` section: the same conditions as the command line's `--target-*` flags.
enum ThresholdReader {
    static let keys = ["p50", "p90", "p95", "p99", "p99.9", "error_rate", "rate_tolerance", "min_rate", "checks"]

    static func read(_ node: Node, load: LoadReader.Result, reader: YAMLNodeReader) throws(ScenarioError) -> ScenarioThresholds {
        let fields = try reader.mapping(node, allowed: keys, what: "thresholds")
        var thresholds = ScenarioThresholds()
        for key in keys {
            guard let value = fields[key] else { continue }
            let what = "thresholds.\(key)"
            switch key {
            case "error_rate":
                thresholds.targets.append(.errorRate(atMost: try reader.proportion(value, what: what)))
            case "rate_tolerance":
                guard let rate = load.load.schedule?.meanRate else {
                    throw reader.error(fields.keyNode(key)!, "\(what) needs a paced load (rate, max_rps or stages) to compare the achieved rate with")
                }
                thresholds.targets.append(.rate(rate, tolerance: try reader.proportion(value, what: what)))
            case "min_rate":
                thresholds.targets.append(.rateAtLeast(try reader.positiveNumber(value, what: what, atMost: LoadLimits.rate)))
            case "checks":
                thresholds.checksPassing = try reader.proportion(value, what: what)
            default:
                let percentile = LatencyPercentile(rawValue: key)!
                thresholds.targets.append(.latency(percentile, atMost: try reader.duration(value, what: what)))
            }
        }
        return thresholds
    }
}
