#!/usr/bin/env python3
"""Interleaved rounds of wrk and perfkit against the same server; prints medians and ratios.

Closed model: wrk -t1 -cN vs `perfkit throughput --max --connections N`, requests/s and CPU
seconds per request (user+sys of the generator process). Open model: perfkit at a fixed rate
on the fast and the 10 ms locations, corrected p50/p99 and the achieved rate.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile


def run_measured(command):
    """Runs command; returns (stdout, CPU seconds it used, its peak RSS in MiB)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({process.returncode}): {err.read().strip()}")
        return out.read(), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def wrk(url, connections, seconds):
    out, cpu, _ = run_measured(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", url])
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    return float(match.group(1)), cpu / max(1, int(total.group(1)))


def perfkit(binary, arguments):
    out, cpu, rss = run_measured([binary, *arguments, "--format", "json", "-q"])
    summary = json.loads(out)
    summary["peak_rss_mib"] = rss
    return summary, cpu


def print_closed_row(label, row):
    wrk_rate, default_rate, default_ratio, single_rate, single_ratio, wrk_cpu, default_cpu, single_cpu = row
    print(f"{label:>5} {wrk_rate:>9.0f} {default_rate:>9.0f} {default_ratio:>6.3f} {single_rate:>12.0f} "
          f"{single_ratio:>6.3f} {wrk_cpu:>16.1f} {default_cpu:>8.1f} {single_cpu:>12.1f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rate", type=int, default=2000)
    parser.add_argument("--memory-seconds", type=int, default=60, help="length of the memory-flatness run; 0 skips it")
    options = parser.parse_args()
    fast, slow = options.base + "/", options.base + "/sleep"

    print(f"closed model, {options.connections} connections, {options.seconds}s per run, {options.rounds} rounds")
    print("perfkit runs twice a round: with its default threads (one per core) and with --threads 1 (like wrk -t1)")
    print(f"{'round':>5} {'wrk -t1':>9} {'perfkit':>9} {'ratio':>6} {'perfkit -t1':>12} {'ratio':>6} "
          f"{'µs CPU/req: wrk':>16} {'perfkit':>8} {'perfkit -t1':>12}")
    rows = []
    for round_number in range(1, options.rounds + 1):
        wrk_rate, wrk_cpu = wrk(fast, options.connections, options.seconds)
        measured = []
        for threads in ([], ["--threads", "1"]):
            summary, cpu = perfkit(options.perfkit, ["throughput", fast, "--max", "--connections",
                                                      str(options.connections), "--duration", f"{options.seconds}s",
                                                      *threads])
            measured.append((summary["achieved_rate"], cpu / max(1, summary["requests"]["completed"])))
        (default_rate, default_cpu), (single_rate, single_cpu) = measured
        row = (wrk_rate, default_rate, default_rate / wrk_rate, single_rate, single_rate / wrk_rate,
               wrk_cpu * 1e6, default_cpu * 1e6, single_cpu * 1e6)
        rows.append(row)
        print_closed_row(str(round_number), row)
    print_closed_row("median", tuple(statistics.median(column) for column in zip(*rows)))

    print(f"\nopen model, {options.rate} req/s, {options.seconds}s per run, {options.rounds} rounds (corrected latency)")
    print(f"{'round':>5} {'location':>9} {'achieved':>10} {'p50 ms':>8} {'p99 ms':>8} {'p99.9 ms':>9} {'dropped':>8} "
          f"{'peak RSS MiB':>13}")
    by_location = {"/": [], "/sleep": []}
    for round_number in range(1, options.rounds + 1):
        for name, url in (("/", fast), ("/sleep", slow)):
            summary, _ = perfkit(options.perfkit, ["latency", url, "--rate", str(options.rate), "--duration",
                                                    f"{options.seconds}s", "--connections", str(options.connections)])
            latency = summary["latency_ms"]
            by_location[name].append(summary)
            print(f"{round_number:>5} {name:>9} {summary['achieved_rate']:>10.1f} {latency['p50']:>8.3f} "
                  f"{latency['p99']:>8.3f} {latency['p99_9']:>9.3f} {summary['requests']['dropped']:>8} "
                  f"{summary['peak_rss_mib']:>13.1f}")
    for name, summaries in by_location.items():
        p50 = statistics.median(s["latency_ms"]["p50"] for s in summaries)
        p99 = statistics.median(s["latency_ms"]["p99"] for s in summaries)
        rate = statistics.median(s["achieved_rate"] for s in summaries)
        print(f"median {name:>9} {rate:>10.1f} {p50:>8.3f} {p99:>8.3f}")

    if options.memory_seconds:
        long_run, _ = perfkit(options.perfkit, ["latency", fast, "--rate", str(options.rate), "--duration",
                                                f"{options.memory_seconds}s", "--connections", str(options.connections)])
        short_rss = statistics.median(s["peak_rss_mib"] for s in by_location["/"])
        print(f"\nmemory: peak RSS {short_rss:.1f} MiB over {options.seconds}s, {long_run['peak_rss_mib']:.1f} MiB over "
              f"{options.memory_seconds}s ({long_run['requests']['completed']} requests)")


if __name__ == "__main__":
    main()
