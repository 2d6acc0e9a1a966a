/// "Did you mean …?" for a misspelt name.
public enum Suggestion {
    /// The candidate nearest to `name` (case-insensitive) if it is within `maximumEdits` edits
    /// (ties go to the earlier candidate).
    public static func closest(to name: String, among candidates: [String], maximumEdits: Int = 2) -> String? {
        let lowered = name.lowercased()
        let ranked = candidates.map { (candidate: $0, distance: editDistance(lowered, $0.lowercased())) }
        guard let best = ranked.min(by: { $0.distance < $1.distance }), best.distance <= maximumEdits else { return nil }
        return best.candidate
    }

    /// Levenshtein distance between two strings: insertions, deletions and substitutions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                row[j] = Swift.min(previous[j] + 1, row[j - 1] + 1, substitution)
            }
            previous = row
        }
        return previous[b.count]
    }
}
