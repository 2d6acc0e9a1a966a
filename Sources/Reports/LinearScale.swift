/// Maps a data interval linearly onto a pixel interval. For a y axis, `from` is the bottom
/// pixel and `to` the top one, since SVG's y runs downwards.
struct LinearScale {
    /// The data values at the two ends.
    let domain: ClosedRange<Double>
    /// The pixel positions of `domain.lowerBound` and `domain.upperBound`.
    let from: Double, to: Double

    /// The pixel position of `value`; values outside the domain land outside the range.
    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return from }
        return from + (value - domain.lowerBound) / span * (to - from)
    }
}
