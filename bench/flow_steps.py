"""A 5-step flow against the demo target (see bench/flow-steps): perfkit's native client against
`--transport curl`, perfkit's native single-URL path and Locust's FastHttpUser, in interleaved
rounds with medians; then steps per second for several virtual-user counts and whether memory
stays flat."""
import csv
import os
import statistics
import subprocess
import sys
import tempfile

from benchlib import arguments, perfkit, run_measured

FLOW = """
name: bench-flow
target: {base}
variables:
  symbol: [EURUSD, GBPUSD, USDJPY, XAUUSD]
load: {{ vus: {vus}, duration: {seconds}s }}
flow:
  - name: quote
    path: /api/prices/{{{{symbol}}}}
    check: {{ status: 200, json: [ {{ path: $.ask, exists: true }} ] }}
    capture: {{ ask: $.ask }}
  - name: signal
    method: POST
    path: /api/signals
    body: {{ symbol: "{{{{symbol}}}}" }}
    check: {{ status: 201 }}
    capture: {{ signal_id: $.id, side: $.side }}
  - name: order
    method: POST
    path: /api/orders
    body: {{ symbol: "{{{{symbol}}}}", side: "{{{{side}}}}", quantity: 100, signal_id: "{{{{signal_id}}}}" }}
    check: {{ status: 201 }}
    capture: {{ order_id: $.id }}
  - name: status
    path: /api/orders/{{{{order_id}}}}
    check: {{ status: 200, json: [ {{ path: $.status, matches: "^(new|filled)$" }} ] }}
  - name: health
    path: /healthz
"""

# The same five steps, checks and captures for Locust's FastHttpUser, no think time.
LOCUSTFILE = """
import itertools
from locust import FastHttpUser, constant, task

SYMBOLS = itertools.cycle(["EURUSD", "GBPUSD", "USDJPY", "XAUUSD"])


class Flow(FastHttpUser):
    wait_time = constant(0)

    @task
    def flow(self):
        symbol = next(SYMBOLS)
        with self.client.get(f"/api/prices/{symbol}", name="quote", catch_response=True) as response:
            if response.status_code != 200 or "ask" not in response.json():
                return response.failure("quote")
        with self.client.post("/api/signals", json={"symbol": symbol}, name="signal", catch_response=True) as response:
            if response.status_code != 201:
                return response.failure("signal")
            signal = response.json()
        order = {"symbol": symbol, "side": signal["side"], "quantity": 100, "signal_id": signal["id"]}
        with self.client.post("/api/orders", json=order, name="order", catch_response=True) as response:
            if response.status_code != 201:
                return response.failure("order")
            order_id = response.json()["id"]
        with self.client.get(f"/api/orders/{order_id}", name="status", catch_response=True) as response:
            if response.status_code != 200 or response.json()["status"] not in ("new", "filled"):
                return response.failure("status")
        self.client.get("/healthz", name="health")
"""

LOCUST_VENV = "/tmp/perfkit-locust"
VIRTUAL_USERS = 32
# Bars: the flow's CPU per request at most this many times the single-URL path's; its steps/s
# at least this many times Locust's.
CPU_BAR = 1.5
LOCUST_BAR = 6.0


def flow(binary, base, vus, seconds, transport=()):
    """One run of the flow: (steps/s, CPU µs per request sent, failed checks, client used, summary)."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
        handle.write(FLOW.format(base=base, vus=vus, seconds=seconds))
        path = handle.name
    try:
        summary, cpu = perfkit(binary, ["run", path, *transport])
    finally:
        os.unlink(path)
    sent = summary["requests"]["requests"]["sent"]
    failed = sum(check["failures"] for check in summary["checks"])
    return summary["requests"]["achieved_rate"], cpu / max(1, sent) * 1e6, failed, summary.get("transport"), summary


def single_url(binary, base, seconds):
    """perfkit's native single-URL path on /healthz: (requests/s, CPU µs per request sent). With
    polling off (PERFKIT_POLL=off), as a flow's waits never poll: on an idle machine a load run's
    waits spin up to 50 µs, and that spin, not the requests, would be most of what it spends."""
    summary, cpu = perfkit(binary, ["throughput", base + "/healthz", "--max", "--connections", str(VIRTUAL_USERS),
                                    "--duration", f"{seconds}s", "--transport", "native"],
                           environment={"PERFKIT_POLL": "off"})
    return summary["achieved_rate"], cpu / max(1, summary["requests"]["sent"]) * 1e6


def locust_binary():
    """Locust in its own virtual environment, installed on first use."""
    binary = os.path.join(LOCUST_VENV, "bin", "locust")
    if not os.path.exists(binary):
        subprocess.run([sys.executable, "-m", "venv", LOCUST_VENV], check=True)
        subprocess.run([os.path.join(LOCUST_VENV, "bin", "pip"), "install", "-q", "locust"], check=True)
    return binary


def locust(binary, base, seconds):
    """One headless Locust process, 32 users: (steps/s, CPU µs per request, failures)."""
    with tempfile.TemporaryDirectory() as folder:
        locustfile = os.path.join(folder, "locustfile.py")
        with open(locustfile, "w") as handle:
            handle.write(LOCUSTFILE)
        prefix = os.path.join(folder, "stats")
        _, cpu, _ = run_measured([binary, "-f", locustfile, "--headless", "-u", str(VIRTUAL_USERS),
                                  "-r", str(VIRTUAL_USERS), "--run-time", f"{seconds}s", "--host", base,
                                  "--csv", prefix, "--only-summary", "--loglevel", "ERROR"])
        with open(prefix + "_stats.csv") as handle:
            total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    requests = int(total["Request Count"])
    return float(total["Requests/s"]), cpu / max(1, requests) * 1e6, int(total["Failure Count"])


def bar(name, measured, limit, at_most):
    met = measured <= limit if at_most else measured >= limit
    print(f"bar  {name}: {measured:.2f} ({'≤' if at_most else '≥'} {limit:.2f}) "
          f"{'met' if met else 'NOT met'} by {abs(measured - limit) / limit * 100:.0f}%")
    return met


def compare(options):
    seconds = options.seconds
    locust_path = locust_binary()
    print(f"5-step flow, {VIRTUAL_USERS} VUs, no think time, {seconds}s per run, {options.rounds} interleaved rounds "
          "(CPU per request = user+sys / requests sent, µs)")
    print(f"{'round':>6} {'curl st/s':>10} {'curl CPU':>9} {'native st/s':>12} {'native CPU':>11} "
          f"{'1-URL req/s':>12} {'1-URL CPU':>10} {'locust st/s':>12} {'locust CPU':>11}")
    rows = []
    for round_number in range(1, options.rounds + 1):
        curl_rate, curl_cpu, curl_failed, curl_client, _ = flow(options.perfkit, options.base, VIRTUAL_USERS, seconds,
                                                                ["--transport", "curl"])
        native_rate, native_cpu, native_failed, native_client, _ = flow(options.perfkit, options.base, VIRTUAL_USERS,
                                                                        seconds)
        if (curl_client, native_client) != ("curl", "native"):
            raise SystemExit(f"expected the curl then the native client, perfkit reported {curl_client}, {native_client}")
        if curl_failed or native_failed:
            raise SystemExit(f"failed checks: curl {curl_failed}, native {native_failed}")
        url_rate, url_cpu = single_url(options.perfkit, options.base, seconds)
        locust_rate, locust_cpu, locust_failed = locust(locust_path, options.base, seconds)
        if locust_failed:
            raise SystemExit(f"locust: {locust_failed} failed requests")
        row = (curl_rate, curl_cpu, native_rate, native_cpu, url_rate, url_cpu, locust_rate, locust_cpu)
        rows.append(row)
        print_row(str(round_number), row)
    medians = tuple(statistics.median(column) for column in zip(*rows))
    print_row("median", medians)
    curl_rate, curl_cpu, native_rate, native_cpu, url_rate, url_cpu, locust_rate, _ = medians
    print(f"native vs curl: {native_rate / curl_rate:.2f}x steps/s, {curl_cpu / native_cpu:.2f}x less CPU per request")
    cpu_met = bar("flow CPU/request ÷ single-URL CPU/request", native_cpu / url_cpu, CPU_BAR, at_most=True)
    rate_met = bar("flow steps/s ÷ Locust steps/s", native_rate / locust_rate, LOCUST_BAR, at_most=False)
    return cpu_met and rate_met


def print_row(label, row):
    curl_rate, curl_cpu, native_rate, native_cpu, url_rate, url_cpu, locust_rate, locust_cpu = row
    print(f"{label:>6} {curl_rate:10.0f} {curl_cpu:9.2f} {native_rate:12.0f} {native_cpu:11.2f} "
          f"{url_rate:12.0f} {url_cpu:10.2f} {locust_rate:12.0f} {locust_cpu:11.1f}", flush=True)


def scan(options):
    counts = [8, 32, 128]
    rates = {count: [] for count in counts}
    for round_number in range(options.rounds):
        for count in counts:
            rate, _, failed, _, summary = flow(options.perfkit, options.base, count, options.seconds)
            rates[count].append(rate)
            print(f"round {round_number + 1}  vus {count:4d}  {rate:9.0f} steps/s  "
                  f"{summary['iterations']['requests']['sent']} iterations  failed checks {failed}  "
                  f"peak RSS {summary['peak_rss_mib']:.1f} MiB", flush=True)
    for count in counts:
        print(f"median  vus {count:4d}  {statistics.median(rates[count]):9.0f} steps/s")
    short = flow(options.perfkit, options.base, 32, options.seconds)[4]
    long = flow(options.perfkit, options.base, 32, options.seconds * 4)[4]
    print(f"memory  {options.seconds}s: {short['peak_rss_mib']:.1f} MiB   {options.seconds * 4}s: "
          f"{long['peak_rss_mib']:.1f} MiB ({long['iterations']['requests']['sent']} iterations)")


def main():
    options = arguments(__doc__, tls=False)
    met = compare(options)
    print()
    scan(options)
    if not met:
        raise SystemExit("a bar was not met")


if __name__ == "__main__":
    main()
