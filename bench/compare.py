#!/usr/bin/env python3
"""Interleaved rounds of wrk and perfkit against the same server; prints medians and ratios.

Closed model: wrk -t1 -cN vs `perfkit throughput --max --connections N`, requests/s and CPU
seconds per request (user+sys of the generator process). Open model: perfkit at a fixed rate
on the fast and the 10 ms locations, corrected p50/p99 and the achieved rate.
"""
import argparse
import json
import re
import resource
import statistics
import subprocess


def run_measured(command):
    """Runs command; returns (stdout, CPU seconds it used)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(command, check=False, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({completed.returncode}): {completed.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return completed.stdout, cpu


def wrk(url, connections, seconds):
    out, cpu = run_measured(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", url])
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    return float(match.group(1)), cpu / max(1, int(total.group(1)))


def perfkit(binary, arguments):
    out, cpu = run_measured([binary, *arguments, "--format", "json", "-q"])
    return json.loads(out), cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rate", type=int, default=2000)
    options = parser.parse_args()
    fast, slow = options.base + "/", options.base + "/sleep"

    print(f"closed model, {options.connections} connections, {options.seconds}s per run, {options.rounds} rounds")
    print(f"{'round':>5} {'wrk req/s':>12} {'perfkit req/s':>14} {'ratio':>7} {'wrk µs CPU/req':>15} {'perfkit µs CPU/req':>19}")
    ratios, wrk_rates, perfkit_rates, wrk_cpus, perfkit_cpus = [], [], [], [], []
    for round_number in range(1, options.rounds + 1):
        wrk_rate, wrk_cpu = wrk(fast, options.connections, options.seconds)
        summary, cpu = perfkit(options.perfkit, ["throughput", fast, "--max", "--connections", str(options.connections),
                                                  "--threads", "1", "--duration", f"{options.seconds}s"])
        perfkit_rate = summary["achieved_rate"]
        perfkit_cpu = cpu / max(1, summary["requests"]["completed"])
        ratios.append(perfkit_rate / wrk_rate)
        wrk_rates.append(wrk_rate); perfkit_rates.append(perfkit_rate)
        wrk_cpus.append(wrk_cpu); perfkit_cpus.append(perfkit_cpu)
        print(f"{round_number:>5} {wrk_rate:>12.0f} {perfkit_rate:>14.0f} {perfkit_rate / wrk_rate:>7.3f} "
              f"{wrk_cpu * 1e6:>15.1f} {perfkit_cpu * 1e6:>19.1f}")
    print(f"{'median':>5} {statistics.median(wrk_rates):>12.0f} {statistics.median(perfkit_rates):>14.0f} "
          f"{statistics.median(ratios):>7.3f} {statistics.median(wrk_cpus) * 1e6:>15.1f} "
          f"{statistics.median(perfkit_cpus) * 1e6:>19.1f}")

    print(f"\nopen model, {options.rate} req/s, {options.seconds}s per run, {options.rounds} rounds (corrected latency)")
    print(f"{'round':>5} {'location':>9} {'achieved':>10} {'p50 ms':>8} {'p99 ms':>8} {'p99.9 ms':>9} {'dropped':>8}")
    by_location = {"/": [], "/sleep": []}
    for round_number in range(1, options.rounds + 1):
        for name, url in (("/", fast), ("/sleep", slow)):
            summary, _ = perfkit(options.perfkit, ["latency", url, "--rate", str(options.rate), "--duration",
                                                    f"{options.seconds}s", "--connections", str(options.connections),
                                                    "--threads", "1"])
            latency = summary["latency_ms"]
            by_location[name].append(summary)
            print(f"{round_number:>5} {name:>9} {summary['achieved_rate']:>10.1f} {latency['p50']:>8.3f} "
                  f"{latency['p99']:>8.3f} {latency['p99_9']:>9.3f} {summary['requests']['dropped']:>8}")
    for name, summaries in by_location.items():
        p50 = statistics.median(s["latency_ms"]["p50"] for s in summaries)
        p99 = statistics.median(s["latency_ms"]["p99"] for s in summaries)
        rate = statistics.median(s["achieved_rate"] for s in summaries)
        print(f"median {name:>9} {rate:>10.1f} {p50:>8.3f} {p99:>8.3f}")


if __name__ == "__main__":
    main()
