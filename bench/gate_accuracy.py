#!/usr/bin/env python3
"""Counts the regression gate's false positives and detections against demo targets on loopback."""
import argparse
import os
import re
import subprocess
import tempfile
import time


class DemoTarget:
    """`perfkit serve` on a free loopback port, stopped by PID."""

    def __init__(self, perfkit, latency):
        self.process = subprocess.Popen([perfkit, "serve", "--port", "0", "--latency", latency, "--jitter", "1ms"],
                                        stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if not match:
            self.stop()
            raise SystemExit(f"demo target did not start: {line!r}")
        self.url = match.group(1) + "/api/signals"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def record(perfkit, store, url, version, runs, seconds):
    subprocess.run([perfkit, "latency", url, "--duration", f"{seconds}s", "--rate", "200", "-q", "--store", store,
                    "--version", version, "--scenario", "gate", "--repeat", str(runs)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def gate(perfkit, store, baseline, current):
    """Returns compare's exit code (0 no regression, 1 regression)."""
    return subprocess.run([perfkit, "compare", f"--baseline-version={baseline}", f"--current-version={current}",
                           "--threshold=10", "--store", store], stdout=subprocess.DEVNULL).returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=3)
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="perfkit-gate-")
    store = os.path.join(folder, "gate.sqlite")
    started = time.time()
    steady = DemoTarget(options.perfkit, "5ms")
    slowed = DemoTarget(options.perfkit, "6500us")
    try:
        for runs in (1, 3):
            false_positives = 0
            for pair in range(options.pairs):
                record(options.perfkit, store, steady.url, f"same-a-{runs}-{pair}", runs, options.seconds)
                record(options.perfkit, store, steady.url, f"same-b-{runs}-{pair}", runs, options.seconds)
                false_positives += gate(options.perfkit, store, f"same-a-{runs}-{pair}", f"same-b-{runs}-{pair}") == 1
            print(f"same server, {runs} run(s) per version: {false_positives} of {options.pairs} comparisons "
                  f"reported a regression (false positives)", flush=True)
        detected = 0
        for trial in range(options.trials):
            record(options.perfkit, store, steady.url, f"base-{trial}", 3, options.seconds)
            record(options.perfkit, store, slowed.url, f"slow-{trial}", 3, options.seconds)
            detected += gate(options.perfkit, store, f"base-{trial}", f"slow-{trial}") == 1
        print(f"30% slowdown, 3 runs per version: detected in {detected} of {options.trials} trials", flush=True)
    finally:
        steady.stop()
        slowed.stop()
    print(f"({time.time() - started:.0f}s; store {store})")


if __name__ == "__main__":
    main()
