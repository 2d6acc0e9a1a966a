#!/usr/bin/env python3
"""HTTPS (HTTP/1.1) through perfkit beside wrk and wrk2, on bench/run's nginx, in interleaved rounds.

Closed model: wrk -t1 -cN vs `perfkit throughput --max --connections N --insecure` (native with its
default threads, native with two, libcurl): requests/s and CPU µs per request (user+sys of the
generator). Open model at --rate (2000 req/s) on the same location: perfkit native and libcurl, and
wrk2 -t1 when on PATH: corrected p50/p99 and the achieved rate.
Bars: the native closed model reaches at least wrk's rate for no more CPU per request, and its
open-model p50 and p99 are below wrk2's; a missed bar exits 1.
"""
import sys

from benchlib import arguments, closed_model, has_wrk2, open_model


def main():
    options = arguments(__doc__, rate={"type": int, "default": 2000})
    url = options.tls_base + "/"
    # bench/run's certificate is self-signed; wrk and wrk2 do not verify either.
    insecure = ["--insecure"]

    closed = closed_model(options, url, insecure)

    print(f"\nopen model, {url}, {options.rate} req/s, {options.seconds}s per run, {options.rounds} rounds "
          f"(corrected latency)")
    cases = [(transport, [], "/", url, options.rate) for transport in ("native", "curl")]
    wrk2_available = has_wrk2()
    if wrk2_available:
        cases.insert(1, ("wrk2 -t1", None, "/", url, options.rate))
    opened = open_model(options, cases, insecure)

    native, wrk = closed["native"], closed["wrk"]
    bars = [(f"closed model: native reaches {native['ratio']:.2f}× wrk's req/s", native["ratio"] >= 1.0),
            (f"closed model: native CPU/request {native['cpu_us']:.1f} µs vs wrk's {wrk['cpu_us']:.1f} µs",
             native["cpu_us"] <= wrk["cpu_us"])]
    if wrk2_available:
        mine, peer = opened[("native", "/", options.rate)], opened[("wrk2 -t1", "/", options.rate)]
        for percentile in ("p50", "p99"):
            bars.append((f"open model: native {percentile} {mine[percentile]:.3f} ms vs wrk2's {peer[percentile]:.3f} ms",
                         mine[percentile] < peer[percentile]))
    print()
    for text, met in bars:
        print(f"{'met' if met else 'MISSED':>6}  {text}")
    sys.exit(0 if all(met for _, met in bars) else 1)


if __name__ == "__main__":
    main()
