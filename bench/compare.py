#!/usr/bin/env python3
"""Interleaved rounds of wrk and perfkit against the same server; prints medians and ratios.

Closed model: wrk -t1 -cN vs `perfkit throughput --max --connections N` with each transport
(native with its default threads, one per two cores, and with --threads 2; libcurl with its
default, one per core), requests/s and CPU seconds per request (user+sys of the generator). Open model: both transports
at a fixed rate on the fast and the 10 ms locations, and at half of wrk's ceiling beside wrk2
(when on PATH) with one thread and with two: corrected p50/p99 and the achieved rate.
"""
from benchlib import arguments, closed_model, has_wrk2, open_model, perfkit


def main():
    options = arguments(__doc__, rate={"type": int, "default": 2000},
                        memory_seconds={"type": int, "default": 60, "help": "length of the memory-flatness run; 0 skips it"})
    fast, slow = options.base + "/", options.base + "/sleep"

    closed = closed_model(options, fast)
    half_ceiling = int(closed["wrk"]["rate"] / 2)

    print(f"\nopen model, {options.seconds}s per run, {options.rounds} rounds (corrected latency): {options.rate} req/s "
          f"on the fast and the 10 ms locations, and {half_ceiling} req/s (half of wrk's ceiling) on the fast one")
    wrk2_available = has_wrk2()
    cases = [(f"{transport}", [], name, url, rate) for transport in ("native", "curl")
             for name, url, rate in (("/", fast, options.rate), ("/sleep", slow, options.rate), ("/", fast, half_ceiling))]
    # Side by side with wrk2 at half the ceiling: one thread each (perfkit's default on 2 cores), and two
    # (wrk2's default).
    cases.insert(3, ("native -t2", ["--threads", "2"], "/", fast, half_ceiling))
    if wrk2_available:
        cases[3:3] = [("wrk2 -t1", None, "/", fast, half_ceiling), ("wrk2 -t2", None, "/", fast, half_ceiling)]
    medians = open_model(options, cases)

    if options.memory_seconds:
        long_run, _ = perfkit(options.perfkit, ["latency", fast, "--rate", str(options.rate), "--duration",
                                                f"{options.memory_seconds}s", "--connections", str(options.connections)])
        short_rss = medians[(cases[0][0], cases[0][2], cases[0][4])]["peak_rss_mib"]
        print(f"\nmemory: peak RSS {short_rss:.1f} MiB over {options.seconds}s, {long_run['peak_rss_mib']:.1f} MiB over "
              f"{options.memory_seconds}s ({long_run['requests']['completed']} requests)")


if __name__ == "__main__":
    main()
