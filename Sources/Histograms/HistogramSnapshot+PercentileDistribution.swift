import Histogram

extension HistogramSnapshot {
    /// The histogram in HdrHistogram's percentile-distribution text (`.hgrm`), as Java's and C's
    /// `outputPercentileDistribution` write it, so existing plotters read it: a header line,
    /// one row per percentile step (5 steps per halving of the distance to 100%), the last row
    /// at percentile 1.0, then the `#[Mean …]`, `#[Max …]` and `#[Buckets …]` footer.
    ///
    /// - Parameter unitRatio: what recorded values are divided by before printing; the default
    ///   1000 turns perfkit's microseconds into milliseconds, the unit plotters assume.
    public func percentileDistribution(unitRatio: Double = 1000) -> String {
        var text = ""
        // The Swift port writes the same format, column widths and footer as the reference
        // implementations; rebuilding the histogram keeps the rows exactly its iteration.
        histogram().outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: unitRatio,
                                                 percentileTicksPerHalfDistance: 5)
        return text
    }
}
