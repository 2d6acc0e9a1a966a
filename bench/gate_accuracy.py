#!/usr/bin/env python3
"""How often the regression gate is wrong: false alarms on identical versions, and detections
of injected slowdowns, with one run per version, one run against five, and three against three.

Two phases, so the expensive one is done once:
1. record: a pool of 20 s `perfkit latency` runs against a demo target restarted for every run
   (each run is its own deploy), interleaved across configurations (the same setup and 10%, 15%,
   20% and 30% slower), each labelled with its own version, while a busy-loop process takes a
   core (the noisy CI neighbour). The pool goes into one store.
2. evaluate: pairs drawn from the pool (never one run on both sides of a pair), each compared in a
   store of its own that holds only that pair's runs (`baselines export`/`import`), so "no
   history" means none; counts the comparisons that exit 1.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

BASE_LATENCY_US = 2000
BASE_JITTER_US = 1000
SLOWDOWNS = (0, 10, 15, 20, 30)


class DemoTarget:
    """`perfkit serve` on a free loopback port, stopped by PID."""

    def __init__(self, perfkit, slowdown):
        factor = 1 + slowdown / 100
        self.process = subprocess.Popen(
            [perfkit, "serve", "--port", "0", "--latency", f"{round(BASE_LATENCY_US * factor)}us",
             "--jitter", f"{round(BASE_JITTER_US * factor)}us"],
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


class CPUHog:
    """A busy loop on one core, the neighbour a shared CI runner has."""

    def __init__(self):
        self.process = subprocess.Popen([sys.executable, "-c", "while True: pass"])

    def stop(self):
        self.process.kill()
        self.process.wait()


def pool_version(slowdown, index):
    return f"slow{slowdown:02d}-{index:03d}"


def record_pool(perfkit, store, runs_per_slowdown, seconds, rate):
    """Records the pool in interleaved rounds: every round records one run of each slowdown
    (and as many same-setup runs as the plan needs), so drift hits every configuration alike."""
    hog = CPUHog()
    counts = {slowdown: 0 for slowdown in SLOWDOWNS}
    started = time.time()
    try:
        while any(counts[s] < runs_per_slowdown[s] for s in SLOWDOWNS):
            for slowdown in SLOWDOWNS:
                per_round = max(1, runs_per_slowdown[slowdown] // max(runs_per_slowdown[s] for s in SLOWDOWNS[1:]))
                for _ in range(per_round):
                    if counts[slowdown] >= runs_per_slowdown[slowdown]:
                        continue
                    target = DemoTarget(perfkit, slowdown)
                    try:
                        subprocess.run([perfkit, "latency", target.url, "--duration", f"{seconds}s", "--rate",
                                        str(rate), "-q", "--store", store, "--scenario", "gate",
                                        "--version", pool_version(slowdown, counts[slowdown])],
                                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    finally:
                        target.stop()
                    counts[slowdown] += 1
            done = sum(counts.values())
            print(f"  recorded {done} runs ({time.time() - started:.0f}s)", file=sys.stderr, flush=True)
    finally:
        hog.stop()


def export_runs(perfkit, store):
    """Every run of the pool, by version."""
    exported = subprocess.run([perfkit, "baselines", "export", "--store", store], check=True,
                              capture_output=True).stdout
    document = json.loads(exported)
    by_version = {}
    for run in document["runs"]:
        by_version.setdefault(run["version"], []).append(run)
    return document, by_version


def gate(perfkit, folder, document, baseline_runs, current_runs, threshold, alpha, output_format="text", history=()):
    """compare's exit code and report for a store holding only these runs, relabelled `base` and
    `cur`, and `history` runs each as a version of its own (earlier deploys measured once)."""
    runs = ([dict(run, version=f"hist-{index}") for index, run in enumerate(history)]
            + [dict(run, version="base") for run in baseline_runs] + [dict(run, version="cur") for run in current_runs])
    for run in runs:
        run.pop("id", None)
    path = os.path.join(folder, "pair.json")
    store = os.path.join(folder, "pair.sqlite")
    for leftover in (store, store + "-wal", store + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    with open(path, "w") as handle:
        json.dump(dict(document, runs=runs), handle)
    subprocess.run([perfkit, "baselines", "import", path, "--store", store], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = subprocess.run([perfkit, "compare", "--baseline-version=base", "--current-version=cur",
                             f"--threshold={threshold}", f"--alpha={alpha}", "--store", store,
                             f"--format={output_format}"],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"compare exited {result.returncode}: {result.stderr}")
    return result.returncode, result.stdout


def awaits_more_runs(row, alpha):
    """`ComparisonRow.awaitsMoreRuns`: beyond its threshold and unconfirmed, so `perfkit gate` would record another run."""
    if row["presence"] != "both" or row["test"] is None:
        return False
    if row["delta"] is not None and abs(row["delta"]) <= row["threshold"] + 1e-9:
        return False
    if row["test"] == "none":
        return row["verdict"] != "unchanged"
    return row["verdict"] == "inconclusive" or row["verdict"] == "unchanged" and (row["p_value"] or 1) <= 4 * alpha


def confirmed_regression(rows):
    return any(row["verdict"] == "regression" and row["test"] in ("mann_whitney_u", "t_test") for row in rows)


def sequential_gate(perfkit, folder, document, baseline, current_pool, max_runs, threshold, alpha):
    """What `perfkit gate --max-runs max_runs` decides when its measurements are these pool runs:
    the exit code, and how many current runs it recorded."""
    for runs in range(1, max_runs + 1):
        code, output = gate(perfkit, folder, document, baseline, current_pool[:runs], threshold, alpha, "json")
        rows = json.loads(output)["rows"]
        if runs == max_runs or confirmed_regression(rows) or not any(awaits_more_runs(row, float(alpha)) for row in rows):
            return code, runs


def evaluate(perfkit, document, by_version, pairs, threshold, alpha, seed, show_alarms):
    pools = {s: [runs[0] for version, runs in sorted(by_version.items()) if version.startswith(f"slow{s:02d}-")]
             for s in SLOWDOWNS}
    print("pool: " + ", ".join(f"{len(pools[s])} runs at +{s}%" for s in SLOWDOWNS))
    generator = random.Random(seed)
    folder = tempfile.mkdtemp(prefix="perfkit-gate-eval-")
    same = pools[0]

    def draw(count, exclude=()):
        choices = [run for run in same if run["version"] not in exclude]
        return generator.sample(choices, count)

    designs = [("1 vs 1, no history", 1, 1, 0), ("1 vs 1, 6 earlier versions", 1, 1, 6),
               ("1 vs 5 stored baseline runs", 5, 1, 0), ("3 vs 3", 3, 3, 0)]
    rows = []
    for title, baseline_count, current_count, history_count in designs:
        for slowdown in SLOWDOWNS:
            if slowdown and len(pools[slowdown]) < current_count:
                continue
            if not slowdown and len(same) < baseline_count + current_count + history_count:
                continue
            flagged = 0
            for pair in range(pairs):
                baseline = draw(baseline_count + history_count)
                baseline, history = baseline[:baseline_count], baseline[baseline_count:]
                used = {run["version"] for run in baseline + history}
                current = draw(current_count, used) if slowdown == 0 else generator.sample(pools[slowdown],
                                                                                          current_count)
                code, output = gate(perfkit, folder, document, baseline, current, threshold, alpha, history=history)
                flagged += code == 1
                if code == 1 and slowdown == 0 and show_alarms:
                    print(output)
            report(rows, title, slowdown, flagged, pairs)
    for baseline_count in (1, 3):
        title = f"gate: {baseline_count} baseline run{'s' if baseline_count > 1 else ''}, max 5"
        for slowdown in SLOWDOWNS:
            flagged, runs_used = 0, []
            for pair in range(pairs):
                baseline = draw(baseline_count)
                used = {run["version"] for run in baseline}
                current = draw(5, used) if slowdown == 0 else generator.sample(pools[slowdown], 5)
                code, runs = sequential_gate(perfkit, folder, document, baseline, current, 5, threshold, alpha)
                flagged += code == 1
                runs_used.append(runs)
            report(rows, title, slowdown, flagged, pairs,
                   f" (current runs used: median {sorted(runs_used)[len(runs_used) // 2]}, mean {sum(runs_used) / len(runs_used):.1f})")
    return rows


def report(rows, title, slowdown, flagged, pairs, extra=""):
    kind = "false alarms" if slowdown == 0 else "detected"
    label = "same setup" if slowdown == 0 else f"+{slowdown}% latency"
    rows.append((title, label, kind, flagged, pairs))
    print(f"{title:28s} {label:14s} {kind}: {flagged} of {pairs}{extra}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--pool", help="store holding a recorded pool (record one when absent or empty)")
    parser.add_argument("--same-runs", type=int, default=40)
    parser.add_argument("--slow-runs", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--rate", type=int, default=100)
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--threshold", default="10")
    parser.add_argument("--alpha", default="0.05")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-alarms", action="store_true", help="print compare's table for each false alarm")
    options = parser.parse_args()
    store = options.pool or os.path.join(tempfile.mkdtemp(prefix="perfkit-gate-"), "pool.sqlite")
    started = time.time()
    if not os.path.exists(store) or os.path.getsize(store) == 0:
        plan = {s: (options.same_runs if s == 0 else options.slow_runs) for s in SLOWDOWNS}
        print(f"recording the pool into {store}: {plan} runs of {options.seconds}s at {options.rate} req/s",
              file=sys.stderr, flush=True)
        record_pool(options.perfkit, store, plan, options.seconds, options.rate)
    document, by_version = export_runs(options.perfkit, store)
    evaluate(options.perfkit, document, by_version, options.pairs, options.threshold, options.alpha,
             options.seed, options.show_alarms)
    print(f"({time.time() - started:.0f}s; pool {store})")


if __name__ == "__main__":
    main()
