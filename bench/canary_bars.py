#!/usr/bin/env python3
"""Measures perfkit canary against the issue's bars: identical versions promote, a canary 30% slower
or failing 5% of requests is rolled back at the end of the first interval, a slowdown shared by both
versions mid-run promotes; probing, then through Prometheus queries with {{group}} selectors."""
import argparse
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from servers import DemoTarget, Prometheus, stop  # noqa: E402

LATENCY_MS, JITTER_MS = 20, 4
# What the Prometheus mode judges: the demo target's own series, per version group.
QUERIES = [
    "mean_latency=sum(rate(http_request_duration_seconds_sum{{{group}}}[2s]))"
    " / sum(rate(http_request_duration_seconds_count{{{group}}}[2s]))",
    'errors=(sum(rate(http_requests_total{{{group}},status=~"5.."}[2s])) or vector(0))'
    " / sum(rate(http_requests_total{{{group}}}[2s]))",
]


def version(perfkit, name, slower=1.0, errors=0.0):
    """One version of the demo target: 20 ms (+ up to 4 ms jitter), times `slower`, failing `errors` of requests."""
    return DemoTarget(perfkit, name, ["--version", name, "--latency", f"{LATENCY_MS * slower}ms",
                                      "--jitter", f"{JITTER_MS * slower}ms", "--error-rate", str(errors)])


def prometheus_flags(prometheus, baseline, canary):
    """The canary's flags for judging `baseline` against `canary` through `prometheus`."""
    flags = ["--prometheus", prometheus.base, "--metrics", "mean_latency,errors",
             "--baseline-group", f'version="{baseline.name}"', "--canary-group", f'version="{canary.name}"']
    for query in QUERIES:
        flags += ["--query", query]
    return flags


def canary(options, baseline, canary_version, extra, on_first_interval=None):
    """Runs one canary with JSON lines; returns (exit code, interval rolled back at or None, seconds taken)."""
    arguments = [options.perfkit, "canary", "--baseline", baseline.base + "/api/signals",
                 "--canary", canary_version.base + "/api/signals", "--duration", f"{options.interval * options.intervals}s",
                 "--interval", f"{options.interval}s", "--rate", str(options.rate), "--format", "json", "--no-store"] + extra
    started = time.monotonic()
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rolled_back_at = None
    try:
        for line in process.stdout:
            event = json.loads(line)
            if event.get("type") == "interval" and event.get("interval") == 1 and on_first_interval:
                on_first_interval()
            if event.get("type") == "result":
                rolled_back_at = event.get("rolled_back_at_interval")
        code = process.wait(timeout=options.interval * options.intervals + 60)
    finally:
        stop(process)
    if code not in (0, 1):
        print(f"    exit {code}: {process.stderr.read().strip()}", flush=True)
    return code, rolled_back_at, time.monotonic() - started


def bar(options, mode, name, tries, run, expect_rollback):
    """Runs `tries` canaries and prints the tally against the bar."""
    rollbacks, first_interval, worst_seconds = 0, 0, 0.0
    for attempt in range(tries):
        code, at, seconds = run()
        rollbacks += code == 1
        first_interval += at == 1
        if at == 1:
            worst_seconds = max(worst_seconds, seconds)
        print(f"  {mode} {name} {attempt + 1:2}/{tries}: exit {code}" + (f", rolled back at interval {at}" if at else ""),
              flush=True)
    if expect_rollback:
        print(f"{mode}, {name}: rolled back at the end of the first interval in {first_interval} of {tries} "
              f"(bar: every one; slowest exit {worst_seconds:.1f}s after the start, interval {options.interval}s)", flush=True)
    else:
        print(f"{mode}, {name}: {rollbacks} rollbacks in {tries} canaries of {options.intervals} x {options.interval}s", flush=True)


def verdicts(options, mode, versions, extra):
    baseline, twin, slower, failing = versions
    bar(options, mode, "identical versions", options.identical,
        lambda: canary(options, baseline, twin, extra(baseline, twin)), expect_rollback=False)
    bar(options, mode, "canary 30% slower", options.tries,
        lambda: canary(options, baseline, slower, extra(baseline, slower)), expect_rollback=True)
    bar(options, mode, "canary failing 5%", options.tries,
        lambda: canary(options, baseline, failing, extra(baseline, failing)), expect_rollback=True)

    def shared():
        # Both versions 50% slower from the end of the first interval, back to normal after.
        slow = lambda: [v.control("slowdown", 1.5) for v in (baseline, twin)]  # noqa: E731
        try:
            return canary(options, baseline, twin, extra(baseline, twin), on_first_interval=slow)
        finally:
            for served in (baseline, twin):
                served.control("slowdown", 1)
    bar(options, mode, "shared 50% slowdown mid-run", options.tries, shared, expect_rollback=False)


def cpu_hogs(count):
    """Busy-loop processes, for a loaded machine."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--identical", type=int, default=20)
    parser.add_argument("--tries", type=int, default=10)
    parser.add_argument("--interval", type=int, default=10)
    parser.add_argument("--intervals", type=int, default=4)
    parser.add_argument("--rate", type=int, default=50)
    parser.add_argument("--cpu-load", type=int, default=0, help="busy-loop processes to run beside it")
    parser.add_argument("--no-prometheus", action="store_true")
    options = parser.parse_args()
    # Stopped by its PID (SIGTERM), it still stops what it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    versions, hogs, prometheus = [], [], None
    try:
        versions = [version(options.perfkit, "v1.2.2"), version(options.perfkit, "v1.2.2-twin"),
                    version(options.perfkit, "v1.2.3-slower", slower=1.3), version(options.perfkit, "v1.2.3-failing", errors=0.05)]
        hogs = cpu_hogs(options.cpu_load)
        print(f"rate {options.rate}/s per version, {options.intervals} intervals of {options.interval}s, "
              f"{options.cpu_load} busy-loop processes beside", flush=True)
        verdicts(options, "probing", versions, lambda baseline, canary_version: [])
        if not options.no_prometheus:
            prometheus = Prometheus(versions)
            # The probes still send the traffic Prometheus sees; only the queries are judged.
            verdicts(options, "prometheus", versions, lambda b, c: prometheus_flags(prometheus, b, c))
    finally:
        for process in hogs:
            stop(process)
        if prometheus:
            prometheus.stop()
        for served in versions:
            stop(served.process)
    print(f"({time.time() - started:.0f}s)")


if __name__ == "__main__":
    main()
