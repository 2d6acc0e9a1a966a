import Foundation
import Recording
import Units

/// `--start-at`: the instant every segment of a test starts sending, so that their schedules
/// line up on the wall clock. A process that comes too late starts at once and says so.
struct StartTime: Sendable {
    /// The instant.
    let date: Date
    /// As given, for messages and the stored configuration.
    let text: String
    /// `--start-at` or `PERFKIT_START_AT`.
    let source: String

    /// How far from now a start may be: a start days away is a mistake (a wrong date), not a plan.
    static let furthest: TimeInterval = 24 * 3600
    /// Lateness beyond which a process says it started late (clocks and process start-up).
    static let tolerance: TimeInterval = 0.1

    /// Reads an ISO 8601 instant with its zone (`2026-12-01T00:30:00Z`, fractions of a second
    /// allowed) within `furthest` of `now`; bad input names `source`.
    init(parsing text: String, source: String, now: Date) throws {
        let plain = ISO8601DateFormatter(), fractional = ISO8601DateFormatter()
        fractional.formatOptions.insert(.withFractionalSeconds)
        guard text.count <= 64, let date = plain.date(from: text) ?? fractional.date(from: text) else {
            throw CommandFailure(code: .badInput, message: "\(source) '\(RunLabel.printable(text))' is not an ISO 8601 time with its zone, e.g. 2026-12-01T00:30:00Z")
        }
        guard abs(date.timeIntervalSince(now)) <= Self.furthest else {
            throw CommandFailure(code: .badInput, message: "\(source) \(text) is more than 24 h from now (\(plain.string(from: now))): give a time within a day")
        }
        (self.date, self.text, self.source) = (date, text, source)
    }

    /// Waits until the start; returns how late the process is, in seconds, when it is later
    /// than `tolerance` (saying so on stderr), nil otherwise. A stop signal during the wait
    /// ends the command with 130: nothing was sent, nothing is stored.
    func wait(quiet: Bool) async throws -> Double? {
        let remaining = date.timeIntervalSinceNow
        if remaining > 0, !quiet { printError("waiting until \(text) (\(String(format: "%.1f", remaining)) s) to start") }
        while true {
            if SignalTrap.shared.hasFired {
                throw CommandFailure(code: .interrupted, message: "interrupted while waiting for \(source); nothing sent, nothing stored")
            }
            let left = date.timeIntervalSinceNow
            if left <= 0 { break }
            // Short naps: a stop signal ends the wait within 50 ms; the last nap ends on the instant.
            try? await Task.sleep(for: .seconds(min(left, 0.05)))
        }
        let late = -date.timeIntervalSinceNow
        guard late > Self.tolerance else { return nil }
        printError("warning: starting \(String(format: "%.3f", late)) s after \(source) \(text): sending at once (stored as late_by_seconds)")
        return (late * 1000).rounded() / 1000
    }
}
