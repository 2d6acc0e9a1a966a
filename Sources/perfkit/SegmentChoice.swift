import Baselines
import Recording
import Units

/// What `SegmentOptions` resolved to: this process's part of the test, the group its runs are
/// stored under, and when it starts.
struct SegmentChoice {
    /// The arrivals and iterations this process sends (`.whole` when it is not a segment).
    let ownership: SegmentOwnership
    /// The segment as given, and the flag or variables it came from; nil when not a segment.
    let spec: (text: String, source: String)?
    /// The cut points the processes share; nil when not a segment.
    let sequence: SegmentSequence?
    /// The group id; a group without a segment is a test of one process (segment `0:1`).
    let group: String?
    /// `--start-at`.
    let startAt: StartTime?

    /// The stored runs' group membership.
    var membership: RunGroupMembership? { group.map { RunGroupMembership(id: $0, segment: ownership.segment) } }

    /// What is stored in each run's configuration, with how late it started.
    func settings(lateBySeconds: Double?) -> RunConfiguration.SegmentSettings? {
        guard spec != nil || group != nil || startAt != nil else { return nil }
        return RunConfiguration.SegmentSettings(spec: spec?.text, segment: group == nil && spec == nil ? nil : ownership.segment.description,
                                                sequence: sequence?.description, group: group, startAt: startAt?.text,
                                                lateBySeconds: lateBySeconds)
    }

    /// `split` applied to this segment; a segment left with nothing to send is bad input
    /// naming where it came from.
    func split<T>(_ split: (SegmentOwnership) throws(SegmentSplitError) -> T) throws -> T {
        do {
            return try split(ownership)
        } catch {
            throw CommandFailure(code: .badInput, message: "\(spec?.source ?? "--segment"): \(error.description)")
        }
    }

    /// Says on stderr which shares were raised to 1.
    func reportRaised(_ shares: SegmentShares) {
        guard let spec else { return }
        for note in shares.raisedNotes { printError("note: segment \(spec.text): \(note)") }
    }
}

extension SegmentChoice {
    /// The dry run's plan of this segment of a test.
    func planned(command: String, target: String, model: String, load: String, duration: Duration?, shares: SegmentShares,
                 storage: StoreOptions) throws -> PlannedRun {
        PlannedRun(command: command, target: Redaction.redactURL(target), model: model, load: load,
                   durationSeconds: duration?.seconds, spec: spec?.text, segment: ownership.segment.description,
                   sequence: sequence?.description, group: group, startAt: startAt?.text, shares: shares,
                   version: try storage.givenVersion(), store: storage.noStore ? nil : storage.location.shown,
                   repeat: storage.repeat)
    }
}
