import Foundation
import LiveMetrics
import LoadEngine
import Units

/// Shows a run while it happens, on stderr so stdout stays clean for `--format json`: a live
/// line rewritten every second on a terminal, a plain line every few seconds otherwise.
final class ProgressReporter: Sendable {
    private let plannedSeconds: Int?
    private let isTerminal: Bool
    private let quiet: Bool
    private static let plainLineEvery = 5

    /// `planned` is the run's length when known (a count of iterations has none).
    init(planned: Duration?, quiet: Bool) {
        plannedSeconds = planned.map { Int($0.seconds.rounded(.up)) }
        isTerminal = isatty(STDERR_FILENO) == 1
        self.quiet = quiet
    }

    /// Called once per finished second of the run.
    func report(_ interval: IntervalStats) {
        guard !quiet else { return }
        let elapsed = interval.second + 1
        guard isTerminal || elapsed % Self.plainLineEvery == 0 else { return }
        var line = "[\(elapsed)s\(plannedSeconds.map { "/\($0)s" } ?? "")] \(interval.requests) req/s"
        if let intended = interval.intendedRate { line += " (intended \(fixed(intended, decimals: 1)))" }
        line += "  p50 \(DurationText.formatMicroseconds(Double(interval.p50)))"
        line += "  p95 \(DurationText.formatMicroseconds(Double(interval.p95)))"
        line += "  p99 \(DurationText.formatMicroseconds(Double(interval.p99)))"
        line += "  errors \(interval.errors)"
        write(isTerminal ? "\r\u{1B}[2K" + line : line + "\n")
    }

    /// The per-second callback of a run: these progress lines, and the live metrics when
    /// `--metrics-listen` serves them.
    func onInterval(feeding liveMetrics: LiveRunMetrics?) -> @Sendable (IntervalReport) -> Void {
        { report in
            self.report(report.stats)
            liveMetrics?.record(report)
        }
    }

    /// Clears the live line before the summary is printed.
    func finish() {
        if isTerminal && !quiet { write("\r\u{1B}[2K") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension ProgressReporter {
    /// Runs `execute` with this process's Ctrl-C handling, a progress line and the live metrics
    /// of `--metrics-listen`: the first SIGINT, SIGTERM or SIGHUP (or one that came before the
    /// run started) calls `stop`, a second `stopImmediately`. A run that cannot start exits 4
    /// with the engine's message.
    static func supervise<Result>(planned: Duration?, quiet: Bool, feeding liveMetrics: LiveRunMetrics?,
                                  stop: @escaping @Sendable () -> Void, stopImmediately: @escaping @Sendable () -> Void,
                                  _ execute: (@escaping @Sendable (IntervalReport) -> Void) async throws(LoadEngineError) -> Result)
        async throws -> Result {
        let progress = ProgressReporter(planned: planned, quiet: quiet)
        let watch = SignalTrap.shared.watch(onFirst: stop, onRepeat: stopImmediately)
        defer { watch.cancel() }
        let result: Result
        do {
            result = try await execute(progress.onInterval(feeding: liveMetrics))
        } catch {
            throw CommandFailure(code: .couldNotRun, engineError: error)
        }
        progress.finish()
        return result
    }
}
