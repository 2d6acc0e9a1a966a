import ArgumentParser
import Baselines
import Foundation
import LoadEngine
import Recording

/// The `perfkit` command.
@main
struct Perfkit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perfkit",
        abstract: "Load, latency and regression testing for HTTP services.",
        discussion: """
            Open-model runs measure latency from each request's intended send time, so a
            stalled server shows up in the percentiles (coordinated-omission correct).

            Examples:
              perfkit demo
              perfkit latency http://127.0.0.1:8083/api/signals --duration=300 --rate=50 --target-p95=500ms
              perfkit throughput http://127.0.0.1:8083/healthz --duration=300 --target-rps=100
              perfkit load http://127.0.0.1:8083/api/prices/EURUSD --max-rps=200 --ramp=300
              perfkit flow scenarios/trading-flow.yaml --iterations=100
              perfkit monitor http://127.0.0.1:8083/api/signals --duration=300 --threshold=error_rate:0.05,latency_p95:1000ms
              perfkit monitor-canary --duration=2h --baseline http://10.0.0.5:8083/api/signals --canary http://10.0.0.6:8083/api/signals
              perfkit compare --baseline-version=v1.2.2 --current-version=v1.2.3 --threshold=10
              perfkit gate --baseline-version=v1.2.2 --current-version=v1.2.3 -- latency http://127.0.0.1:8083/api/signals --duration=60
              perfkit report --baseline-version=v1.2.2 --current-version=v1.2.3 --output report.html
              perfkit serve --port 8083
            """,
        version: PerfkitVersion.current,
        subcommands: [
            LatencyCommand.self, ThroughputCommand.self, LoadCommand.self, RunScenarioCommand.self, MonitorCommand.self,
            CanaryCommand.self, CompareCommand.self, GateCommand.self, CheckCommand.self, ReportCommand.self, BaselinesCommand.self, ServeCommand.self, DemoCommand.self,
        ]
    )

    /// The short options that take a value.
    private static let shortOptionsWithValues: Set<Character> = ["c", "H", "o"]

    /// A short option's value written onto it, as getopt reads it and wrk, h2load and curl users
    /// write it (`-c64`, `-HX-Trace:1`), split off (`-c 64`): ArgumentParser would read `-c64`
    /// as the flags `c`, `6` and `4` and take the next argument as the count.
    static func separatingAttachedValues(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument in
            let characters = Array(argument.prefix(3))
            guard characters.count == 3, characters[0] == "-", shortOptionsWithValues.contains(characters[1]) else { return [argument] }
            return [String(argument.prefix(2)), String(argument.dropFirst(2))]
        }
    }

    /// Parses and runs like ArgumentParser's own `main`, but maps failures onto perfkit's
    /// exit codes: usage errors exit 2 (not 64), and `CommandFailure` carries its own code.
    static func main() async {
        do {
            var command = try parseAsRoot(separatingAttachedValues(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            printError(failure.engineError?.flagMessage ?? failure.message)
            Foundation.exit(failure.code.rawValue)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            guard status != .success else { exit(withError: error) }
            FileHandle.standardError.write(Data((Redaction.redactURLs(in: fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(PerfkitExitCode.badInput.rawValue)
        }
    }
}
