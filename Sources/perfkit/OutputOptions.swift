import ArgumentParser
import Foundation
import Recording

/// Where and how a command reports.
struct OutputOptions: ParsableArguments {
    /// Report formats.
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @Option(help: "Summary format on stdout: text or json.")
    var format: Format = .text

    @Option(name: [.customShort("o"), .long], help: "Also write the JSON summary to this file.")
    var output: String?

    @Flag(name: [.customShort("q"), .long], help: "No progress lines.")
    var quiet = false

    /// Prints each run's text summary (`render` makes it) unless the format is JSON.
    func presenter<Summary>(_ render: @escaping @Sendable (Summary, PerfkitExitCode) -> String)
        -> @Sendable (Summary, PerfkitExitCode) throws -> Void {
        let format = format
        return { summary, code in if format == .text { try StandardOutput.print(render(summary, code)) } }
    }

    /// The runs' JSON summary: one object for one run, an array for `--repeat`; on stdout with
    /// `--format json` and in the `--output` file.
    func emit<Summary: Encodable>(_ summaries: [Summary]) throws {
        guard format == .json || output != nil else { return }
        let json: Data
        do {
            json = summaries.count == 1 ? try RunSummary.encoder.encode(summaries[0]) : try RunSummary.encoder.encode(summaries)
        } catch {
            throw CommandFailure(code: .couldNotRun, message: "cannot encode the summary: \(error)")
        }
        if format == .json { try StandardOutput.print(String(decoding: json, as: UTF8.self)) }
        if let output { try OutputFile.write(json, to: output) }
    }
}
