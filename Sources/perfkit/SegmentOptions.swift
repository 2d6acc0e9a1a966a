import ArgumentParser
import Foundation
import Recording
import Units

/// Running one segment of a test split over several processes (a Kubernetes Indexed Job's
/// pods), the group their runs are stored under, and a common start: shared by the load
/// commands. `resolve` checks every value the way a real run needs it; bad input exits 2
/// naming the flag or variable.
struct SegmentOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "This process's share of the test: i/n (the i-th of n equal shares, from 1) or a:b (fractions, as k6's --execution-segment).",
        valueName: "spec"))
    var segment: String?

    @Option(help: ArgumentHelp(
        "The cut points every process of the test shares, e.g. 0,1/4,1/2,1 (default: $PERFKIT_SEGMENT_SEQUENCE, else n equal shares for i/n, 0,a,b,1 for a:b).",
        valueName: "list"))
    var segmentSequence: String?

    @Flag(help: "Take the segment from JOB_COMPLETION_INDEX (0-based, as a Kubernetes Indexed Job sets it) and PERFKIT_SEGMENTS (the count); automatic when PERFKIT_SEGMENTS is set and --segment is not given.")
    var segmentFromEnv = false

    @Option(help: ArgumentHelp("Group id every segment's runs are stored under (default: $PERFKIT_GROUP; in a Kubernetes Indexed Job with a start time, the Job's name and start); required with a segment.",
                               valueName: "id"))
    var group: String?

    @Option(help: ArgumentHelp("Start sending at this instant, ISO 8601 (e.g. 2026-12-01T00:30:00Z; default: $PERFKIT_START_AT), within 24 h.",
                               valueName: "time"))
    var startAt: String?

    /// The environment variables read, as a pod sets them.
    enum Variable {
        static let index = "JOB_COMPLETION_INDEX", count = "PERFKIT_SEGMENTS", sequence = "PERFKIT_SEGMENT_SEQUENCE"
        static let group = "PERFKIT_GROUP", startAt = "PERFKIT_START_AT"
    }

    /// The segment, group and start these flags and `environment` ask for, checked; `repetitions`
    /// is `--repeat` (a group holds one run per segment).
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment, repetitions: Int,
                 now: Date = Date()) throws -> SegmentChoice {
        let variable = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let spec = try segmentSpec(variable)
        let startAt = try (startAt.map { ($0, "--start-at") } ?? variable(Variable.startAt).map { ($0, Variable.startAt) })
            .map { text, source in try StartTime(parsing: text, source: source, now: now) }
        let group = try groupID(variable) ?? Self.jobGroup(variable, startAt: startAt)
        if spec != nil, group == nil {
            throw CommandFailure(code: .badInput, message: "a segment needs --group or \(Variable.group) (or, in a Kubernetes Indexed Job, a start time: the group is then the Job's name and start): the id every segment's runs are stored under")
        }
        if group != nil, repetitions > 1 {
            throw CommandFailure(code: .badInput, message: "--repeat stores several runs, and a group holds one run per segment: give each repetition its own --group")
        }
        let sequenceText = segmentSequence.map { ($0, "--segment-sequence") } ?? variable(Variable.sequence).map { ($0, Variable.sequence) }
        if let sequenceText, spec == nil {
            throw CommandFailure(code: .badInput, message: "\(sequenceText.1) cuts the test into segments: give --segment (or \(Variable.index) and \(Variable.count)) too")
        }
        guard let spec else { return SegmentChoice(ownership: .whole, spec: nil, sequence: nil, group: group, startAt: startAt) }
        let segment: ExecutionSegment
        do {
            segment = try ExecutionSegment(parsing: spec.text)
        } catch {
            throw CommandFailure(code: .badInput, message: "\(spec.source): \(error.description)")
        }
        do throws(SegmentSequenceError) {
            let sequence = if let sequenceText { try SegmentSequence(parsing: sequenceText.0) } else {
                try Self.defaultSequence(spec.text, segment)
            }
            return SegmentChoice(ownership: try SegmentOwnership(segment: segment, sequence: sequence), spec: spec,
                                 sequence: sequence, group: group, startAt: startAt)
        } catch {
            throw CommandFailure(code: .badInput, message: "\(sequenceText?.1 ?? spec.source): \(error.description)")
        }
    }

    /// `--segment`, or `i/n` from the Job's index and the count; nil when this process sends the whole test.
    private func segmentSpec(_ variable: (String) -> String?) throws -> (text: String, source: String)? {
        if let segment {
            if segmentFromEnv { throw CommandFailure(code: .badInput, message: "--segment and --segment-from-env both give the segment: give one") }
            return (segment, "--segment")
        }
        let (index, count) = (variable(Variable.index), variable(Variable.count))
        // PERFKIT_SEGMENTS asks for a split: without an index every pod would send the whole test.
        guard segmentFromEnv || count != nil else { return nil }
        guard let index, let count else {
            throw CommandFailure(code: .badInput, message: "\(segmentFromEnv ? "--segment-from-env" : Variable.count) needs \(Variable.index) (set by a Kubernetes Indexed Job) and \(Variable.count) (the number of segments); \(index == nil ? Variable.index : Variable.count) is not set")
        }
        guard let total = Self.number(count), (1...Fraction.maximumDenominator).contains(total) else {
            throw CommandFailure(code: .badInput, message: "\(Variable.count) '\(RunLabel.printable(count))' must be a count of segments from 1 to \(Fraction.maximumDenominator)")
        }
        guard let position = Self.number(index), position < total else {
            throw CommandFailure(code: .badInput, message: "\(Variable.index) '\(RunLabel.printable(index))' must be a 0-based index below \(Variable.count) (\(total))")
        }
        return ("\(position + 1)/\(total)", "\(Variable.index) \(position) of \(Variable.count) \(total)")
    }

    /// `--group` or `PERFKIT_GROUP`, checked as a label.
    private func groupID(_ variable: (String) -> String?) throws -> String? {
        guard let (id, source) = group.map({ ($0, "--group") }) ?? variable(Variable.group).map({ ($0, Variable.group) }) else { return nil }
        if let problem = RunLabel.problem(id) { throw CommandFailure(code: .badInput, message: "\(source) \(problem)") }
        return id
    }

    /// In a Kubernetes Indexed Job with a common start and no group given, the group is the
    /// Job's name and that start (`perfkit-segments-20261201T090000Z`): the same in every pod of
    /// one Job, different for the next run of a Job of the same name. A pod's hostname is the
    /// Job's name, its index, and (without a subdomain) a random suffix.
    static func jobGroup(_ variable: (String) -> String?, startAt: StartTime?) -> String? {
        guard let startAt, let index = variable(Variable.index), let hostname = variable("HOSTNAME") else { return nil }
        var parts = hostname.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count >= 3, parts[parts.count - 2] == index { parts.removeLast(2) }
        else if parts.count >= 2, parts[parts.count - 1] == index { parts.removeLast() }
        else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let id = parts.joined(separator: "-") + "-" + formatter.string(from: startAt.date)
        return RunLabel.problem(id) == nil ? id : nil
    }

    /// n equal shares for `i/n`, the cuts at the segment's ends for `a:b` (documented: processes
    /// with different a:b segments must share a `--segment-sequence`).
    private static func defaultSequence(_ text: String, _ segment: ExecutionSegment) throws(SegmentSequenceError) -> SegmentSequence {
        if !text.contains(":"), let count = text.split(separator: "/").last.flatMap({ Int($0) }),
           let equal = SegmentSequence(equalShares: count) {
            return equal
        }
        return try SegmentSequence(around: segment)
    }

    /// A decimal count of at most 9 digits, nothing else (no sign, no spaces).
    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int(text)
    }
}
