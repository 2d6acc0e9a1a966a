import Foundation
import Testing

/// Bad input never runs: exit code 2 and a message naming the flag and what is wrong.
@Suite(.serialized) struct BadInputTests {
    @Test(arguments: [
        (["latency", "http://127.0.0.1:1/", "--duration=abc"], "--duration", "'abc' is not a duration"),
        (["latency", "http://127.0.0.1:1/", "--duration=5d"], "--duration", "unknown unit 'd'"),
        (["latency", "http://127.0.0.1:1/", "--target-p95=fast"], "--target-p95", "'fast' is not a duration"),
        (["latency", "http://127.0.0.1:1/", "--rate=0"], "--rate", "must be more than 0"),
        (["latency", "http://127.0.0.1:1/", "--header", "NoColon"], "--header", "must look like 'Name: value'"),
        (["latency", "http://127.0.0.1:1/", "--max-error-rate=150%"], "--max-error-rate", "not a proportion"),
        (["latency", "http://127.0.0.1:1/", "--body", "x", "--body-file", "/tmp/x"], "--body", "cannot be used together"),
        (["throughput", "http://127.0.0.1:1/", "--duration=10"], "--target-rps", "required"),
        (["load", "http://127.0.0.1:1/", "--ramp=300"], "--max-rps", "required"),
        (["load", "http://127.0.0.1:1/", "--stage", "30s"], "--stage", "DURATION:RATE"),
        (["latency", "http://127.0.0.1:1/", "--connections=0"], "--connections", "at least 1"),
        (["latency", "--duration=1"], "no target URL", "PERFKIT_TARGET"),
        (["latency", "ftp://127.0.0.1/", "--duration=1"], "ftp://127.0.0.1/", "only http:// and https://"),
        (["latency", "http://127.0.0.1:1/", "--body-file", "/nonexistent/body.json"], "--body-file", "cannot be read"),
        (["latency", "http://127.0.0.1:1/", "--bogus"], "--bogus", "Unknown option"),
        (["serve", "--stall-every", "1s", "--stall-for", "2s"], "--stall-for", "shorter than --stall-every"),
        (["latency", "http://127.0.0.1:1/", "--repeat", "0"], "--repeat", "at least 1"),
        (["compare", "--baseline-version=a", "--current-version=b", "--alpha=2"], "--alpha", "between 0 and 1"),
        (["compare", "--baseline-version=a", "--current-version=b", "--metrics=p42"], "--metrics", "unknown metric 'p42'"),
        (["compare", "--baseline-version=a", "--current-version=b", "--threshold=p9=5"], "--threshold", "p9"),
        (["compare", "--current-version=b"], "--baseline-version", "Missing expected argument"),
        (["compare", "--baseline-version=a\u{1B}[2J", "--current-version=b"], "--baseline-version", "contains control characters"),
        (["compare", "--baseline-version=a", "--current-version=b", "--format=pdf"], "--format", "pdf"),
        (["report", "--current-version=b"], "--baseline-version", "or --run ID"),
        (["report", "--run=1", "--baseline-version=a"], "--run", "without --baseline-version"),
        (["report", "--baseline-version=a", "--current-version=b", "--alpha=0"], "--alpha", "between 0 and 1"),
        (["baselines", "import", "/nonexistent/export.json"], "/nonexistent/export.json", "cannot be read"),
        (["latency", "http://127.0.0.1:1/", "--transport=quic"], "--transport", "quic"),
        (["latency", "https://127.0.0.1:1/", "--cacert=/nonexistent/ca.pem"], "--cacert '/nonexistent/ca.pem'", "not a readable file"),
        (["latency", "https://127.0.0.1:1/", "--cacert=/tmp"], "--cacert '/tmp'", "not a readable file"),
        (["latency", "https://127.0.0.1:1/", "--cacert=Package.swift"], "--cacert 'Package.swift'", "holds no certificate"),
        (["latency", "https://127.0.0.1:1/", "--cacert=/tmp/no\nsuch"], "--cacert '/tmp/no\\nsuch'", "not a readable file"),
        (["latency", "http://127.0.0.1:1/", "--threads=0"], "--threads", "at least 1"),
        (["throughput", "https://127.0.0.1:1/", "--max", "--http2", "--streams=0"], "--streams", "at least 1"),
        (["throughput", "https://127.0.0.1:1/", "--max", "--http2", "--streams=1001"], "--streams", "at most 1000"),
        (["throughput", "https://127.0.0.1:1/", "--max", "--streams=10"], "--streams 10", "needs --http2"),
        (["throughput", "https://127.0.0.1:1/", "--max", "--http2", "-c", "64", "--streams=1000"],
         "--connections 64 × --streams 1000", "at most 20000"),
        (["run", "scenarios/trading-flow.yaml", "--streams=2"], "--streams 2", "needs --http2"),
        (["run", "scenarios/trading-flow.yaml", "--transport=native", "--http2"], "--transport native", "--http2"),
        (["run", "scenarios/trading-flow.yaml", "--iterations=0"], "--iterations", "at least 1"),
        (["run", "scenarios/trading-flow.yaml", "--vus=0"], "--vus", "at least 1"),
        (["run", "scenarios/trading-flow.yaml", "--rate=5"], "--rate", "this one runs 100 iterations"),
        (["run", "scenarios/trading-flow.yaml", "--iterations=5", "--duration=5s"], "--iterations and --duration", "give one"),
        (["run", "scenarios/trading-flow.yaml", "--target=ftp://x/"], "--target", "only http:// and https://"),
        (["monitor", "http://127.0.0.1:1/", "--threshold", "eror_rate:1%"], "--threshold 'eror_rate:1%'", "did you mean error_rate?"),
        (["monitor", "http://127.0.0.1:1/", "--threshold=latency_p95:soon"], "--threshold 'latency_p95:soon'", "not a duration"),
        (["monitor", "http://127.0.0.1:1/"], "--threshold", "at least one"),
        (["monitor", "--threshold", "latency_p95:1s"], "--threshold latency_p95", "give the URL to probe"),
        (["monitor", "http://127.0.0.1:1/", "--threshold", "error_rate:1%", "--window", "10m"], "--window", "never fill"),
        (["monitor", "http://127.0.0.1:1/", "--threshold", "error_rate:1%", "--window", "1.5s"], "--window", "whole number of seconds"),
        (["monitor", "--prometheus", "http://127.0.0.1:1", "--query", "x", "--threshold", "x:1"], "--query 'x'", "NAME='PromQL'"),
        (["monitor", "--query", "x=up", "--threshold", "x:1"], "--query", "needs --prometheus"),
        (["monitor", "--prometheus", "http://127.0.0.1:1", "--query", "x=up", "--query", "y=up", "--threshold", "x:1"],
         "--query y", "not judged by any --threshold"),
        (["latency", "http://127.0.0.1:1/", "--metrics-listen", "9464"], "--metrics-listen '9464'", "HOST:PORT"),
    ])
    func badInputExitsTwoNamingTheProblem(arguments: [String], names: String, says: String) async throws {
        let outcome = try await PerfkitBinary.run(arguments, timeout: .seconds(20))
        #expect(outcome.exitCode == 2, "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains(names), "stderr: \(outcome.stderr)")
        #expect(outcome.stderr.contains(says), "stderr: \(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func helpHasAnExampleAndExitsZero() async throws {
        for command in ["latency", "throughput", "load", "monitor", "canary", "serve", "demo", "report"] {
            let outcome = try await PerfkitBinary.run([command, "--help"])
            #expect(outcome.exitCode == 0)
            #expect(outcome.stdout.contains("Example"), "\(command) --help has no example")
            #expect(outcome.stdout.contains("perfkit \(command)"))
        }
    }

    @Test func versionPrintsAndExitsZero() async throws {
        let outcome = try await PerfkitBinary.run(["--version"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
