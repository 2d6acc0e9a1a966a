"""Steps per second of a 5-step flow, and whether memory stays flat (see bench/flow-steps)."""
import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile

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


def run(perfkit, base, vus, seconds):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
        handle.write(FLOW.format(base=base, vus=vus, seconds=seconds))
        path = handle.name
    try:
        completed = subprocess.run(
            ["/usr/bin/time", "-v", perfkit, "run", path, "--no-store", "-q", "--format", "json"],
            capture_output=True, text=True, check=False)
    finally:
        os.unlink(path)
    summary = json.loads(completed.stdout)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", completed.stderr).group(1))
    failed = sum(check["failures"] for check in summary["checks"])
    return summary["requests"]["achieved_rate"], rss / 1024, failed, summary["iterations"]["requests"]["sent"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--perfkit", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    arguments = parser.parse_args()
    counts = [8, 32, 128]
    rates = {count: [] for count in counts}
    for round_number in range(arguments.rounds):
        for count in counts:
            rate, rss, failed, iterations = run(arguments.perfkit, arguments.base, count, arguments.seconds)
            rates[count].append(rate)
            print(f"round {round_number + 1}  vus {count:4d}  {rate:9.0f} steps/s  {iterations} iterations  "
                  f"failed checks {failed}  peak RSS {rss:.1f} MiB", flush=True)
    for count in counts:
        print(f"median  vus {count:4d}  {statistics.median(rates[count]):9.0f} steps/s")
    short = run(arguments.perfkit, arguments.base, 32, arguments.seconds)
    long = run(arguments.perfkit, arguments.base, 32, arguments.seconds * 4)
    print(f"memory  {arguments.seconds}s: {short[1]:.1f} MiB   {arguments.seconds * 4}s: {long[1]:.1f} MiB "
          f"({long[3]} iterations)")


if __name__ == "__main__":
    main()
