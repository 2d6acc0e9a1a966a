extension ErrorKind {
    /// `counts` keyed by kind name, every kind present (0 for those that did not occur): the
    /// `errors` map of the JSON summaries, so a reader finds each documented key in every run.
    public static func countsByName(_ counts: [ErrorKind: Int]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, counts[$0] ?? 0) })
    }
}
