import Baselines
import Foundation
import Histograms
import Testing

/// `--hgrm` output is HdrHistogram's percentile-distribution text, which existing plotters read.
struct PercentileDistributionTests {
    @Test func singleValueGivesTheReferenceLayoutInMilliseconds() {
        let text = HistogramSnapshot(Fixtures.histogram([1_000])).percentileDistribution()
        #expect(text == """
                   Value     Percentile TotalCount 1/(1-Percentile)

                   1.000 0.000000000000          1           1.00
                   1.000 1.000000000000          1
            #[Mean    =        1.000, StdDeviation   =        0.000]
            #[Max     =        1.000, Total count    =            1]
            #[Buckets =           16, SubBuckets     =         2048]

            """)
    }

    @Test func rowsClimbMonotonicallyToPercentileOne() throws {
        let histogram = Fixtures.latencyHistogram()
        let lines = HistogramSnapshot(histogram).percentileDistribution().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "       Value     Percentile TotalCount 1/(1-Percentile)")
        #expect(lines[1].isEmpty)

        let rows = lines.dropFirst(2).prefix { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: " ").map(String.init) }
        #expect(rows.count > 50)
        let values = rows.compactMap { Double($0[0]) }
        let percentiles = rows.compactMap { Double($0[1]) }
        let totals = rows.compactMap { Int($0[2]) }
        #expect(values.count == rows.count && percentiles.count == rows.count && totals.count == rows.count)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(zip(percentiles, percentiles.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(zip(totals, totals.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(rows.dropLast().allSatisfy { $0.count == 4 })

        let last = try #require(rows.last)
        #expect(last.count == 3)
        #expect(last[1] == "1.000000000000")
        #expect(Int(last[2]) == Int(histogram.totalCount))
        #expect(last[0] == String(format: "%.3f", Double(histogram.max) / 1000))
    }

    @Test func footerReportsMeanMaxCountAndLayout() throws {
        let histogram = Fixtures.latencyHistogram()
        let footer = HistogramSnapshot(histogram).percentileDistribution().split(separator: "\n").suffix(3)
            .map(String.init)
        #expect(footer[0] == String(format: "#[Mean    = %12.3f, StdDeviation   = %12.3f]",
                                    histogram.mean / 1000, histogram.stdDeviation / 1000))
        #expect(footer[1] == String(format: "#[Max     = %12.3f, Total count    = %12d]",
                                    Double(histogram.max) / 1000, Int(histogram.totalCount)))
        #expect(footer[2] == "#[Buckets =           16, SubBuckets     =         2048]")
    }

    @Test func unitRatioOfOneKeepsMicroseconds() {
        let text = HistogramSnapshot(Fixtures.histogram([1_000])).percentileDistribution(unitRatio: 1)
        #expect(text.contains("    1000.000 1.000000000000          1\n"))
    }

    @Test func emptyHistogramHasHeaderAndFooterOnly() {
        let lines = HistogramSnapshot(Fixtures.histogram([])).percentileDistribution().split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("#[Mean"))
    }
}
