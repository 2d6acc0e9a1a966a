"""What every generator benchmark shares: running a generator while measuring its CPU and memory,
and reading wrk's, wrk2's and perfkit's results."""
import argparse
import json
import os
import re
import subprocess
import tempfile


def run_measured(command, during=None):
    """Runs command; returns (stdout, CPU seconds it used, its peak RSS in MiB). `during`, when
    given, is called once while command runs (to look at its sockets, say)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
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
    out, _, rss = run_measured(["wrk2", threads, f"-c{connections}", f"-d{seconds}s", f"-R{rate}", "--latency", url])

    def milliseconds(percentile):
        match = re.search(r"^\s*" + re.escape(percentile) + r"\s+([\d.]+)(us|ms|s)\b", out, re.M)
        return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]

    return {"achieved_rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "latency_ms": {"p50": milliseconds("50.000%"), "p99": milliseconds("99.000%"),
                           "p99_9": milliseconds("99.900%")},
            "requests": {"dropped": "-"}, "peak_rss_mib": rss}


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


def perfkit(binary, arguments, during=None):
    out, cpu, rss = run_measured([binary, *arguments, "--format", "json", "-q", "--no-store"], during)
    summary = json.loads(out)
    summary["peak_rss_mib"] = rss
    return summary, cpu


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
    return parser.parse_args()
