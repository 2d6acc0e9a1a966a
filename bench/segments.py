#!/usr/bin/env python3
"""Measures a segmented test against issue 13's bars: n segments of `latency --rate R` sent by n
processes at once and read back as one group, beside one process sending the same schedule.

Per round it reports: the group's achieved rate against R; its request count against the sum of
the segments' and against the one-process schedule; whether the group's percentiles (perfkit
check --group) equal those of the segments' histograms added bucket for bucket here (exported
from the store); and the group's percentiles against the single process's."""
import argparse
import datetime
import json
import multiprocessing
import os
import statistics
import subprocess

PERCENTILES = [50, 90, 95, 99, 99.9]


def run(arguments, check=True):
    done = subprocess.run(arguments, capture_output=True, text=True, timeout=600)
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done


def burn():
    while True:
        pass


def histogram_percentile(values, counts, percentile):
    """HDR's value at a percentile: the highest equivalent value of the bucket where the count
    reaches it (an export lists each non-empty bucket by that value)."""
    total = sum(counts)
    wanted = max(1, -(-int(percentile * total * 1000) // 100000))  # ceil(percentile/100 * total), exact
    seen = 0
    for value, count in zip(values, counts):
        seen += count
        if seen >= wanted:
            return value
    return values[-1]


def summed_histogram(runs):
    buckets = {}
    for record in runs:
        latency = record["histograms"]["latency"]
        for value, count in zip(latency["values"], latency["counts"]):
            buckets[value] = buckets.get(value, 0) + count
    values = sorted(buckets)
    return values, [buckets[value] for value in values]


def exported(perfkit, store, version):
    return json.loads(run([perfkit, "baselines", "export", "--version", version, "--store", store]).stdout)["runs"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--rate", type=int, default=4000)
    parser.add_argument("--segments", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--hog", action="store_true", help="2 busy processes beside the run (a noisy CI neighbour)")
    parser.add_argument("--store", help="store URL or path (default: a SQLite file in the work folder)")
    options = parser.parse_args()
    perfkit, n = options.perfkit, options.segments
    hogs = [multiprocessing.Process(target=burn, daemon=True) for _ in range(2 if options.hog else 0)]
    for hog in hogs:
        hog.start()
    rows = []
    try:
        for round_index in range(options.rounds):
            store = options.store or os.path.join(options.work, f"round-{round_index}.sqlite")
            group = f"bench-{os.getpid()}-{round_index}"
            segmented, single = f"segmented-{round_index}", f"single-{round_index}"
            common = ["latency", options.url, "--rate", str(options.rate), "--duration", f"{options.seconds}s",
                      "--connections", str(options.connections), "--store", store, "--quiet"]
            start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
            processes = [subprocess.Popen([perfkit] + common + ["--version", segmented, "--segment", f"{i}/{n}",
                                                                 "--group", group, "--start-at", start],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                         for i in range(1, n + 1)]
            for process in processes:
                _, stderr = process.communicate(timeout=options.seconds + 120)
                if process.returncode != 0:
                    raise SystemExit(f"a segment exited {process.returncode}: {stderr[-2000:]}")
            run([perfkit] + common + ["--version", single])

            checked = json.loads(run([perfkit, "check", "--group", group, "--store", store, "--format", "json"]).stdout)
            segments, whole = exported(perfkit, store, segmented), exported(perfkit, store, single)[0]
            values, counts = summed_histogram(segments)
            pooled = {p: histogram_percentile(values, counts, p) for p in PERCENTILES}
            alone = whole["histograms"]["latency"]
            single_percentiles = {p: histogram_percentile(alone["values"], alone["counts"], p) for p in PERCENTILES}
            rows.append({
                "checked": checked,
                "segments_sent": [record["counts"]["sent"] for record in segments],
                "single_sent": whole["counts"]["sent"],
                "group_achieved": sum(record["achievedRate"] for record in segments),
                "pooled": pooled,
                "single": single_percentiles,
                "histogram_total": sum(counts),
            })
            latency = checked["latency_ms"]
            row = rows[-1]
            # check reports milliseconds to the microsecond: equal when it merged bucket for bucket.
            row["merged_equals_summed"] = all(abs(latency[key] * 1000 - pooled[p]) < 1
                                              for key, p in zip(["p50", "p90", "p95", "p99", "p99_9"], PERCENTILES))
            row["merged_count"] = latency["count"]
            print(f"round {round_index + 1}: segments sent {row['segments_sent']} = {sum(row['segments_sent'])}, "
                  f"one process {row['single_sent']}; group achieved {row['group_achieved']:.1f} req/s "
                  f"({(row['group_achieved'] / options.rate - 1) * 100:+.2f}% of {options.rate})", flush=True)
            print("  group p50/p90/p95/p99/p99.9 (µs, summed histograms): "
                  + " / ".join(str(pooled[p]) for p in PERCENTILES)
                  + "   one process: " + " / ".join(str(single_percentiles[p]) for p in PERCENTILES), flush=True)
            print(f"  perfkit check --group: {latency['count']} requests in its histogram (summed here: {row['histogram_total']}), "
                  f"percentiles equal to the summed histograms': {row['merged_equals_summed']}", flush=True)
    finally:
        for hog in hogs:
            hog.terminate()
    exact = all(sum(row["segments_sent"]) == row["single_sent"] for row in rows)
    rates = [row["group_achieved"] / options.rate - 1 for row in rows]
    print(f"\nsegments' sent = one process's schedule in every round: {exact}")
    print(f"group's histogram = the sum of the segments' (count and percentiles) in every round: "
          f"{all(row['merged_equals_summed'] and row['merged_count'] == row['histogram_total'] for row in rows)}")
    print(f"group achieved rate vs {options.rate}: median {statistics.median(rates) * 100:+.2f}%, "
          f"worst {max(rates, key=abs) * 100:+.2f}% (bar: within 1%)")
    for p in PERCENTILES:
        ratios = [row["pooled"][p] / row["single"][p] for row in rows if row["single"][p]]
        print(f"p{p}: group / one process, median {statistics.median(ratios):.3f} (range {min(ratios):.3f}-{max(ratios):.3f})")


if __name__ == "__main__":
    main()
