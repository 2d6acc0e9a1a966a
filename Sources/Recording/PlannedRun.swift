import Foundation
import Units

/// What a run would do, for `--dry-run`: every argument checked as a real run checks it,
/// nothing contacted. Printed as `key: value` lines, or as JSON (snake_case keys, stable).
public struct PlannedRun: Encodable, Sendable {
    /// Always true: tells a reader of the JSON that nothing was sent.
    public var dryRun = true
    /// The command (`latency`, `throughput`, `load`, `run`).
    public var command: String
    /// The target URL (a scenario's base URL), redacted.
    public var target: String
    /// `open` (paced by a schedule) or `closed` (connections or virtual users back to back).
    public var model: String
    /// The whole test's load in words.
    public var load: String
    /// How long it sends; nil when a count of iterations decides.
    public var durationSeconds: Double?
    /// The segment as given (`--segment` or `i/n` from the Job's index); nil for the whole test.
    public var spec: String?
    /// This process's share, `start:end`.
    public var segment: String
    /// The cut points the processes share; nil for the whole test.
    public var sequence: String?
    /// The group id runs would be stored under.
    public var group: String?
    /// The common start, as given; nil to start at once.
    public var startAt: String?
    /// What this process takes of each count of the test.
    public var shares: SegmentShares
    /// The version label given; nil when a run would ask the target's `/healthz`.
    public var version: String?
    /// The store a run would write to; nil with `--no-store`.
    public var store: String?
    /// `--repeat`.
    public var `repeat`: Int
    /// How requests would be sent; set from the run's recipe.
    public var transport: PlannedTransport?

    public init(command: String, target: String, model: String, load: String, durationSeconds: Double?, spec: String?,
                segment: String, sequence: String?, group: String?, startAt: String?, shares: SegmentShares,
                version: String?, store: String?, repeat: Int) {
        self.command = command
        self.target = target
        self.model = model
        self.load = load
        self.durationSeconds = durationSeconds
        self.spec = spec
        self.segment = segment
        self.sequence = sequence
        self.group = group
        self.startAt = startAt
        self.shares = shares
        self.version = version
        self.store = store
        self.repeat = `repeat`
    }

    /// The plan as `key: value` lines, the first saying it is a dry run.
    public var text: String {
        var lines = ["dry run: arguments checked; nothing sent, nothing stored", "command: \(command)", "target: \(target)",
                     "model: \(model)", "load: \(load)"]
        if let durationSeconds { lines.append("duration: \(DurationText.format(.seconds(durationSeconds)))") }
        lines.append("segment: " + (spec.map { "\($0) (\(segment) of \(sequence ?? "0,1"))" } ?? "\(segment) (the whole test)"))
        if let group { lines.append("group: \(group)") }
        lines.append("start: \(startAt ?? "at once")")
        let counts: [(String, SegmentCount?)] = [("arrivals", shares.arrivals), ("iterations", shares.iterations),
                                                 ("virtual users", shares.virtualUsers), ("connections", shares.connections),
                                                 ("max in flight", shares.maxInFlight)]
        for (name, count) in counts {
            guard let count else { continue }
            lines.append("\(name): \(count.segment) of \(count.whole)" + (count.raised ? " (raised from 0)" : ""))
        }
        if let transport {
            lines.append("transport: \(transport.text)")
            if let tls = transport.tls { lines.append("tls: \(tls)") }
        }
        lines.append("version: \(version ?? "from the target's /healthz at run time")")
        lines.append("store: \(store ?? "none (--no-store)")")
        if `repeat` > 1 { lines.append("repeat: \(`repeat`)") }
        return lines.joined(separator: "\n")
    }
}
