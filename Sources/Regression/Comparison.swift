/// The outcome of comparing a current version with a baseline version: one row per
/// (scenario, step, metric), regressions first, and what the reader must know to trust it.
public struct Comparison: Codable, Equatable, Sendable {
    /// The baseline version (several joined by ", " if the runs given carried more than one).
    public var baselineVersion: String
    /// The current version, likewise.
    public var currentVersion: String
    /// The thresholds applied.
    public var thresholds: Thresholds
    /// Significance level: a p-value at or below it is significant.
    public var alpha: Double
    /// Regressions first, then improvements, then the rest, each group in (scenario, step,
    /// metric) order.
    public var rows: [ComparisonRow]
    /// Set when the two versions were measured on different machines, naming both.
    public var hostWarning: String?
    /// Things the reader should know that belong to no single row (runs left out, nothing in common).
    public var notes: [String]
    /// Runs not compared because they did not complete.
    public var leftOutRuns: [LeftOutRuns]

    /// Creates a comparison.
    public init(baselineVersion: String, currentVersion: String, thresholds: Thresholds, alpha: Double,
                rows: [ComparisonRow], hostWarning: String?, notes: [String], leftOutRuns: [LeftOutRuns]) {
        self.baselineVersion = baselineVersion
        self.currentVersion = currentVersion
        self.thresholds = thresholds
        self.alpha = alpha
        self.rows = rows
        self.hostWarning = hostWarning
        self.notes = notes
        self.leftOutRuns = leftOutRuns
    }

    /// The rows whose verdict is `regression`.
    public var regressions: [ComparisonRow] { rows.filter { $0.verdict == .regression } }

    /// Whether any (scenario, step) was measured in both versions. A gate that compared
    /// nothing has not passed: a renamed path or a mislabelled run looks like this.
    public var comparesAnyStep: Bool { rows.contains { $0.presence == .both } }

    /// Whether any row regressed: the gate fails (exit code 1).
    public var hasRegression: Bool { rows.contains { $0.verdict == .regression } }

    private enum CodingKeys: String, CodingKey {
        case alpha, thresholds, rows, notes
        case baselineVersion = "baseline_version"
        case currentVersion = "current_version"
        case hostWarning = "host_warning"
        case leftOutRuns = "left_out_runs"
        case hasRegression = "has_regression"
    }

    /// Creates a comparison from its JSON form; `has_regression` is derived from the rows, not read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        baselineVersion = try container.decode(String.self, forKey: .baselineVersion)
        currentVersion = try container.decode(String.self, forKey: .currentVersion)
        thresholds = try container.decode(Thresholds.self, forKey: .thresholds)
        alpha = try container.decode(Double.self, forKey: .alpha)
        rows = try container.decode([ComparisonRow].self, forKey: .rows)
        hostWarning = try container.decodeIfPresent(String.self, forKey: .hostWarning)
        notes = try container.decode([String].self, forKey: .notes)
        leftOutRuns = try container.decode([LeftOutRuns].self, forKey: .leftOutRuns)
    }

    /// Encodes every key (absent values as `null`) plus `has_regression`, so CI scripts can gate
    /// on one field.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(baselineVersion, forKey: .baselineVersion)
        try container.encode(currentVersion, forKey: .currentVersion)
        try container.encode(thresholds, forKey: .thresholds)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(rows, forKey: .rows)
        try container.encode(hostWarning, forKey: .hostWarning)
        try container.encode(notes, forKey: .notes)
        try container.encode(leftOutRuns, forKey: .leftOutRuns)
        try container.encode(hasRegression, forKey: .hasRegression)
    }
}
