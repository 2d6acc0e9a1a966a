import Units

extension Metric {
    /// The metric whose name is nearest to `name` if it is within two edits (ties go to the
    /// earlier metric), for "did you mean p99?".
    static func closest(to name: String) -> Metric? {
        Suggestion.closest(to: name, among: Metric.allCases.map(\.rawValue)).flatMap(Metric.init(rawValue:))
    }
}
