import ArgumentParser

/// Where and how a command reports.
struct OutputOptions: ParsableArguments {
    /// Report formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Summary format on stdout: text or json.")
    var format: Format = .text

    @Option(name: [.customShort("o"), .long], help: "Also write the JSON summary to this file.")
    var output: String?

    @Flag(name: [.customShort("q"), .long], help: "No progress lines.")
    var quiet = false

    /// The parsed values, for code that runs without a command line (`perfkit demo`).
    var settings: ReportSettings { ReportSettings(format: format, outputPath: output, quiet: quiet) }
}

/// How a run is reported, independent of flag parsing.
struct ReportSettings: Sendable {
    var format: OutputOptions.Format = .text
    var outputPath: String? = nil
    var quiet = false
    /// Whether the text summary is printed (the demo's gate runs only show the comparison).
    var printsSummary = true
}
