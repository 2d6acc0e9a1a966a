import ArgumentParser

/// `--dry-run`, shared by the load commands: what a Kubernetes manifest's test runs to check
/// its command lines, and what a user runs to see the plan of a segment.
struct DryRunOption: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Check every argument and input file as a run would, print the plan (target, load, this segment's share, start) and exit; contacts nothing, stores nothing.")
    var enabled = false
}
