/// Numbers in SVG attributes: one decimal place is a tenth of a pixel in the chart's viewBox,
/// finer than a screen shows, and keeps a report with dozens of charts small. Written without
/// `String(format:)`, which costs more than the rest of drawing a chart.
enum SVGNumber {
    /// `value` rounded to one decimal, without a trailing `.0`: `12`, `12.5`, `-0.3`.
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let whole = String(abs(tenths) / 10)
        let fraction = abs(tenths) % 10
        let sign = tenths < 0 ? "-" : ""
        return fraction == 0 ? sign + whole : sign + whole + "." + String(fraction)
    }
}
