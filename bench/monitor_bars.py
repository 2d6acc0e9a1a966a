#!/usr/bin/env python3
"""Measures perfkit monitor against its bars: no false breach on a healthy demo target, and how
soon an error rate raised mid-run fails the monitor (probing, and through Prometheus)."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from servers import DemoTarget, Prometheus, stop  # noqa: E402

THRESHOLDS = "error_rate:0.05,latency_p95:1000ms"


def monitor_lines(arguments):
    """Starts perfkit monitor with JSON lines; returns the process."""
    return subprocess.Popen(arguments + ["--format", "json", "--no-store"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)


def soak(options, demo):
    """Healthy runs: any exit but 0 is a false breach. Also the worst values seen, for the headroom."""
    false_breaches, worst_error, worst_p95 = 0, 0.0, 0.0
    for run in range(options.runs):
        process = monitor_lines([options.perfkit, "monitor", demo.base + "/api/signals", "--duration", f"{options.seconds}s",
                                 "--window", f"{options.soak_window}s", "--threshold", THRESHOLDS])
        for line in process.stdout:
            event = json.loads(line)
            for reading in event.get("thresholds", []):
                value = reading.get("value")
                if isinstance(value, (int, float)):
                    if reading["key"] == "error_rate":
                        worst_error = max(worst_error, value)
                    else:
                        worst_p95 = max(worst_p95, value)
        code = process.wait()
        false_breaches += code != 0
        print(f"  soak run {run + 1:2}/{options.runs}: exit {code}", flush=True)
    print(f"no false breach bar: {false_breaches} false breaches in {options.runs} runs of {options.seconds}s "
          f"(window {options.soak_window}s, no --for; worst window: error_rate {worst_error:.2%}, "
          f"latency_p95 {worst_p95 * 1000:.2f}ms against 5% and 1000ms)", flush=True)


def time_detection(demo, arguments):
    """Starts a monitor, raises the error rate to 50% once it judged a healthy evaluation, and returns
    the seconds from the fault to the monitor's exit, with the exit code."""
    process = monitor_lines(arguments)
    try:
        if not any(json.loads(line).get("state") == "ok" for line in process.stdout):
            raise SystemExit(f"the monitor ended without a healthy evaluation (exit {process.wait()})")
        demo.control("error-rate", 0.5)
        fault = time.monotonic()
        for _ in process.stdout:
            pass
        code = process.wait(timeout=120)
        return time.monotonic() - fault, code
    finally:
        stop(process)
        demo.control("error-rate", 0)


def detection(options, demo, mode, window, sustain, extra):
    bar = sustain + window + 2
    delays = []
    for trial in range(options.trials):
        # Prometheus' range still holds the last trial's errors for a window's length.
        time.sleep(window + 2 if mode == "prometheus" else 0)
        delay, code = time_detection(demo, extra)
        if code != 1:
            print(f"  {mode} trial {trial + 1}: exit {code}, expected 1", flush=True)
        delays.append(delay)
    print(f"detection, {mode}, window {window}s, --for {sustain}s: fault to exit 1 in "
          f"median {statistics.median(delays):.2f}s, max {max(delays):.2f}s over {options.trials} trials "
          f"(bar {bar}s: max is {bar - max(delays):.2f}s inside it)", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--soak-window", type=int, default=10)
    parser.add_argument("--trials", type=int, default=5)
    options = parser.parse_args()
    started = time.time()
    demo = DemoTarget(options.perfkit)
    prometheus = traffic = None
    try:
        soak(options, demo)
        for window, sustain in ((2, 2), (10, 5)):
            detection(options, demo, "probe", window, sustain,
                      [options.perfkit, "monitor", demo.base + "/api/signals", "--duration", "120s", "--window", f"{window}s",
                       "--for", f"{sustain}s", "--threshold", "error_rate:0.05"])
        prometheus = Prometheus([demo])
        traffic = subprocess.Popen([options.perfkit, "latency", demo.base + "/api/signals", "--rate", "50", "--duration", "1h",
                                    "--no-store", "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for window, sustain in ((5, 2), (10, 5)):
            query = (f'errors=(sum(rate(http_requests_total{{status=~"5.."}}[{window}s])) or vector(0))'
                     f' / sum(rate(http_requests_total[{window}s]))')
            detection(options, demo, "prometheus", window, sustain,
                      [options.perfkit, "monitor", "--prometheus", prometheus.base, "--duration", "120s", "--for", f"{sustain}s",
                       "--query", query, "--threshold", "errors:0.05"])
    finally:
        if traffic:
            stop(traffic)
        if prometheus:
            prometheus.stop()
        stop(demo.process)
    print(f"({time.time() - started:.0f}s)")


if __name__ == "__main__":
    main()
