import Baselines
import Foundation
import Histograms

/// The latency percentile spectrum, HdrHistogram's percentile-distribution plot: latency (y)
/// against percentile on the log scale that spreads the tail (x = -log10(1 - p), so 90%, 99%
/// and 99.9% are evenly spaced). Each version's corrected latency solid, its service time
/// dashed; the gap between them is time spent waiting for a connection.
enum PercentileSpectrumChart {
    private static let width = 640.0, height = 380.0
    /// The percentiles that get a labelled tick, and a marker on each latency line.
    private static let ticks: [(percentile: Double, label: String)] = [
        (50, "50%"), (90, "90%"), (99, "99%"), (99.9, "99.9%"), (99.99, "99.99%"), (99.999, "99.999%"),
    ]

    /// One line: a version's merged histogram of one metric.
    private struct Line {
        let label: String
        let classes: String
        /// Service time, drawn dashed and without markers so the latency line stays readable.
        let isServiceTime: Bool
        let snapshot: HistogramSnapshot
        let readout: PercentileReadout
        let points: [(x: Double, y: Double)]
        let runs: Int
    }

    /// Draws the chart of `versions` into `page`.
    static func write(_ versions: [VersionRuns], to page: inout Markup) {
        var lines: [Line] = []
        var missing: [String] = []
        for version in versions {
            var drawn = false
            for (metric, name, dashed) in [("latency", "latency", false), ("service_time", "service time", true)] {
                guard let snapshot = version.merged(metric), let readout = PercentileReadout(snapshot) else { continue }
                lines.append(Line(label: "\(version.version) \(name)",
                                  classes: version.side.cssClass + (dashed ? " dash" : ""), isServiceTime: dashed,
                                  snapshot: snapshot, readout: readout, points: points(snapshot),
                                  runs: version.charted.count))
                drawn = true
            }
            if !drawn { missing.append(version.version) }
        }
        var chart = SVGChart(width: width, height: height)
        let title = "Latency by percentile (HDR log scale)"
        guard !lines.isEmpty else {
            chart.label("no latency recorded: no response", x: width / 2, y: height / 2,
                        anchor: "middle", classes: "empty-note")
            chart.write(to: &page, kind: "spectrum empty", title: title)
            return
        }
        let legendBottom = chart.legend(lines.map { LegendEntry(label: $0.label, classes: $0.classes, sample: .line) },
                                        x: 12, y: 16)
        let lastX = lines.compactMap { $0.points.last?.x }.max() ?? 0
        let xMax = max(2, lastX.rounded(.up))
        let yTicks = AxisTicks.upTo(lines.flatMap(\.points).map(\.y).max() ?? 1)
        let top = legendBottom + 34
        let area = PlotArea(left: 64, top: top, width: width - 64 - 24, height: height - top - 52,
                            xDomain: 0...xMax, yDomain: 0...(yTicks.last?.value ?? 1))
        if !missing.isEmpty {
            chart.label("no latency recorded in \(missing.joined(separator: " or "))", x: area.right, y: area.top + 14,
                        anchor: "end")
        }
        chart.yAxis(area, ticks: yTicks, title: "latency (ms)")
        let xTicks = [Tick(value: 0, label: "0%")] + ticks.map { Tick(value: x(percentile: $0.percentile), label: $0.label) }
            .filter { $0.value <= xMax + 1e-9 }
        chart.xAxis(area, ticks: xTicks, title: "percentile, log scale")
        for line in lines {
            chart.line(line.points, in: area, classes: line.classes, tooltip: summary(line))
        }
        for line in lines where !line.isServiceTime {
            markers(line, in: area, chart: &chart)
        }
        chart.write(to: &page, kind: "spectrum", title: title)
    }

    /// The position of percentile `p` (0..<100) on the log axis.
    private static func x(percentile: Double) -> Double {
        -log10(1 - percentile / 100)
    }

    /// The histogram's percentile iteration as chart points (x on the log axis, y in ms). The
    /// iteration's last row, at 100%, sits at infinity on this axis: it is drawn where one
    /// request in the histogram's count would be (1 - 1/n), as HDR plotters end their lines.
    private static func points(_ snapshot: HistogramSnapshot) -> [(x: Double, y: Double)] {
        let spectrum = snapshot.percentileSpectrum()
        var points: [(x: Double, y: Double)] = []
        points.reserveCapacity(spectrum.count)
        for point in spectrum {
            let milliseconds = Double(min(point.value, snapshot.maxValue)) / 1_000
            if point.percentile < 100 {
                points.append((x(percentile: point.percentile), milliseconds))
            } else {
                let end = max(points.last?.x ?? 0, log10(Double(snapshot.totalCount)))
                points.append((end, milliseconds))
            }
        }
        return points
    }

    /// Markers with tooltips at the labelled percentiles the line reaches, and at its maximum.
    private static func markers(_ line: Line, in area: PlotArea, chart: inout SVGChart) {
        guard let end = line.points.last else { return }
        let readout = line.readout
        let values: [(Double, UInt64, String)] = [
            (50, readout.p50, "p50"), (90, readout.p90, "p90"), (99, readout.p99, "p99"), (99.9, readout.p999, "p99.9"),
        ]
        for (percentile, value, name) in values where x(percentile: percentile) <= end.x {
            chart.marker(at: x(percentile: percentile), Double(value) / 1_000, in: area, classes: line.classes,
                         tooltip: "\(line.label) \(name): \(CellText.milliseconds(Double(value)))")
        }
        chart.marker(at: end.x, Double(readout.max) / 1_000, in: area, classes: line.classes,
                     tooltip: "\(line.label) max: \(CellText.milliseconds(Double(readout.max)))")
    }

    /// The line's tooltip: its percentiles and what it was measured from.
    private static func summary(_ line: Line) -> String {
        let readout = line.readout
        let percentiles = [("p50", readout.p50), ("p90", readout.p90), ("p99", readout.p99), ("p99.9", readout.p999),
                           ("max", readout.max)]
            .map { "\($0.0) \(CellText.milliseconds(Double($0.1)))" }.joined(separator: ", ")
        return "\(line.label): \(percentiles) (\(line.snapshot.totalCount) requests, \(VersionRuns.count(line.runs)))"
    }
}
