import Baselines
import Units

/// A run second by second, in three panels over one time axis: achieved rate (with the
/// intended rate dashed, so a ramp shows as a ramp), p95 latency, and errors per second.
enum TimelineChart {
    private static let width = 640.0, height = 300.0
    private static let left = 60.0, right = 16.0, top = 26.0, bottom = 42.0, gap = 22.0
    /// Points drawn per line: past this, seconds are merged.
    private static let pointLimit = 240
    /// Hover areas per chart, each with the values of its stretch.
    private static let bandLimit = 40

    /// Draws the timeline of `run`, coloured as its version's `side`, into `page`.
    static func write(_ run: RunRecord, side: VersionRuns.Side, to page: inout Markup) {
        var chart = SVGChart(width: width, height: height)
        let title = "Timeline of run \(RunTable.name(run)) of \(run.version)"
        let bins = TimelineBin.bins(run.series, limit: pointLimit)
        guard let last = bins.last else {
            chart.label("no timeline recorded", x: width / 2, y: height / 2, anchor: "middle", classes: "empty-note")
            chart.write(to: &page, kind: "timeline empty", title: title)
            return
        }
        let duration = last.end
        let panelHeight = (height - top - bottom - 2 * gap) / 3
        func panel(_ index: Int, maximum: Double) -> (PlotArea, [Tick]) {
            let ticks = AxisTicks.upTo(maximum, count: 2)
            let area = PlotArea(left: left, top: top + Double(index) * (panelHeight + gap), width: width - left - right,
                                height: panelHeight, xDomain: 0...duration, yDomain: 0...(ticks.last?.value ?? 1))
            return (area, ticks)
        }
        let middle = { (bin: TimelineBin) in (bin.start + bin.end) / 2 }

        let hasIntended = bins.contains { $0.intendedRate != nil }
        let (rateArea, rateTicks) = panel(0, maximum: bins.map { max($0.rate, $0.intendedRate ?? 0) }.max() ?? 0)
        chart.yAxis(rateArea, ticks: rateTicks, title: hasIntended ? "rate, req/s (achieved; intended dashed)" : "rate, req/s")
        if hasIntended {
            chart.line(bins.map { bin in bin.intendedRate.map { (middle(bin), $0) } }, in: rateArea,
                       classes: "intended", tooltip: "intended rate")
        }
        chart.line(bins.map { (middle($0), $0.rate) }, in: rateArea, classes: side.cssClass,
                   tooltip: "achieved rate, mean \(CellText.number(run.achievedRate)) req/s")

        let (latencyArea, latencyTicks) = panel(1, maximum: bins.compactMap(\.p95).max() ?? 0)
        chart.yAxis(latencyArea, ticks: latencyTicks, title: "p95 latency, ms")
        chart.line(bins.map { bin in bin.p95.map { (middle(bin), $0) } }, in: latencyArea, classes: side.cssClass,
                   tooltip: "p95 latency per second")
        if bins.allSatisfy({ $0.p95 == nil }) {
            chart.label("no responses", x: latencyArea.left + latencyArea.width / 2,
                        y: latencyArea.top + latencyArea.height / 2 + 4, anchor: "middle")
        }

        let (errorArea, errorTicks) = panel(2, maximum: bins.map(\.errors).max() ?? 0)
        chart.yAxis(errorArea, ticks: errorTicks, title: "errors per second")
        chart.line(bins.map { (middle($0), $0.errors) }, in: errorArea, classes: "err",
                   tooltip: "errors per second, \(run.counts.failures) in all")
        chart.xAxis(errorArea, ticks: AxisTicks.upTo(duration, count: 6), title: "seconds since start")

        let bandArea = PlotArea(left: left, top: top, width: width - left - right, height: errorArea.bottom - top,
                                xDomain: 0...duration, yDomain: 0...1)
        for band in TimelineBin.bins(run.series, limit: bandLimit) {
            chart.hoverBand(from: band.start, to: band.end, in: bandArea, tooltip: description(band))
        }
        chart.write(to: &page, kind: "timeline", title: title)
    }

    /// `10–12 s: 200 req/s (intended 200), p95 4.21 ms, 0 errors/s`.
    private static func description(_ band: TimelineBin) -> String {
        let seconds = band.end - band.start > 1
            ? "\(fixed(band.start, decimals: 0))–\(fixed(band.end, decimals: 0)) s"
            : "second \(fixed(band.start, decimals: 0))"
        let intended = band.intendedRate.map { " (intended \(CellText.number($0)))" } ?? ""
        let latency = band.p95.map { "p95 " + CellText.milliseconds($0 * 1_000) } ?? "no responses"
        return "\(seconds): \(CellText.number(band.rate)) req/s\(intended), \(latency), "
            + "\(CellText.number(band.errors)) errors/s"
    }
}
