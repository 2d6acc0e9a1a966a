#!/usr/bin/env python3
"""HTTP/2 over TLS (ALPN h2): h2load and perfkit's two HTTP/2 clients on the same nginx, in interleaved rounds.

h2load -t1 -cN -m1 beside `perfkit throughput --max --http2 --insecure -cN --transport native|curl`
(one stream per connection), and h2load -t1 -cN -mM beside perfkit with `--streams M`: requests/s,
each client's ratio to h2load, CPU µs per request (user+sys of the generator; h2load runs one
thread, perfkit its default: one per two cores natively, one per core with libcurl) and the
connections established to nginx 2 s into each run (ss). Rounds interleave h2load, native, curl.
Bars, on the native client (`auto`'s pick for --http2): it opens exactly N connections; ≥ 1.0×
h2load with one stream; ≥ 0.8× with M. libcurl's rows are reported beside it, without a bar.
Exits 1 when a bar is missed.
"""
import statistics
import sys
import time
import urllib.parse

from benchlib import arguments, established_connections, h2load, perfkit

BARS = {1: 1.0}
STREAMS_BAR = 0.8
CLIENTS = ("native", "curl")


def measured(run, port):
    """Runs run(during) and returns its (rate, CPU per request) and the connections 2 s in."""
    seen = []

    def count_connections():
        time.sleep(2)
        seen.append(established_connections(port))

    result = run(count_connections)
    return (*result, seen[0])


def perfkit_run(options, url, connections, streams, transport):
    """A closed-model perfkit run through `transport`, as run(during) for `measured`."""
    def run(during):
        flags = ["--streams", str(streams)] if streams > 1 else []
        summary, cpu = perfkit(options.perfkit, ["throughput", url, "--max", "--http2", "--insecure", "-c", str(connections),
                                                 "--transport", transport, "--duration", f"{options.seconds}s", *flags],
                               during)
        return summary["achieved_rate"], cpu / max(1, summary["requests"]["completed"])
    return run


def main():
    options = arguments(__doc__, streams={"type": int, "default": 10, "help": "h2load's -m for the second pair"})
    url = options.tls_base + "/"
    port = urllib.parse.urlsplit(options.tls_base).port
    n = options.connections
    print(f"HTTP/2 over TLS, closed model, {n} connections, {options.seconds}s per run, {options.rounds} rounds "
          f"(req/s; ratio to h2load; CPU in µs per request; conns = established to nginx 2 s in)")
    print_header()
    rows = {1: [], options.streams: []}
    for round_number in range(1, options.rounds + 1):
        for streams in rows:
            peer = measured(lambda during: h2load(url, n, streams, options.seconds, during), port)
            ours = [measured(perfkit_run(options, url, n, streams, client), port) for client in CLIENTS]
            row = (peer[0], *[run[0] for run in ours], *[run[0] / peer[0] for run in ours],
                   peer[1] * 1e6, *[run[1] * 1e6 for run in ours], peer[2], *[run[2] for run in ours])
            rows[streams].append(row)
            print_row(str(round_number), streams, row)
    missed = []
    for streams, measured_rows in rows.items():
        medians = tuple(statistics.median(column) for column in zip(*measured_rows))
        print_row("median", streams, medians)
        bar = BARS.get(streams, STREAMS_BAR)
        native_ratio = medians[3]
        opened = {row[9] for row in measured_rows}
        verdict = "met" if native_ratio >= bar else "MISSED"
        print(f"       bar {bar:.1f}× h2load -m{streams} (native): {verdict} ({native_ratio:.3f}×, "
              f"{native_ratio / bar - 1:+.1%}); libcurl {medians[4]:.3f}×; native connections seen: {sorted(opened)} "
              f"(asked {n})")
        if native_ratio < bar:
            missed.append(f"-m{streams} native ratio {native_ratio:.3f} < {bar}")
        if opened != {n}:
            missed.append(f"-m{streams} native connections {sorted(opened)} != {n}")
    if missed:
        print("missed: " + "; ".join(missed))
        sys.exit(1)


def print_header():
    print(f"{'round':>6} {'streams':>7} {'h2load':>8} {'native':>8} {'curl':>8} {'r nat':>6} {'r curl':>6} "
          f"{'CPU h2l':>7} {'CPU nat':>7} {'CPU curl':>8} {'c h2l':>5} {'c nat':>5} {'c curl':>6}")


def print_row(label, streams, row):
    print(f"{label:>6} {streams:>7} {row[0]:>8.0f} {row[1]:>8.0f} {row[2]:>8.0f} {row[3]:>6.3f} {row[4]:>6.3f} "
          f"{row[5]:>7.1f} {row[6]:>7.1f} {row[7]:>8.1f} {row[8]:>5.0f} {row[9]:>5.0f} {row[10]:>6.0f}")


if __name__ == "__main__":
    main()
