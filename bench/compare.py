#!/usr/bin/env python3
"""Interleaved rounds of wrk and perfkit against the same server; prints medians and ratios.

Closed model: wrk -t1 -cN vs `perfkit throughput --max --connections N` with each transport
(native with its default threads, one per two cores, and with --threads 2; libcurl with its
default, one per core), requests/s and CPU seconds per request (user+sys of the generator). Open model: both transports
at a fixed rate on the fast and the 10 ms locations, and at half of wrk's ceiling beside wrk2
(when on PATH) with one thread and with two: corrected p50/p99 and the achieved rate.
Busy machine (--hog with, the default, or only): a CPU hog of about 1.2 cores runs beside each
generator for the closed model against wrk and the open model at --rate against wrk2 -t1/-t2;
then, without the hog, the open model at half of wrk's ceiling with each one's CPU per request.
--before adds another perfkit binary to those rows, interleaved, to show a change's effect.
"""
import statistics

from benchlib import arguments, closed_model, cpu_hog, has_wrk2, open_model, open_run, perfkit, wrk


def busy_machine(options, half_ceiling):
    """perfkit's native default (and `--before`'s, when given) beside wrk and wrk2 -t1/-t2 with the CPU hog
    running beside both: the closed model's rate and the open model's corrected latency at --rate; and
    without the hog, the CPU each spends per request at half of wrk's ceiling."""
    fast = options.base + "/"
    binaries = [("perfkit", options.perfkit)] + ([("before", options.before)] if options.before else [])
    closed = {name: [] for name in ["wrk"] + [name for name, _ in binaries]}
    open_cases = [(hogged, rate, label) for hogged, rate in ((True, options.rate), (False, half_ceiling))
                  for label in ["wrk2 -t1", "wrk2 -t2"] + [name for name, _ in binaries]]
    opened = {case: [] for case in open_cases}
    print(f"\nbusy machine: a CPU hog of about 1.2 cores beside the generator; {options.rounds} interleaved rounds "
          f"of {options.seconds}s")
    for round_number in range(1, options.rounds + 1):
        with cpu_hog():
            closed["wrk"].append(wrk(fast, options.connections, options.seconds))
        for name, binary in binaries:
            with cpu_hog():
                summary, cpu = perfkit(binary, ["throughput", fast, "--max", "--connections", str(options.connections),
                                                "--duration", f"{options.seconds}s"])
            closed[name].append((summary["achieved_rate"], cpu / max(1, summary["requests"]["completed"])))
        print(f"round {round_number} closed with hog: " + ", ".join(
            f"{name} {runs[-1][0]:.0f}/s {runs[-1][1] * 1e6:.1f} µs CPU/req" for name, runs in closed.items()))
        for hogged, rate, label in open_cases:
            binary = dict(binaries).get(label, options.perfkit)
            with cpu_hog(hogged):
                summary = open_run(options, binary, label if label.startswith("wrk2") else "native", [], fast, rate)
            opened[(hogged, rate, label)].append(summary)
            latency = summary["latency_ms"]
            print(f"round {round_number} open {rate} req/s {'with hog' if hogged else 'no hog'} {label:>9}: "
                  f"{summary['achieved_rate']:.1f}/s p50 {latency['p50']:.3f} p99 {latency['p99']:.3f} "
                  f"p99.9 {latency['p99_9']:.3f} ms, {cpu_per_request(summary) * 1e6:.2f} µs CPU/req")

    wrk_rate = statistics.median(rate for rate, _ in closed["wrk"])
    print(f"\nmedians, closed model with hog ({options.connections} connections)")
    print(f"{'generator':>9} {'req/s':>9} {'vs wrk':>7} {'CPU µs/req':>11}")
    for name, runs in closed.items():
        rate = statistics.median(rate for rate, _ in runs)
        print(f"{name:>9} {rate:>9.0f} {rate / wrk_rate:>7.3f} {statistics.median(cpu for _, cpu in runs) * 1e6:>11.2f}")
    for hogged, rate in ((True, options.rate), (False, half_ceiling)):
        print(f"\nmedians, open model at {rate} req/s {'with hog' if hogged else 'without hog'} (corrected latency, ms)")
        print(f"{'generator':>9} {'achieved':>9} {'p50':>8} {'p99':>8} {'p99.9':>8} {'CPU µs/req':>11} "
              f"{'vs wrk2 -t1':>12} {'vs wrk2 -t2':>12}")
        cpu = {label: statistics.median(cpu_per_request(s) for s in opened[(hogged, rate, label)])
               for _, _, label in open_cases}
        for _, _, label in open_cases[:len(open_cases) // 2]:
            runs = opened[(hogged, rate, label)]
            cells = [statistics.median(s["achieved_rate"] for s in runs)] + [
                statistics.median(s["latency_ms"][key] for s in runs) for key in ("p50", "p99", "p99_9")]
            print(f"{label:>9} {cells[0]:>9.1f} {cells[1]:>8.3f} {cells[2]:>8.3f} {cells[3]:>8.3f} "
                  f"{cpu[label] * 1e6:>11.2f} {cpu[label] / cpu['wrk2 -t1']:>12.2f} {cpu[label] / cpu['wrk2 -t2']:>12.2f}")


def cpu_per_request(summary):
    return summary["cpu_seconds"] / max(1, summary["requests"]["completed"])


def main():
    options = arguments(__doc__, rate={"type": int, "default": 2000},
                        memory_seconds={"type": int, "default": 60, "help": "length of the memory-flatness run; 0 skips it"},
                        hog={"choices": ["with", "only", "off"], "default": "with",
                             "help": "the busy-machine rows (CPU hog beside the generators): after the others, alone, or not"},
                        before={"help": "another perfkit binary measured beside --perfkit in the busy-machine rows"})
    if options.hog == "only":
        half_ceiling = int(statistics.median(wrk(options.base + "/", options.connections, options.seconds)[0]
                                             for _ in range(options.rounds)) / 2)
        return busy_machine(options, half_ceiling)
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
    if options.hog == "with":
        busy_machine(options, half_ceiling)


if __name__ == "__main__":
    main()
