"""What every generator benchmark shares: running a generator while measuring its CPU and memory,
and reading wrk's, wrk2's and perfkit's results."""
import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time


def run_measured(command, during=None, environment=None):
    """Runs command; returns (stdout, CPU seconds it used, its peak RSS in MiB). `during`, when
    given, is called once while command runs (to look at its sockets, say); `environment`
    holds variables set for command on top of this process's."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True,
                                   env={**os.environ, **environment} if environment else None)
        if during:
            during()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({process.returncode}): {err.read().strip()}")
        return out.read(), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def wrk(url, connections, seconds):
    out, cpu, _ = run_measured(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", url])
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    return float(match.group(1)), cpu / max(1, int(total.group(1)))


def wrk2(url, threads, connections, seconds, rate):
    """wrk2's constant-rate mode; its latency is corrected for coordinated omission, as perfkit's."""
    out, cpu, rss = run_measured(["wrk2", threads, f"-c{connections}", f"-d{seconds}s", f"-R{rate}", "--latency", url])

    def milliseconds(percentile):
        match = re.search(r"^\s*" + re.escape(percentile) + r"\s+([\d.]+)(us|ms|s)\b", out, re.M)
        return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]

    total = re.search(r"(\d+) requests in", out)
    return {"achieved_rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "latency_ms": {"p50": milliseconds("50.000%"), "p99": milliseconds("99.000%"),
                           "p99_9": milliseconds("99.900%")},
            "requests": {"dropped": "-", "completed": int(total.group(1))}, "peak_rss_mib": rss,
            "cpu_seconds": cpu}


def h2load(url, connections, streams, seconds, during=None):
    """h2load on one thread (-t1): returns (requests/s, CPU seconds per request)."""
    out, cpu, _ = run_measured(["h2load", "-t1", f"-c{connections}", f"-m{streams}", f"-D{seconds}", url], during)
    rate = re.search(r"finished in [\d.]+s, ([\d.]+) req/s", out)
    done = re.search(r"requests: \d+ total, \d+ started, (\d+) done", out)
    if not rate or not done:
        raise SystemExit(f"h2load printed no result: {out.strip()[-500:]}")
    return float(rate.group(1)), cpu / max(1, int(done.group(1)))


def established_connections(port):
    """TCP connections from this machine to 127.0.0.1:port that are established now."""
    out = subprocess.run(["ss", "-Htn", "state", "established", f"( dport = :{port} )"],
                         capture_output=True, text=True, check=True).stdout
    return sum(1 for line in out.splitlines() if line.strip())


def perfkit(binary, arguments, during=None, environment=None):
    out, cpu, rss = run_measured([binary, *arguments, "--format", "json", "-q", "--no-store"], during, environment)
    summary = json.loads(out)
    summary["peak_rss_mib"] = rss
    summary["cpu_seconds"] = cpu
    return summary, cpu


# One core's worth of busy loop, and a fifth of a core in 2 ms bursts every 10 ms: together about
# 1.2 cores, the load of a neighbour (a build, another service) on a small CI machine.
HOG_PROGRAMS = [
    "while True: pass",
    "import time\nwhile True:\n    end = time.monotonic() + 0.002\n    while time.monotonic() < end: pass\n"
    "    time.sleep(0.008)",
]


@contextlib.contextmanager
def cpu_hog(enabled=True):
    """Runs about 1.2 cores of busy loops beside the body (when enabled); stops them by PID."""
    if not enabled:
        yield
        return
    hogs = [subprocess.Popen([sys.executable, "-c", program]) for program in HOG_PROGRAMS]
    try:
        time.sleep(0.3)  # past the interpreters' start-up, so the load is steady when the run starts
        yield
    finally:
        for hog in hogs:
            hog.send_signal(signal.SIGKILL)
            hog.wait()


def arguments(description, tls=True, **extra):
    """The options bench/run passes every script, plus `extra` (name -> argparse keywords); without
    `tls`, no --tls-base (a script run against a target of its own, such as the demo target)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--base", required=True, help="http:// base of the target")
    if tls:
        parser.add_argument("--tls-base", required=True, help="https:// base of the same nginx (HTTP/1.1 and h2 by ALPN)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    for name, keywords in extra.items():
        parser.add_argument("--" + name.replace("_", "-"), **keywords)
    # bench/run passes every script the same options, so one script's own (compare's --hog, say)
    # reaches the others: they say so and go on, a typo shows as ignored by every script.
    options, unknown = parser.parse_known_args()
    if unknown:
        print(f"{parser.prog}: ignoring {' '.join(unknown)} (not an option of this script)", file=sys.stderr)
    return options


CLOSED_VARIANTS = [
    ("native", ["--transport", "native"]),
    ("native -t2", ["--transport", "native", "--threads", "2"]),
    ("curl", ["--transport", "curl"]),
]
"""perfkit's closed-model rows beside wrk -t1: the native transport with its default threads (one per
two cores) and with two, and libcurl with its default (one per core)."""


def _print_closed_row(label, row):
    cells = [f"{label:>6}", f"{row[0]:>9.0f}"]
    for index in range(len(CLOSED_VARIANTS)):
        cells += [f"{row[1 + 2 * index]:>11.0f}", f"{row[2 + 2 * index]:>6.3f}"]
    cpu = row[1 + 2 * len(CLOSED_VARIANTS):]
    cells += [f"{value:>11.1f}" for value in cpu]
    print(" ".join(cells))


def closed_model(options, url, extra_flags=()):
    """Interleaved rounds of wrk -t1 and each of CLOSED_VARIANTS (`perfkit throughput --max`) on url;
    prints every round and the medians, and returns the medians as a dict: wrk's rate and CPU µs per
    request, and per variant its rate, its ratio to wrk's and its CPU µs per request."""
    print(f"closed model, {url}, {options.connections} connections, {options.seconds}s per run, {options.rounds} rounds")
    header = [f"{'round':>6}", f"{'wrk -t1':>9}"]
    for name, _ in CLOSED_VARIANTS:
        header += [f"{name:>11}", f"{'ratio':>6}"]
    header += [f"{'CPU/req ' + name:>11}" for name in ["wrk"] + [n for n, _ in CLOSED_VARIANTS]]
    print(" ".join(header) + "   (CPU in µs)")
    rows = []
    for round_number in range(1, options.rounds + 1):
        wrk_rate, wrk_cpu = wrk(url, options.connections, options.seconds)
        rates, cpus = [], [wrk_cpu * 1e6]
        for _, flags in CLOSED_VARIANTS:
            summary, cpu = perfkit(options.perfkit, ["throughput", url, "--max", "--connections",
                                                      str(options.connections), "--duration", f"{options.seconds}s",
                                                      *flags, *extra_flags])
            rates += [summary["achieved_rate"], summary["achieved_rate"] / wrk_rate]
            cpus.append(cpu / max(1, summary["requests"]["completed"]) * 1e6)
        row = (wrk_rate, *rates, *cpus)
        rows.append(row)
        _print_closed_row(str(round_number), row)
    medians = tuple(statistics.median(column) for column in zip(*rows))
    _print_closed_row("median", medians)
    result = {"wrk": {"rate": medians[0], "cpu_us": medians[1 + 2 * len(CLOSED_VARIANTS)]}}
    for index, (name, _) in enumerate(CLOSED_VARIANTS):
        result[name] = {"rate": medians[1 + 2 * index], "ratio": medians[2 + 2 * index],
                        "cpu_us": medians[2 + 2 * len(CLOSED_VARIANTS) + index]}
    return result


def has_wrk2():
    """Whether wrk2 is on PATH; says how to get it when not."""
    if shutil.which("wrk2"):
        return True
    print("(wrk2 is not on PATH: it is not packaged by Debian; build it from giltene/wrk2 to add its rows)")
    return False


def open_run(options, binary, label, flags, url, rate):
    """One open-model run at `rate`: wrk2 when `label` names it (`wrk2 -tN`), else perfkit `binary`
    with the transport `label` starts with and `flags`. Returns the summary, with its CPU seconds."""
    if label.startswith("wrk2"):
        return wrk2(url, label.split()[1], options.connections, options.seconds, rate)
    summary, _ = perfkit(binary, ["latency", url, "--rate", str(rate), "--duration", f"{options.seconds}s",
                                  "--connections", str(options.connections), "--transport", label.split()[0], *flags])
    return summary


def open_model(options, cases, extra_flags=()):
    """Interleaved rounds of open-model cases (label, flags, location name, url, rate): labels starting
    with `wrk2 -tN` run wrk2 with N threads, the others `perfkit latency --transport <first word of
    label>` with flags. Prints every run and the medians; returns {(label, name, rate): medians}."""
    print(f"{'round':>5} {'generator':>15} {'location':>9} {'target':>7} {'achieved':>10} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'p99.9 ms':>9} {'dropped':>8} {'peak RSS MiB':>13}")
    by_case = {(case[0], case[2], case[4]): [] for case in cases}
    for round_number in range(1, options.rounds + 1):
        for label, flags, name, url, rate in cases:
            summary = open_run(options, options.perfkit, label, [*(flags or ()), *extra_flags], url, rate)
            latency = summary["latency_ms"]
            by_case[(label, name, rate)].append(summary)
            print(f"{round_number:>5} {label:>15} {name:>9} {rate:>7} {summary['achieved_rate']:>10.1f} "
                  f"{latency['p50']:>8.3f} {latency['p99']:>8.3f} {latency['p99_9']:>9.3f} "
                  f"{summary['requests']['dropped']:>8} {summary['peak_rss_mib']:>13.1f}")
    medians = {}
    for label, _, name, _, rate in cases:
        summaries = by_case[(label, name, rate)]
        p50 = statistics.median(s["latency_ms"]["p50"] for s in summaries)
        p99 = statistics.median(s["latency_ms"]["p99"] for s in summaries)
        achieved = statistics.median(s["achieved_rate"] for s in summaries)
        medians[(label, name, rate)] = {"p50": p50, "p99": p99, "achieved_rate": achieved,
                                        "peak_rss_mib": statistics.median(s["peak_rss_mib"] for s in summaries)}
        print(f"median {label:>15} {name:>9} {rate:>7} {achieved:>10.1f} {p50:>8.3f} {p99:>8.3f}  "
              f"(rate within {abs(achieved - rate) / rate * 100:.2f}% of target)")
    return medians
