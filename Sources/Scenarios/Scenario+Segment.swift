import LoadEngine
import Units

extension Scenario {
    /// The part of this scenario that `ownership`'s segment runs, with what it takes of each
    /// count: its arrivals of a rate-paced load and its share of the in-flight limit, its
    /// iterations (those the same rule as arrivals gives it, so the segments' iterations tile
    /// the one-process iterations) and its share of the virtual users, and its share of the
    /// connections. A segment whose exact share of connections, in-flight limit or virtual
    /// users is 0 takes 1 when it has work for them; one with no work at all is refused. Rate
    /// thresholds are judged on the segment's part of the rate.
    public func segmented(by ownership: SegmentOwnership) throws(SegmentSplitError) -> (scenario: Scenario, shares: SegmentShares) {
        var scenario = self
        var shares = SegmentShares()
        switch load {
        case .arrivals(let schedule, let maxInFlight):
            let (segmented, limit) = try schedule.segmented(by: ownership, maxInFlight: maxInFlight, shares: &shares)
            scenario.load = .arrivals(segmented, maxInFlight: limit)
        case .iterations(let count, let virtualUsers):
            let owned = ownership.ownedCount(below: count)
            guard owned > 0 else { throw SegmentSplitError(segment: ownership.segment, ownsNoneOf: count, "iterations") }
            let users = ownership.share(of: virtualUsers, atLeastOne: true)
            shares.iterations = SegmentCount(whole: count, segment: owned)
            shares.virtualUsers = users
            scenario.load = .iterations(owned, virtualUsers: users.segment)
        case .virtualUsersFor(let duration, let virtualUsers):
            let users = ownership.share(of: virtualUsers, atLeastOne: false)
            guard users.segment > 0 else {
                throw SegmentSplitError(segment: ownership.segment, ownsNoneOf: virtualUsers, "virtual users")
            }
            shares.virtualUsers = users
            scenario.load = .virtualUsersFor(duration, virtualUsers: users.segment)
        }
        let connections = ownership.share(of: self.connections ?? min(load.concurrency, ScenarioRun.defaultConnectionsLimit),
                                          atLeastOne: true)
        shares.connections = connections
        scenario.connections = connections.segment
        scenario.thresholds.targets = thresholds.targets.map { $0.forSegment(share: shares.rateShare) }
        scenario.segment = ownership
        return (scenario, shares)
    }
}
