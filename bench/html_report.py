#!/usr/bin/env python3
"""Times `perfkit report` on a store of 2 versions x 4 scenarios x 3 runs and measures the page."""
import argparse
import os
import subprocess
import tempfile

from store_scale import copy_runs, record_one_run, timed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--seconds", type=int, default=60, help="length of the recorded run (its timeline)")
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="perfkit-html-report-")
    store = os.path.join(folder, "report.sqlite")
    # A ramp, so the timelines have something to show; every run is a copy of this one.
    record_one_run(options.perfkit, store, ("load", "/api/signals", "--start-rps", "50", "--max-rps", "500",
                                            "--ramp", f"{options.seconds}s"), version="recorded")
    copy_runs(store, runs=25, versions=2, scenarios=4)
    subprocess.run([options.perfkit, "baselines", "delete", "--version", "recorded", "--store", store], check=True,
                   stdout=subprocess.DEVNULL)
    page = os.path.join(folder, "report.html")
    versions = ["--baseline-version=v0", "--current-version=v1", "--store", store]
    report = timed([options.perfkit, "report", *versions, "--output", page], repeats=options.repeats)
    text = timed([options.perfkit, "compare", *versions], repeats=options.repeats)
    size = os.path.getsize(page)
    print(f"2 versions x 4 scenarios x 3 runs of {options.seconds} s each (median of {options.repeats}):")
    print(f"  perfkit report (read, compare, render, write): {report * 1000:.0f} ms (bar: 1000 ms)")
    print(f"  perfkit compare, text, for reference:           {text * 1000:.0f} ms")
    print(f"  HTML rendering and writing, the difference:     {(report - text) * 1000:.0f} ms")
    print(f"  page size: {size / 1024:.0f} KiB (bar: 1024 KiB): {page}")


if __name__ == "__main__":
    main()
