#!/usr/bin/env python3
"""Fills a baselines store with copies of one real run and times the commands that read it."""
import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import tempfile
import time


def record_one_run(perfkit, store, measurement=("latency", "/api/signals", "--duration", "10s", "--rate", "500"),
                   version="v0"):
    """Records one run of `measurement` (command, path, flags) against a demo target as `version`."""
    server = subprocess.Popen([perfkit, "serve", "--port", "0", "--latency", "2ms", "--jitter", "1ms"],
                              stdout=subprocess.PIPE, text=True)
    try:
        url = re.search(r"listening on (\S+)", server.stdout.readline()).group(1)
        command, path, *flags = measurement
        subprocess.run([perfkit, command, url + path, *flags, "-q",
                        "--store", store, "--version", version, "--scenario", "scale"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        server.terminate()
        server.wait(timeout=10)


def copy_runs(store, runs, versions, scenarios=1):
    """Copies run 1 until the store holds `runs`: copy i is version v(i % versions) and, with
    several `scenarios`, scenario s(i / versions % scenarios)."""
    database = sqlite3.connect(store)
    columns = [row[1] for row in database.execute("PRAGMA table_info(runs)") if row[1] != "id"]
    expressions = {"version": "'v' || (n.i % ?1)"}
    if scenarios > 1:
        expressions["scenario"] = "'s' || (n.i / ?1 % ?2)"
    selected = ", ".join(expressions.get(column, f"runs.{column}") for column in columns)
    database.execute(
        f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3) "
        f"INSERT INTO runs ({', '.join(columns)}) SELECT {selected} FROM runs, n WHERE runs.id = 1",
        (versions, scenarios, runs - 1))
    for table in ("histograms", "series"):
        columns = [row[1] for row in database.execute(f"PRAGMA table_info({table})") if row[1] != "run_id"]
        listed = ", ".join(columns)
        database.execute(f"INSERT INTO {table} (run_id, {listed}) SELECT runs.id, {', '.join('t.' + c for c in columns)} "
                         f"FROM runs JOIN {table} t ON t.run_id = 1 WHERE runs.id > 1")
    database.commit()
    total = database.execute("SELECT count(*) FROM runs").fetchone()[0]
    database.close()
    return total


def timed(command, repeats=3):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - started)
        if completed.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed: {completed.stderr}")
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--versions", type=int, default=100)
    options = parser.parse_args()
    store = os.path.join(tempfile.mkdtemp(prefix="perfkit-scale-"), "scale.sqlite")
    record_one_run(options.perfkit, store)
    total = copy_runs(store, options.runs, options.versions)
    per_version = total // options.versions
    print(f"store: {total} runs over {options.versions} versions ({os.path.getsize(store) / 2**20:.1f} MiB)")
    compare = timed([options.perfkit, "compare", "--baseline-version=v1", "--current-version=v2", "--store", store])
    print(f"compare v1 vs v2 ({per_version} runs each): {compare:.3f}s (median of 3)")
    listing = timed([options.perfkit, "baselines", "list", "--store", store])
    print(f"baselines list: {listing:.3f}s (median of 3)")


if __name__ == "__main__":
    main()
