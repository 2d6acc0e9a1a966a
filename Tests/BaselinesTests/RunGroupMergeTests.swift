import Baselines
import Foundation
import Histograms
import Testing
import Units

/// A complete group reads as the run one machine would have stored for the whole test:
/// histograms added exactly, counts summed, timelines on one wall clock.
struct RunGroupMergeTests {
    private static let origin = Date(timeIntervalSince1970: 1_700_000_000)

    /// The `index`-th of `count` segments of group `job-1`, started `offset` seconds after `origin`.
    private static func segmentRun(_ index: Int, of count: Int, offset: Double = 0, status: RunStatus = .completed,
                                   step: String = "GET /api/signals") throws -> RunRecord {
        var run = Fixtures.run(startedAt: origin.addingTimeInterval(offset), status: status, seed: UInt64(index * 31))
        run.step = step
        run.group = RunGroupMembership(id: "job-1", segment: try #require(ExecutionSegment(index: index, of: count)))
        run.id = Int64(index)
        return run
    }

    /// Bucket value → count, over every snapshot given.
    private static func bucketSums(_ snapshots: [HistogramSnapshot]) -> [UInt64: UInt64] {
        snapshots.reduce(into: [:]) { sums, snapshot in
            for (value, count) in zip(snapshot.values, snapshot.counts) where count > 0 { sums[value, default: 0] += count }
        }
    }

    @Test func histogramsAreTheSumOfTheSegmentsBucketForBucket() throws {
        let segments = try (1...4).map { try Self.segmentRun($0, of: 4) }
        let merged = MergedGroup(segments: segments.reversed()).run
        #expect(Set(merged.histograms.keys) == Set(segments[0].histograms.keys))
        for metric in segments[0].histograms.keys {
            let parts = segments.compactMap { $0.histograms[metric] }
            let whole = try #require(merged.histograms[metric])
            #expect(Self.bucketSums([whole]) == Self.bucketSums(parts), "\(metric)")
            #expect(whole.totalCount == parts.reduce(0) { $0 + $1.totalCount })
            #expect(whole.maxValue == parts.map(\.maxValue).max())
        }
        let latency = try #require(merged.histograms["latency"])
        #expect(latency.totalCount == 4 * (try #require(segments[0].histograms["latency"])).totalCount)
    }

    @Test func countsRatesAndTimesAddUp() throws {
        var segments = try (1...4).map { try Self.segmentRun($0, of: 4, offset: Double($0) * 0.2) }
        segments[2].status = .interrupted
        segments[1].statusCodes = [200: 10, 404: 2]
        segments[1].errors = ["http_4xx": 2]
        let merged = MergedGroup(segments: segments).run
        #expect(merged.counts.sent == segments.reduce(0) { $0 + $1.counts.sent })
        #expect(merged.counts.completed == segments.reduce(0) { $0 + $1.counts.completed })
        #expect(merged.counts.failures == segments.reduce(0) { $0 + $1.counts.failures })
        #expect(merged.counts.dropped == 12)
        #expect(merged.counts.unfinished == 28)
        #expect(merged.statusCodes == [200: 3 * 29_905 + 10, 503: 3 * 45, 404: 2])
        #expect(merged.errors == ["timeout": 120, "http_5xx": 135, "http_4xx": 2])
        #expect(merged.intendedRate == 4_000)
        #expect(abs(merged.achievedRate - 4 * 999.666_666_7) < 1e-6)
        #expect(merged.startedAt == Self.origin.addingTimeInterval(0.2))
        #expect(merged.endedAt == segments[3].endedAt)
        #expect(merged.status == .interrupted, "the worst status of the segments")
        #expect(merged.id == nil)
        #expect(merged.group == RunGroupMembership(id: "job-1", segment: .whole))
    }

    @Test func timelinesAlignOnTheWallClockFromSubSecondOffsets() throws {
        func point(_ second: Int, requests: Int, p50: UInt64) -> SeriesPoint {
            SeriesPoint(second: second, requests: requests, errors: second, p50: p50, p90: p50, p95: p50, p99: p50,
                        p999: p50, mean: Double(p50), intendedRate: Double(requests))
        }
        // Starts at 0, 0.4 and 0.6 s: second s of the second segment is centred at s + 0.9 (group
        // second s), of the third at s + 1.1 (group second s + 1).
        let offsets = [0, 0.4, 0.6]
        let segments = try (1...3).map { index in
            var run = try Self.segmentRun(index, of: 3, offset: offsets[index - 1])
            run.series = (0..<3).map { point($0, requests: 100 * index, p50: UInt64(1_000 * index)) }
            return run
        }
        let series = MergedGroup(segments: segments).run.series
        #expect(series.map(\.second) == [0, 1, 2, 3])
        #expect(series.map(\.requests) == [300, 600, 600, 300])
        #expect(series.map(\.errors) == [0 + 0, 1 + 1 + 0, 2 + 2 + 1, 2])
        #expect(series.map(\.intendedRate) == [300, 600, 600, 300])
        // Request-weighted: (100·1000 + 200·2000) / 300, then (… + 300·3000) / 600.
        #expect(series.map(\.p50) == [1_667, 2_333, 2_333, 3_000])
        #expect(abs(series[1].mean - 14_000.0 / 6) < 1e-9)
    }

    @Test func differentMachinesAndLateStartsAreNoted() throws {
        var segments = try (1...2).map { try Self.segmentRun($0, of: 2, offset: $0 == 2 ? 2.5 : 0) }
        segments[1].host.cpuModel = "Other CPU"
        let group = MergedGroup(segments: segments)
        #expect(group.notes.count == 2)
        #expect(group.notes.contains { $0.contains("2 segments ran on 2 different machines") })
        #expect(group.notes.contains { $0.contains("started up to 2.5 s apart (segment 1/2:1 last)") })
        #expect(group.run.host == segments[0].host, "the lowest segment's machine")
        #expect(MergedGroup(segments: try (1...2).map { try Self.segmentRun($0, of: 2) }).notes.isEmpty)
    }

    @Test func groupedRunsMergeCompleteGroupsAndSetIncompleteOnesApart() throws {
        var alone = Fixtures.run(startedAt: Self.origin.addingTimeInterval(-60))
        alone.id = 100
        let complete = try (1...4).map { try Self.segmentRun($0, of: 4) }
        var other = try [1, 2, 4].flatMap { index in
            try ["GET /a", "GET /b"].map { try Self.segmentRun(index, of: 4, offset: 600, step: $0) }
        }
        for index in other.indices { other[index].group?.id = "job-2" }
        let grouped = GroupedRuns(complete + [alone] + other)
        #expect(grouped.runs.count == 2)
        #expect(grouped.runs[0].id == 100, "a run sent alone passes through, in start order")
        #expect(grouped.runs[1].group?.segment == .whole)
        #expect(grouped.runs[1].counts.sent == 4 * complete[0].counts.sent)
        #expect(grouped.groups.map { $0.segments.count } == [4])
        let incomplete = try #require(grouped.incomplete.first)
        #expect(grouped.incomplete.count == 1, "one entry for both steps")
        #expect(incomplete.steps == ["GET /a", "GET /b"])
        #expect(incomplete.description == "group 'job-2' (version v1.2.3, scenario latency) is incomplete with "
                + "3 segments stored: segment 3/4 (1/2:3/4) is missing")
    }
}
