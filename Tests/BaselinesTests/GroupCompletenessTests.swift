import Baselines
import Foundation
import Testing
import Units

/// A group is complete when its segments tile [0, 1) exactly, each once, none failed; every
/// other group says precisely which share is wrong.
struct GroupCompletenessTests {
    private static func segment(_ text: String) throws -> ExecutionSegment { try ExecutionSegment(parsing: text) }

    private static func segments(_ texts: [String], failed: Set<String> = []) throws -> [StoredSegment] {
        try texts.enumerated().map { index, text in
            StoredSegment(runID: Int64(index + 1), version: "v1", scenario: "latency", step: "GET /",
                          group: RunGroupMembership(id: "job-1", segment: try segment(text)),
                          status: failed.contains(text) ? .failed : .completed,
                          startedAt: Date(timeIntervalSince1970: 1_700_000_000))
        }
    }

    private static func problems(_ texts: [String], failed: Set<String> = []) throws -> [GroupProblem] {
        GroupCompleteness.problems(try segments(texts, failed: failed))
    }

    @Test func fourEqualSharesInAnyOrderAreComplete() throws {
        #expect(try Self.problems(["3/4", "1/4", "4/4", "2/4"]).isEmpty)
        #expect(try Self.problems(["1/1"]).isEmpty)
    }

    @Test func unevenFractionsThatTileAreComplete() throws {
        #expect(try Self.problems(["0:1/3", "1/3:7/10", "7/10:1"]).isEmpty)
    }

    @Test func aMissingEqualShareIsNamedAsTheIthOfN() throws {
        let problems = try Self.problems(["1/4", "2/4", "4/4"])
        #expect(problems == [.missing(try Self.segment("1/2:3/4"), equalShares: ["3/4"])])
        #expect(problems.map(\.description) == ["segment 3/4 (1/2:3/4) is missing"])
    }

    @Test func adjacentMissingSharesAreNamedTogether() throws {
        let problems = try Self.problems(["1/4", "4/4"])
        #expect(problems.map(\.description) == ["segments 2/4, 3/4 (1/4:3/4) are missing"])
    }

    @Test func missingFirstAndLastSharesAreBothNamed() throws {
        let problems = try Self.problems(["2/3"])
        #expect(problems.map(\.description) == ["segment 1/3 (0:1/3) is missing", "segment 3/3 (2/3:1) is missing"])
    }

    @Test func aMissingUnevenShareIsNamedByItsFractions() throws {
        let problems = try Self.problems(["0:1/3", "7/10:1"])
        #expect(problems.map(\.description) == ["share 1/3:7/10 is missing"])
    }

    @Test func overlappingSegmentsAreNamed() throws {
        let problems = try Self.problems(["0:1/2", "1/3:1"])
        #expect(problems == [.overlapping(try Self.segment("0:1/2"), try Self.segment("1/3:1"))])
        #expect(problems.map(\.description) == ["segments 0:1/2 and 1/3:1 overlap"])
    }

    @Test func aSegmentStoredTwiceIsADuplicate() throws {
        let problems = try Self.problems(["1/2", "2/2", "1/2"])
        #expect(problems == [.duplicated(try Self.segment("1/2"), runs: 2)])
        #expect(problems.map(\.description) == ["segment 0:1/2 is stored 2 times"])
    }

    @Test func aFailedSegmentMakesTheGroupIncomplete() throws {
        let problems = try Self.problems(["1/4", "2/4", "3/4", "4/4"], failed: ["3/4"])
        #expect(problems == [.failed(try Self.segment("3/4"), runID: 3)])
        #expect(problems.map(\.description) == ["segment 1/2:3/4 failed (run 3)"])
    }

    @Test func nothingStoredMissesTheWholeTest() {
        #expect(GroupCompleteness.problems([]) == [.missing(.whole, equalShares: [])])
    }
}
