"""The servers the bench scripts start on free loopback ports, and stop by PID: the demo target
(`perfkit serve --control`) and Debian's Prometheus scraping it."""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process):
    """Ends a process this script started, by its PID."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until(what, condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"{what} within {seconds}s: no")


def get(url):
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status, response.read().decode()


class DemoTarget:
    """`perfkit serve --control [serve flags]` on a free loopback port, named `name` (its version)."""

    def __init__(self, perfkit, name="demo", serve_flags=()):
        self.name = name
        self.process = subprocess.Popen([perfkit, "serve", "--port", "0", "--control", *serve_flags],
                                        stdout=subprocess.PIPE, text=True)
        match = re.search(r"listening on (http://127\.0\.0\.1:(\d+))", self.process.stdout.readline())
        if not match:
            stop(self.process)
            raise SystemExit(f"demo target {name} did not start")
        self.base, self.port = match.group(1), int(match.group(2))

    def control(self, setting, value):
        """PUTs `value` to /control/`setting` (error-rate, slowdown)."""
        request = urllib.request.Request(f"{self.base}/control/{setting}", data=str(value).encode(), method="PUT")
        with urllib.request.urlopen(request, timeout=2) as response:
            assert response.status == 200


class Prometheus:
    """Debian's prometheus scraping every target each second, each with a static `version` label
    (its name), with its data in a temporary folder."""

    def __init__(self, targets):
        self.folder = tempfile.mkdtemp(prefix="perfkit-bench-prometheus-")
        config = os.path.join(self.folder, "prometheus.yml")
        listed = "".join(f"      - targets: ['127.0.0.1:{t.port}']\n        labels: {{version: '{t.name}'}}\n" for t in targets)
        with open(config, "w") as file:
            file.write("global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n  evaluation_interval: 1s\n"
                       f"scrape_configs:\n  - job_name: demo\n    static_configs:\n{listed}")
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(["prometheus", f"--config.file={config}", f"--storage.tsdb.path={self.folder}/data",
                                         f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until("Prometheus ready", lambda: get(self.base + "/-/ready")[0] == 200)
        wait_until("Prometheus scraping every target",
                   lambda: f',"{len(targets)}"]' in get(self.base + "/api/v1/query?query=count(up%3D%3D1)")[1])

    def stop(self):
        stop(self.process)
        shutil.rmtree(self.folder, ignore_errors=True)
