import LoadEngine
import Scenarios
import Testing
import Units

/// A scenario's segments together run its one-process iterations, each once, and each judges
/// its part of the rate.
struct SegmentedScenarioTests {
    private func scenario(load: String, thresholds: String = "") throws -> Scenario {
        try ScenarioLoader.parse("""
            name: split
            target: http://127.0.0.1:9
            load:
            \(load)
            requests:
              - name: health
                path: /healthz
            \(thresholds)
            """, file: "split.yaml")
    }

    private static func segments(_ count: Int) throws -> [SegmentOwnership] {
        try (1...count).map { try SegmentOwnership(segment: ExecutionSegment(parsing: "\($0)/\(count)"), sequence: SegmentSequence(equalShares: count)!) }
    }

    @Test(arguments: [1, 3, 4, 7])
    func theSegmentsIterationsAreTheOneProcessIterations(count: Int) throws {
        let whole = try scenario(load: "  iterations: 10\n  vus: 5")
        var numbers: [Int] = []
        var users = 0
        for ownership in try Self.segments(count) where ownership.ownedCount(below: 10) > 0 {
            let (segment, shares) = try whole.segmented(by: ownership)
            guard case .iterations(let iterations, let virtualUsers) = segment.load else {
                Issue.record("\(segment.load)")
                return
            }
            // ScenarioRun numbers its i-th iteration segment.number(ofOwned: i).
            numbers += (0..<iterations).map(segment.segment.number(ofOwned:))
            users += virtualUsers
            #expect(shares.iterations == SegmentCount(whole: 10, segment: iterations))
            #expect(virtualUsers >= 1)
        }
        #expect(numbers.sorted() == Array(0..<10))
        #expect(users >= 5)
    }

    @Test func aSegmentJudgesItsPartOfTheRate() throws {
        let whole = try scenario(load: "  rate: 100\n  duration: 2s", thresholds: "thresholds:\n  rate_tolerance: 1%")
        let (quarter, shares) = try whole.segmented(by: Self.segments(4)[1])
        #expect(shares.arrivals == SegmentCount(whole: 200, segment: 50))
        #expect(quarter.thresholds.targets.contains(.rate(25, tolerance: 0.01)))
        #expect(quarter.load.plannedDuration == .seconds(2))
    }

    @Test func aSegmentWithoutVirtualUsersOrIterationsIsRefused() throws {
        let users = try scenario(load: "  vus: 2\n  duration: 1s")
        #expect(throws: SegmentSplitError.self) { try users.segmented(by: Self.segments(4)[0]) }
        let iterations = try scenario(load: "  iterations: 2\n  vus: 2")
        #expect(throws: SegmentSplitError.self) { try iterations.segmented(by: Self.segments(4)[3]) }
    }
}
