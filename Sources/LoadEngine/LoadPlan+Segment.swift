import Units

extension LoadPlan {
    /// The part of this plan that `ownership`'s segment sends: its arrivals of the schedule at
    /// their one-process instants (open model), its share of the connections and of the
    /// in-flight limit, with what it takes of each. In the open model a segment whose exact
    /// share of the connections or the limit is 0 takes 1 (its arrivals need one); in the
    /// closed model connections are the load, and a segment without one is refused, as is one
    /// that owns no arrival of a schedule that has some.
    public func segmented(by ownership: SegmentOwnership) throws(SegmentSplitError) -> (plan: LoadPlan, shares: SegmentShares) {
        var plan = self
        var shares = SegmentShares()
        let connections: SegmentCount
        switch model {
        case .open(let schedule, let maxInFlight):
            let (segmented, limit) = try schedule.segmented(by: ownership, maxInFlight: maxInFlight, shares: &shares)
            plan.model = .open(segmented, maxInFlight: limit)
            connections = ownership.share(of: transport.connections, atLeastOne: true)
        case .closed:
            connections = ownership.share(of: transport.connections, atLeastOne: false)
            if connections.segment == 0 {
                throw SegmentSplitError(segment: ownership.segment, ownsNoneOf: transport.connections, "connections")
            }
        }
        shares.connections = connections
        // Through the initializer, which keeps the threads within the (fewer) connections.
        plan.transport = TransportOptions(connections: connections.segment, threads: transport.threads, timeout: transport.timeout,
                                          insecure: transport.insecure, caBundle: transport.caBundle, http2: transport.http2,
                                          kind: transport.kind, streams: transport.streams)
        return (plan, shares)
    }
}

extension ArrivalSchedule {
    /// The open-model part `ownership`'s segment sends: its arrivals of this schedule and its
    /// share of the in-flight limit (at least 1: its arrivals need one), both counted in
    /// `shares`. A segment that owns no arrival of a schedule that has some is refused.
    public func segmented(by ownership: SegmentOwnership, maxInFlight: Int,
                          shares: inout SegmentShares) throws(SegmentSplitError) -> (schedule: ArrivalSchedule, maxInFlight: Int) {
        let segmented = segmented(by: ownership)
        if segmented.totalArrivals == 0, wholeTestArrivals > 0 {
            throw SegmentSplitError(segment: ownership.segment, ownsNoneOf: wholeTestArrivals, "arrivals")
        }
        let limit = ownership.share(of: maxInFlight, atLeastOne: true)
        shares.arrivals = SegmentCount(whole: wholeTestArrivals, segment: segmented.totalArrivals)
        shares.maxInFlight = limit
        return (segmented, limit.segment)
    }
}

extension RunTarget {
    /// The target one segment's run is judged against when it sends `share` of the test: a rate
    /// becomes the segment's part of it; latency and error targets hold for every part as for
    /// the whole.
    public func forSegment(share: Double) -> RunTarget {
        switch self {
        case .rate(let rate, let tolerance): .rate(rate * share, tolerance: tolerance)
        case .rateAtLeast(let rate): .rateAtLeast(rate * share)
        default: self
        }
    }
}
