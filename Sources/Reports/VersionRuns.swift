import Baselines
import Histograms

/// One version's runs of one (scenario, step), as a report draws them.
struct VersionRuns {
    /// Which side of a comparison the version is on; it picks the version's colour.
    enum Side {
        case baseline
        case current

        /// The CSS class that colours this side's lines and bars.
        var cssClass: String {
            switch self {
            case .baseline: "base"
            case .current: "cur"
            }
        }
    }

    /// The version's name.
    let version: String
    let side: Side
    /// Every run, in start order: each gets a timeline and a line in the run table.
    let runs: [RunRecord]
    /// Whether only completed runs go into the percentile and phase charts, as in a comparison,
    /// whose table compares only those; a single-run report charts its run whatever its status.
    let chartsCompletedOnly: Bool

    /// The runs whose histograms are merged into the percentile and phase charts.
    var charted: [RunRecord] { runs.filter(isCharted) }

    /// Whether `run` goes into the percentile and phase charts.
    func isCharted(_ run: RunRecord) -> Bool {
        !chartsCompletedOnly || run.status == .completed
    }

    /// The charted runs' histograms of `metric` merged into one; nil when none has values.
    func merged(_ metric: String) -> HistogramSnapshot? {
        HistogramSnapshot.merged(charted.compactMap { $0.histograms[metric] }).flatMap { $0.totalCount > 0 ? $0 : nil }
    }

    /// `3 runs`, `1 run`.
    static func count(_ runs: Int) -> String {
        "\(runs) run\(runs == 1 ? "" : "s")"
    }
}
