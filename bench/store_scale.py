#!/usr/bin/env python3
"""Fills a baselines store (an SQLite file, or with --postgres a database on a private
PostgreSQL server) with copies of one real run and times the commands that read it."""
import argparse
import glob
import os
import pwd
import re
import shutil
import socket
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


class PrivateServer:
    """A throwaway PostgreSQL server (Debian's binaries) on a free loopback port, its cluster and
    socket in a temporary folder, run as `postgres` under root (PostgreSQL refuses root), stopped
    by PID. Trust authentication: it listens on 127.0.0.1 only and lives for one benchmark."""

    def __init__(self):
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
        if not versions:
            raise SystemExit("PostgreSQL is not installed: scripts/install-deps postgresql")
        self.bin = os.path.dirname(versions[-1])
        self.folder = tempfile.mkdtemp(prefix="perfkit-scale-pg-")
        self.as_server = []
        if os.getuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
            self.as_server = ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"]
        data = os.path.join(self.folder, "data")
        subprocess.run(self.as_server + [f"{self.bin}/initdb", "-D", data, "-U", "perfkit", "--auth=trust",
                                         "-E", "UTF8", "--locale=C", "--no-sync"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = open(os.path.join(self.folder, "server.log"), "w")
        self.process = subprocess.Popen(self.as_server + [f"{self.bin}/postgres", "-D", data, "-p", str(self.port),
                                                          "-k", self.folder, "-c", "listen_addresses=127.0.0.1"],
                                        stdout=self.log, stderr=self.log)
        for _ in range(300):
            if subprocess.run([f"{self.bin}/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)]).returncode == 0:
                break
            time.sleep(0.1)
        self.psql("CREATE DATABASE scale", "postgres")

    def url(self):
        return f"postgres://perfkit@127.0.0.1:{self.port}/scale?sslmode=disable"

    def psql(self, sql, database="scale"):
        return subprocess.run([f"{self.bin}/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                               "-p", str(self.port), "-U", "perfkit", "-d", database, "-c", sql],
                              check=True, capture_output=True, text=True).stdout.strip()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def copy_runs_postgres(server, runs, versions):
    """As copy_runs, in the PostgreSQL store: run 1 copied until the store holds `runs`."""
    def columns(table, skipped):
        listed = server.psql(f"SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                             f"FROM information_schema.columns WHERE table_name = '{table}'")
        return [column for column in listed.split(",") if column != skipped]
    run_columns = columns("runs", "id")
    selected = ", ".join(f"'v' || (n % {versions})" if column == "version" else f"runs.{column}" for column in run_columns)
    server.psql(f"INSERT INTO runs ({', '.join(run_columns)}) SELECT {selected} "
                f"FROM runs, generate_series(1, {runs - 1}) AS n WHERE runs.id = 1")
    for table in ("histograms", "series"):
        listed = columns(table, "run_id")
        server.psql(f"INSERT INTO {table} (run_id, {', '.join(listed)}) "
                    f"SELECT runs.id, {', '.join('t.' + c for c in listed)} FROM runs JOIN {table} t ON t.run_id = 1 "
                    f"WHERE runs.id > 1")
    server.psql("VACUUM ANALYZE")
    return int(server.psql("SELECT count(*) FROM runs"))


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
    parser.add_argument("--postgres", action="store_true", help="a PostgreSQL store on a private server")
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    server = PrivateServer() if options.postgres else None
    try:
        if server:
            store = server.url()
            record_one_run(options.perfkit, store)
            total = copy_runs_postgres(server, options.runs, options.versions)
            size = int(server.psql("SELECT pg_database_size('scale')"))
        else:
            store = os.path.join(tempfile.mkdtemp(prefix="perfkit-scale-"), "scale.sqlite")
            record_one_run(options.perfkit, store)
            total = copy_runs(store, options.runs, options.versions)
            size = os.path.getsize(store)
        per_version = total // options.versions
        kind = "PostgreSQL" if server else "SQLite"
        print(f"{kind} store: {total} runs over {options.versions} versions ({size / 2**20:.1f} MiB)")
        compare = timed([options.perfkit, "compare", "--baseline-version=v1", "--current-version=v2", "--store", store],
                        options.repeats)
        print(f"compare v1 vs v2 ({per_version} runs each): {compare:.3f}s (median of {options.repeats})")
        listing = timed([options.perfkit, "baselines", "list", "--store", store], options.repeats)
        print(f"baselines list: {listing:.3f}s (median of {options.repeats})")
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
