import LoadEngine
import Testing
import Units

/// The segments of a test together send the one-process schedule exactly: the same intended
/// instants, each once, and each segment its share of the count and of the rate.
@Suite struct SegmentedScheduleTests {
    static let schedules: [(String, ArrivalSchedule)] = [
        ("constant 50/s", .constant(rate: 50, duration: .seconds(2))),
        ("constant 3/s", .constant(rate: 3, duration: .seconds(1))),
        ("constant 997/s", .constant(rate: 997, duration: .seconds(3))),
        ("constant 4000/s", .constant(rate: 4000, duration: .seconds(2))),
        ("ramp 0→200", .ramp(from: 0, to: 200, over: .seconds(10))),
        ("ramp 1→333 and hold", .ramp(from: 1, to: 333, over: .seconds(7), hold: .seconds(3))),
        ("stages", .stages(startRate: 0, [(.seconds(2), 100), (.seconds(3), 100), (.milliseconds(1500), 7), (.seconds(1), 0)])),
    ]

    static let sequences: [SegmentSequence] = [1, 2, 3, 4, 5, 7, 8, 13, 32].map { SegmentSequence(equalShares: $0)! }
        + ["0,1/4,1/2,1", "0,1/3,1/2,1", "0,1/10,7/10,1", "0,1/6,1/3,1/2,2/3,5/6,1"].map { try! SegmentSequence(parsing: $0) }

    static func segments(of sequence: SegmentSequence) throws -> [SegmentOwnership] {
        try zip(sequence.points, sequence.points.dropFirst()).map { start, end in
            try SegmentOwnership(segment: #require(ExecutionSegment(start: start, end: end)), sequence: sequence)
        }
    }

    static func offsets(_ schedule: ArrivalSchedule) -> [Int64] {
        (0..<schedule.totalArrivals).map { schedule.offsetNanoseconds(ofArrival: $0)! }
    }

    @Test(arguments: sequences)
    func theSegmentsTogetherAreTheOneProcessSchedule(sequence: SegmentSequence) throws {
        let segments = try Self.segments(of: sequence)
        for (name, schedule) in Self.schedules {
            let whole = Self.offsets(schedule)
            var union: [Int64] = []
            var numbers: [Int] = []
            for ownership in segments {
                let segmented = schedule.segmented(by: ownership)
                union += Self.offsets(segmented)
                numbers += (0..<segmented.totalArrivals).map(segmented.testArrival)
                // Its count is its exact share of every whole block, and of the rest within one block's share.
                let exact = Double(schedule.totalArrivals) * ownership.share
                #expect(abs(Double(segmented.totalArrivals) - exact) <= Double(ownership.ownedPerBlock), "\(name), \(ownership.segment)")
                #expect(abs(segmented.meanRate - schedule.meanRate * ownership.share) <= 1e-9 * schedule.meanRate)
                #expect(segmented.offsetNanoseconds(ofArrival: segmented.totalArrivals) == nil)
            }
            #expect(union.sorted() == whole, "\(name) in \(sequence)")
            #expect(numbers.sorted() == Array(0..<schedule.totalArrivals), "\(name) in \(sequence)")
        }
    }

    @Test func aSegmentsArrivalsKeepTheirOneProcessInstants() throws {
        let schedule = ArrivalSchedule.constant(rate: 100, duration: .seconds(1))
        let third = schedule.segmented(by: try SegmentOwnership(segment: ExecutionSegment(parsing: "3/4"),
                                                                 sequence: SegmentSequence(equalShares: 4)!))
        #expect(third.totalArrivals == 25)
        #expect(third.wholeTestArrivals == 100)
        let numbers = (0..<25).map(third.testArrival)
        // Every 4th arrival of the test at its own 10 ms slot: interleaved, not the third quarter of the run.
        #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $1 - $0 == 4 })
        #expect((0..<25).allSatisfy { third.offsetNanoseconds(ofArrival: $0) == Int64(numbers[$0]) * 10_000_000 })
        #expect(third.meanRate == 25)
        #expect(third.rate(atSecond: 0.5) == 25)
    }

    @Test func aPlanSplitsConnectionsAndTheInFlightLimit() throws {
        let request = RequestSpec(url: "http://127.0.0.1:9/")
        let open = LoadPlan(request: request, transport: TransportOptions(connections: 6, threads: 4),
                            model: .open(.constant(rate: 40, duration: .seconds(1)), maxInFlight: 3))
        let quarters = try (1...4).map { try SegmentOwnership(segment: ExecutionSegment(parsing: "\($0)/4"), sequence: SegmentSequence(equalShares: 4)!) }
        let split = try quarters.map { try open.segmented(by: $0) }
        #expect(split.map(\.plan.transport.connections) == [1, 2, 1, 2])
        #expect(split.map(\.shares.connections!.raised) == [false, false, false, false])
        #expect(split.map(\.plan.transport.threads) == [1, 2, 1, 2])
        #expect(split.map(\.shares.maxInFlight!.segment) == [1, 1, 1, 1])
        #expect(split.map(\.shares.maxInFlight!.raised) == [true, false, false, false])
        #expect(split.map(\.shares.arrivals!.segment).reduce(0, +) == 40)

        let closed = LoadPlan(request: request, transport: TransportOptions(connections: 2), model: .closed(duration: .seconds(1)))
        #expect(try closed.segmented(by: quarters[1]).plan.transport.connections == 1)
        #expect(throws: SegmentSplitError(segment: quarters[0].segment, ownsNoneOf: 2, "connections")) {
            try closed.segmented(by: quarters[0])
        }
        let tiny = LoadPlan(request: request, model: .open(.constant(rate: 2, duration: .seconds(1)), maxInFlight: 10))
        #expect(throws: SegmentSplitError(segment: quarters[2].segment, ownsNoneOf: 2, "arrivals")) {
            try tiny.segmented(by: quarters[2])
        }
    }

    @Test func aSegmentIsJudgedOnItsPartOfTheRateOnly() {
        #expect(RunTarget.rate(100, tolerance: 0.01).forSegment(share: 0.25) == .rate(25, tolerance: 0.01))
        #expect(RunTarget.rateAtLeast(80).forSegment(share: 0.5) == .rateAtLeast(40))
        #expect(RunTarget.latency(.p95, atMost: .milliseconds(500)).forSegment(share: 0.25) == .latency(.p95, atMost: .milliseconds(500)))
        #expect(RunTarget.errorRate(atMost: 0.01).forSegment(share: 0.25) == .errorRate(atMost: 0.01))
    }
}
