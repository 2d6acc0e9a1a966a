import Baselines
import Histograms

/// Where a request's time went, phase by phase, the versions side by side: a bar to each
/// phase's median and a whisker on to its p99. DNS, connect and TLS are measured only on
/// requests that opened a connection, so their counts are small next to TTFB's.
enum PhaseChart {
    private static let width = 640.0
    private static let phases: [(metric: String, label: String)] = [
        ("dns", "DNS"), ("connect", "connect"), ("tls", "TLS"), ("ttfb", "TTFB"), ("transfer", "transfer"),
    ]
    private static let barHeight = 12.0, barGap = 4.0, groupGap = 14.0

    /// Draws the chart of `versions` into `page`.
    static func write(_ versions: [VersionRuns], to page: inout Markup) {
        let measured = phases.map { phase in
            versions.map { version in version.merged(phase.metric).flatMap(PercentileReadout.init) }
        }
        let groupHeight = Double(versions.count) * (barHeight + barGap) - barGap + groupGap
        let top = 40.0, bottom = 52.0
        let height = top + Double(phases.count) * groupHeight + bottom
        var chart = SVGChart(width: width, height: height)
        let title = "Time per phase (bar: p50, whisker: p99)"
        let largest = measured.joined().compactMap { $0?.p99 }.max()
        guard let largest else {
            chart.label("no phase timings recorded", x: width / 2, y: height / 2, anchor: "middle",
                        classes: "empty-note")
            chart.write(to: &page, kind: "phases empty", title: title)
            return
        }
        let ticks = AxisTicks.upTo(Double(largest) / 1_000)
        let area = PlotArea(left: 84, top: top, width: width - 84 - 150, height: height - top - bottom,
                            xDomain: 0...(ticks.last?.value ?? 1), yDomain: 0...1)
        chart.legend(versions.map { LegendEntry(label: $0.version, classes: $0.side.cssClass, sample: .swatch) },
                     x: area.left, y: 16)
        chart.xAxis(area, ticks: ticks, title: "milliseconds")
        for (index, phase) in phases.enumerated() {
            let groupTop = top + Double(index) * groupHeight + groupGap / 2
            chart.label(phase.label, x: area.left - 8,
                        y: groupTop + (groupHeight - groupGap) / 2 + 4, anchor: "end", classes: "label phase")
            for (position, version) in versions.enumerated() {
                let y = groupTop + Double(position) * (barHeight + barGap)
                guard let readout = measured[index][position] else {
                    chart.label("\(version.version): not measured", x: area.left + 4, y: y + barHeight - 2,
                                classes: "label muted")
                    continue
                }
                bar(readout, phase: phase.label, version: version, y: y, in: area, chart: &chart)
            }
        }
        chart.write(to: &page, kind: "phases", title: title)
    }

    private static func bar(_ readout: PercentileReadout, phase: String, version: VersionRuns, y: Double,
                            in area: PlotArea, chart: inout SVGChart) {
        let median = area.x(Double(readout.p50) / 1_000)
        let tail = area.x(Double(readout.p99) / 1_000)
        let middle = y + barHeight / 2
        let p50 = CellText.milliseconds(Double(readout.p50)), p99 = CellText.milliseconds(Double(readout.p99))
        chart.bar(x: area.left, y: y, width: median - area.left, height: barHeight, classes: version.side.cssClass,
                  tooltip: "\(version.version) \(phase): p50 \(p50), p90 \(CellText.milliseconds(Double(readout.p90))), "
                      + "p99 \(p99), mean \(CellText.milliseconds(readout.mean)) (\(readout.count) requests)")
        chart.path("M\(SVGNumber.text(median)) \(SVGNumber.text(middle))H\(SVGNumber.text(tail))"
            + "M\(SVGNumber.text(tail)) \(SVGNumber.text(y + 2))V\(SVGNumber.text(y + barHeight - 2))",
            classes: "whisker " + version.side.cssClass)
        chart.label("\(p50) / \(p99)", x: tail + 6, y: y + barHeight - 2)
    }
}
