import Foundation
import Monitor
import Recording
import Units

/// The monitor's lines on stdout: a line of text per evaluation and one for the result, or
/// one JSON object per line (`--format json`, keys documented in the README).
public enum MonitorLines {
    // MARK: Text

    /// One evaluation as text.
    public static func text(_ evaluation: MonitorEvaluation) -> String {
        let filling = evaluation.window.map { !$0.isFull } ?? false
        let state = filling ? "filling" : stateWord(evaluation.readings)
        var parts = evaluation.readings.map { text($0, at: evaluation.time, judged: !filling) }
        if let window = evaluation.window {
            let span = window.isFull ? "\(window.seconds)s" : "\(window.filled)s of \(window.seconds)s"
            parts.append("[window \(span): \(window.requests) requests]")
        }
        return "[\(pad(String(evaluation.time), 4))s] \(padRight(evaluation.source.rawValue, 11)) \(padRight(state, 9)) "
            + parts.joined(separator: "  ")
    }

    private static func text(_ reading: ThresholdReading, at time: Int, judged: Bool) -> String {
        let threshold = reading.threshold
        guard let value = reading.value else {
            return "\(threshold.key) no data" + (reading.problem.map { " (\($0))" } ?? "")
        }
        let measured = "\(threshold.key) \(threshold.format(value))"
        guard judged else { return measured }
        switch reading.state {
        case .holding, .noData:
            return "\(measured) <= \(threshold.limitText)"
        case .pending(let since):
            return "\(measured) > \(threshold.limitText) (breached for \(Int(Double(time) - since))s)"
        case .failed(let since):
            return "\(measured) > \(threshold.limitText) (breached for \(Int(Double(time) - since))s: FAILED)"
        }
    }

    private static func stateWord(_ readings: [ThresholdReading]) -> String {
        if readings.contains(where: { if case .failed = $0.state { true } else { false } }) { return "FAILED" }
        if readings.contains(where: \.state.isBreached) { return "BREACHED" }
        if readings.allSatisfy({ $0.state == .noData }) { return "no data" }
        return "ok"
    }

    /// The result as text.
    public static func text(_ outcome: MonitorOutcome, plan: MonitorPlan) -> String {
        let probe = outcome.probe.map { result in
            "; probe: \(result.completed) requests, \(fixed(result.errorRate * 100, decimals: 2))% errors"
        } ?? ""
        switch outcome.verdict {
        case .held:
            return "monitor: PASS  every threshold held for \(DurationText.format(plan.duration))\(probe)"
        case .breached(let reading, let time):
            let threshold = reading.threshold
            let value = reading.value.map(threshold.format) ?? "?"
            var since = ""
            if case .failed(let start) = reading.state, plan.sustain > .zero { since = " since \(Int(start))s" }
            return "monitor: FAIL  \(threshold.key) \(value) above \(threshold.limitText)\(since), "
                + "stopped at \(time)s of \(DurationText.format(plan.duration))\(probe)"
        case .interrupted:
            return "monitor: INTERRUPTED after \(fixed(outcome.elapsed, decimals: 1))s\(probe)"
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    // MARK: JSON

    /// One evaluation as a JSON line.
    public static func json(_ evaluation: MonitorEvaluation) -> String { JSONLine.encode(EvaluationLine(evaluation)) }

    /// The result as a JSON line.
    public static func json(_ outcome: MonitorOutcome) -> String { JSONLine.encode(ResultLine(outcome)) }

    /// One threshold in a JSON line.
    struct ReadingLine: Encodable {
        var key: String
        var value: Double?
        var limit: Double
        var unit: String
        var state: String
        var breachedSinceSeconds: Int?
        var problem: String?

        init(_ reading: ThresholdReading, judged: Bool) {
            key = reading.threshold.key
            value = reading.value
            limit = reading.threshold.limit
            unit = switch reading.threshold.unit {
            case .proportion: "proportion"
            case .seconds: "seconds"
            case .number: "number"
            }
            switch reading.state {
            case .holding: state = "ok"
            case .noData: state = judged ? "no_data" : "not_judged"
            case .pending(let since): state = "breached"; breachedSinceSeconds = Int(since)
            case .failed(let since): state = "failed"; breachedSinceSeconds = Int(since)
            }
            problem = reading.problem
        }
    }

    /// `{"type":"evaluation",...}`.
    struct EvaluationLine: Encodable {
        struct Window: Encodable {
            var seconds: Int
            var filledSeconds: Int
            var requests: Int
        }

        var type = "evaluation"
        var timeSeconds: Int
        var source: String
        var state: String
        var window: Window?
        var thresholds: [ReadingLine]

        init(_ evaluation: MonitorEvaluation) {
            let judged = evaluation.window?.isFull ?? true
            timeSeconds = evaluation.time
            source = evaluation.source.rawValue
            state = judged ? MonitorLines.stateWord(evaluation.readings).lowercased().replacingOccurrences(of: " ", with: "_")
                : "filling"
            window = evaluation.window.map { Window(seconds: $0.seconds, filledSeconds: $0.filled, requests: $0.requests) }
            thresholds = evaluation.readings.map { ReadingLine($0, judged: judged) }
        }
    }

    /// `{"type":"result",...}`: the last line.
    struct ResultLine: Encodable {
        var type = "result"
        var result: String
        var elapsedSeconds: Double
        var failedAtSeconds: Int?
        var failedThreshold: ReadingLine?
        var requests: RunSummary.Requests?

        init(_ outcome: MonitorOutcome) {
            elapsedSeconds = (outcome.elapsed * 1_000).rounded() / 1_000
            switch outcome.verdict {
            case .held: result = "passed"
            case .interrupted: result = "interrupted"
            case .breached(let reading, let time):
                result = "failed"
                failedAtSeconds = time
                failedThreshold = ReadingLine(reading, judged: true)
            }
            requests = outcome.probe.map { RunSummary.Requests($0.measurements) }
        }
    }
}
