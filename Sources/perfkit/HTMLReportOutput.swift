import ArgumentParser
import Foundation
import LoadEngine
import Recording
import Reports

/// Where `compare --format html` and `report` put their page: the file `--output` names, else
/// stdout (for `> report.html` or a pipe).
enum HTMLReportOutput {
    /// Writes the comparison's report, then ends with exit code 1 when it found a regression, as
    /// `compare` does. Written to a file, stdout gets `terminalSummary` (the text table) instead,
    /// so a CI log shows the verdict without opening the page.
    static func writeComparison(_ outcome: ComparisonOptions.Outcome, to output: String?,
                                terminalSummary: String) throws {
        let comparison = outcome.comparison
        let html = ComparisonReport.html(comparison, baseline: outcome.baseline, current: outcome.current,
                                         origin: origin())
        try deliver(html, to: output, terminalSummary: terminalSummary)
        if comparison.hasRegression { throw ExitCode(PerfkitExitCode.targetMissed.rawValue) }
    }

    /// Writes `html` to `output`, or to stdout when nil; after writing a file, prints
    /// `terminalSummary` when given and the file's path.
    static func deliver(_ html: String, to output: String?, terminalSummary: String? = nil) throws {
        guard let output else {
            print(html, terminator: "")
            return
        }
        try OutputFile.write(Data(html.utf8), to: output)
        if let terminalSummary { print(terminalSummary) }
        print("HTML report written to \(output)")
    }

    /// This invocation, for the report's footer: the command line as it could be typed again.
    static func origin() -> ReportOrigin {
        let words = ["perfkit"] + CommandLine.arguments.dropFirst().map(shellQuoted)
        return ReportOrigin(command: words.joined(separator: " "), perfkitVersion: PerfkitVersion.current,
                            generatedAt: Date())
    }

    /// `word` as a POSIX shell reads it back: bare when it holds only safe characters, else in
    /// single quotes.
    private static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
