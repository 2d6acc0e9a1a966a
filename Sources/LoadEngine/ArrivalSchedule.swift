import Units

/// When each request of an open-model run is meant to be sent: a piecewise-linear rate over
/// time, so constant rates, linear ramps and k6-style stages are one shape.
///
/// Arrival `k` (from 0) is due at the instant `t` where the integral of the rate from 0 to
/// `t` equals `k`; the engine measures latency from that instant, never from when a
/// connection happened to be free (coordinated-omission correction).
///
/// A schedule `segmented(by:)` an execution segment sends only the arrivals that segment owns,
/// at their one-process instants: its arrival `i` is the test's arrival
/// `ownership.number(ofOwned: i)`, its counts and rates are the segment's.
public struct ArrivalSchedule: Sendable, Equatable {
    /// One stretch of the schedule over which the rate moves linearly.
    public struct Segment: Sendable, Equatable {
        /// Length of the stretch.
        public var duration: Duration
        /// Requests per second at its start.
        public var startRate: Double
        /// Requests per second at its end.
        public var endRate: Double

        /// Creates a stretch.
        public init(duration: Duration, startRate: Double, endRate: Double) {
            self.duration = duration
            self.startRate = startRate
            self.endRate = endRate
        }
    }

    /// The stretches, in order.
    public let segments: [Segment]
    /// Arrivals before each segment (fractional), one entry more than `segments`.
    private let cumulativeArrivals: [Double]
    private let segmentStartSeconds: [Double]
    /// The arrivals of the whole test this schedule sends.
    public private(set) var ownership = SegmentOwnership.whole
    /// Arrivals this schedule sends: `ownership`'s share of `wholeTestArrivals`.
    public private(set) var totalArrivals: Int
    /// Arrivals of the whole test (every segment's) due strictly before its end.
    public let wholeTestArrivals: Int

    /// Creates a schedule from stretches; rates must be zero or more.
    public init(segments: [Segment]) {
        self.segments = segments
        var cumulative: [Double] = [0]
        var starts: [Double] = [0]
        for segment in segments {
            let seconds = segment.duration.seconds
            cumulative.append(cumulative.last! + (segment.startRate + segment.endRate) * seconds / 2)
            starts.append(starts.last! + seconds)
        }
        cumulativeArrivals = cumulative
        segmentStartSeconds = starts
        wholeTestArrivals = Int((cumulative.last! - 1e-9).rounded(.up)).clamped(min: 0)
        totalArrivals = wholeTestArrivals
    }

    /// This schedule's arrivals that `ownership`'s segment owns (of the whole test's, whatever
    /// this schedule's own segment was).
    public func segmented(by ownership: SegmentOwnership) -> ArrivalSchedule {
        var segmented = self
        segmented.ownership = ownership
        segmented.totalArrivals = ownership.ownedCount(below: wholeTestArrivals)
        return segmented
    }

    /// A fixed rate for a duration.
    public static func constant(rate: Double, duration: Duration) -> ArrivalSchedule {
        ArrivalSchedule(segments: [Segment(duration: duration, startRate: rate, endRate: rate)])
    }

    /// A linear climb from `startRate` to `maxRate` over `ramp`, then `hold` at `maxRate`.
    public static func ramp(from startRate: Double, to maxRate: Double, over ramp: Duration,
                            hold: Duration = .zero) -> ArrivalSchedule {
        var segments = [Segment(duration: ramp, startRate: startRate, endRate: maxRate)]
        if hold > .zero { segments.append(Segment(duration: hold, startRate: maxRate, endRate: maxRate)) }
        return ArrivalSchedule(segments: segments)
    }

    /// k6-style stages: each moves the rate linearly from the previous stage's target
    /// (`startRate` for the first) to its own over its duration.
    public static func stages(startRate: Double, _ stages: [(duration: Duration, target: Double)]) -> ArrivalSchedule {
        var previous = startRate
        var segments: [Segment] = []
        for stage in stages {
            segments.append(Segment(duration: stage.duration, startRate: previous, endRate: stage.target))
            previous = stage.target
        }
        return ArrivalSchedule(segments: segments)
    }

    /// Total length of the schedule.
    public var duration: Duration { segments.reduce(.zero) { $0 + $1.duration } }

    /// Mean intended rate over the whole schedule, requests per second (this segment's share).
    public var meanRate: Double {
        let seconds = duration.seconds
        return seconds > 0 ? cumulativeArrivals.last! / seconds * ownership.share : 0
    }

    /// Intended rate at `seconds` after the start (this segment's share).
    public func rate(atSecond seconds: Double) -> Double {
        guard let index = segmentIndex(containingSecond: seconds) else { return 0 }
        let segment = segments[index]
        let length = segment.duration.seconds
        let fraction = length > 0 ? (seconds - segmentStartSeconds[index]) / length : 0
        return (segment.startRate + (segment.endRate - segment.startRate) * fraction) * ownership.share
    }

    /// The test's number of this schedule's arrival `index` (the same unless segmented). On
    /// the engine's path for every arrival: the whole test skips the mapping's two divisions.
    @inline(__always)
    public func testArrival(_ index: Int) -> Int {
        ownership.blockLength == 1 ? index : ownership.number(ofOwned: index)
    }

    /// Offset from the start, in nanoseconds, at which this schedule's arrival `index` is due;
    /// `nil` when the schedule ends first.
    public func offsetNanoseconds(ofArrival index: Int) -> Int64? {
        guard index >= 0, index < totalArrivals else { return nil }
        let k = Double(testArrival(index))
        var segmentIndex = 0
        while segmentIndex + 1 < segments.count, cumulativeArrivals[segmentIndex + 1] <= k {
            segmentIndex += 1
        }
        let segment = segments[segmentIndex]
        let length = segment.duration.seconds
        let within = k - cumulativeArrivals[segmentIndex]
        // Solve r0*t + a*t^2 = within for t with a = (r1 - r0) / (2 * length), in the form
        // 2x / (r0 + sqrt(r0^2 + 4ax)) that stays exact when the rate is flat or starts at 0.
        let slope = length > 0 ? (segment.endRate - segment.startRate) / (2 * length) : 0
        let root = max(0, segment.startRate * segment.startRate + 4 * slope * within).squareRoot()
        let denominator = segment.startRate + root
        let local = denominator > 0 ? 2 * within / denominator : 0
        return Int64(((segmentStartSeconds[segmentIndex] + local) * 1e9).rounded())
    }

    private func segmentIndex(containingSecond seconds: Double) -> Int? {
        guard seconds >= 0, seconds < segmentStartSeconds.last! else { return nil }
        return segments.indices.last { segmentStartSeconds[$0] <= seconds }
    }
}

extension Int {
    func clamped(min lower: Int) -> Int { Swift.max(self, lower) }
}
