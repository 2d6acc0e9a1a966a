"""What every generator benchmark shares: running a generator while measuring its CPU and memory,
and reading wrk's, wrk2's and perfkit's results."""
import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time


def run_measured(command):
    """Runs command; returns (stdout, CPU seconds it used, its peak RSS in MiB)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
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


def perfkit(binary, arguments):
    out, cpu, rss = run_measured([binary, *arguments, "--format", "json", "-q", "--no-store"])
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


def arguments(description, **extra):
    """The options bench/run passes every script, plus `extra` (name -> argparse keywords)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--base", required=True, help="http:// base of bench/run's nginx")
    parser.add_argument("--tls-base", required=True, help="https:// base of the same nginx (HTTP/1.1 and h2 by ALPN)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    for name, keywords in extra.items():
        parser.add_argument("--" + name.replace("_", "-"), **keywords)
    return parser.parse_args()
