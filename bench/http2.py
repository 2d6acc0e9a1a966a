#!/usr/bin/env python3
"""HTTP/2 over TLS (ALPN h2): h2load and perfkit on the same nginx, in interleaved rounds.

h2load -t1 -cN -m1 beside `perfkit throughput --max --http2 --insecure -cN` (one stream per
connection), and h2load -t1 -cN -mM beside perfkit with `--streams M`: requests/s, perfkit's
ratio to h2load, CPU µs per request (user+sys of the generator; h2load runs one thread, perfkit
its default, one per core) and the connections established to nginx 2 s into each run (ss).
Bars: perfkit opens exactly N connections; ≥ 1.0× h2load with one stream; ≥ 0.8× with M.
Exits 1 when a bar is missed.
"""
import statistics
import sys
import time
import urllib.parse

from benchlib import arguments, established_connections, h2load, perfkit

BARS = {1: 1.0}
STREAMS_BAR = 0.8


def measured(run, port):
    """Runs run(during) and returns its (rate, CPU per request) and the connections 2 s in."""
    seen = []

    def count_connections():
        time.sleep(2)
        seen.append(established_connections(port))

    result = run(count_connections)
    return (*result, seen[0])


def main():
    options = arguments(__doc__, streams={"type": int, "default": 10, "help": "h2load's -m for the second pair"})
    url = options.tls_base + "/"
    port = urllib.parse.urlsplit(options.tls_base).port
    n = options.connections
    print(f"HTTP/2 over TLS, closed model, {n} connections, {options.seconds}s per run, {options.rounds} rounds "
          f"(CPU in µs per request; conns = established to nginx 2 s in)")
    print(f"{'round':>6} {'streams':>7} {'h2load':>9} {'perfkit':>9} {'ratio':>6} {'CPU h2load':>10} {'CPU perfkit':>11} "
          f"{'conns h2load':>12} {'conns perfkit':>13}")
    rows = {1: [], options.streams: []}
    for round_number in range(1, options.rounds + 1):
        for streams in rows:
            peer = measured(lambda during: h2load(url, n, streams, options.seconds, during), port)

            def run_perfkit(during):
                flags = ["--streams", str(streams)] if streams > 1 else []
                summary, cpu = perfkit(options.perfkit, ["throughput", url, "--max", "--http2", "--insecure", "-c", str(n),
                                                         "--duration", f"{options.seconds}s", *flags], during)
                return summary["achieved_rate"], cpu / max(1, summary["requests"]["completed"])

            ours = measured(run_perfkit, port)
            row = (peer[0], ours[0], ours[0] / peer[0], peer[1] * 1e6, ours[1] * 1e6, peer[2], ours[2])
            rows[streams].append(row)
            print_row(str(round_number), streams, row)
    missed = []
    for streams, measured_rows in rows.items():
        medians = tuple(statistics.median(column) for column in zip(*measured_rows))
        print_row("median", streams, medians)
        bar = BARS.get(streams, STREAMS_BAR)
        opened = {row[6] for row in measured_rows}
        verdict = "met" if medians[2] >= bar else "MISSED"
        print(f"       bar {bar:.1f}× h2load -m{streams}: {verdict} ({medians[2]:.3f}×, {medians[2] / bar - 1:+.1%}); "
              f"perfkit connections seen: {sorted(opened)} (asked {n})")
        if medians[2] < bar:
            missed.append(f"-m{streams} ratio {medians[2]:.3f} < {bar}")
        if opened != {n}:
            missed.append(f"-m{streams} connections {sorted(opened)} != {n}")
    if missed:
        print("missed: " + "; ".join(missed))
        sys.exit(1)


def print_row(label, streams, row):
    print(f"{label:>6} {streams:>7} {row[0]:>9.0f} {row[1]:>9.0f} {row[2]:>6.3f} {row[3]:>10.1f} {row[4]:>11.1f} "
          f"{row[5]:>12.0f} {row[6]:>13.0f}")


if __name__ == "__main__":
    main()
