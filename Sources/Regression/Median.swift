/// The median of `values` (mean of the two middle values for an even count), nil when empty.
/// The median rather than the mean, so one disturbed run does not move a version's value.
func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
}
