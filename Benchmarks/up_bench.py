"""`swiftlet up` from the command to the first successful score, and the memory of the whole local system idle.

Each run starts `swiftlet up` (the binary already built) and POSTs manifests/samples/quickstart-request.json to the
quickstart endpoint through the router every 20 ms until it answers 200; the time is measured here, from just before
the process starts. "fresh" runs start in an empty data directory (CRDs and samples are created, the models copied);
"restart" runs start again on the data directory the fresh run left (the stored state resumes). After the last run
the system idles, then the memory of `up` and every process under it (the scorers, the Python workers) is read from
/proc: RSS, and PSS (shared pages divided among the processes that share them, so the sum is not inflated by the
binary's pages that every process maps).

Then the cold start: a ModelDeployment of the quickstart model with `minReplicas: 0` (a 2 s scale-down window) is
left to scale to zero, and one request is timed through the router while it waits for a replica to start, load
the model and answer; as many times as --runs.

    .venv/bin/python Benchmarks/up_bench.py [--swiftlet .build/release/swiftlet] [--runs 5] [--idle 10]
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUEST = (ROOT / "manifests" / "samples" / "quickstart-request.json").read_bytes()


def start(swiftlet, data_dir, *flags):
    started = time.monotonic()
    process = subprocess.Popen([swiftlet, "up", "--data-dir", str(data_dir), "--port", "0", "--api-port", "0", *flags],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    port = None
    while port is None:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("swiftlet up exited before its banner")
        match = re.search(r"router http://127\.0\.0\.1:(\d+)", line)
        port = match and int(match.group(1))
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("POST", "/endpoints/default/quickstart/score", body=REQUEST,
                               headers={"Content-Type": "application/json"})
            if connection.getresponse().status == 200:
                process.port = port
                return process, time.monotonic() - started
        except OSError:
            pass
        if time.monotonic() - started > 120:
            raise RuntimeError("no score within 120 s")
        time.sleep(0.02)


def stop(process):
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(60)
    return time.monotonic() - started


def tree(pid):
    """`pid` and every process under it."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue += children.get(current, [])
    return pids


def memory_kib(pid):
    """RSS and PSS of one process, in KiB."""
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    field = lambda name: int(re.search(rf"^{name}:\s+(\d+) kB", rollup, re.M).group(1))
    return field("Rss"), field("Pss")


def command(pid):
    words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    name = Path(words[0].decode()).name
    return f"{name} {words[1].decode()}" if name == "swiftlet" and len(words) > 1 else name


NAPPER = [
    {"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "metadata": {"name": "napper-1"},
     "spec": {"modelName": "napper", "version": 1, "format": "onnx",
              "uri": f"file://{ROOT}/samples/quickstart/1/model.onnx"}},
    {"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelDeployment", "metadata": {"name": "napper"},
     "spec": {"endpoint": "naps", "model": {"ref": "napper-1"},
              "scale": {"minReplicas": 0, "maxReplicas": 1, "targetConcurrency": 4}}},
    {"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint", "metadata": {"name": "naps"},
     "spec": {"auth": {"mode": "none"}, "traffic": {"napper": 100}}},
]


def cold_starts(swiftlet, data_dir, runs):
    """Seconds from a request to its answer, each time from zero replicas."""
    process, _ = start(swiftlet, data_dir, "--scale-down-window-seconds", "2")
    env = dict(os.environ, KUBECONFIG=str(data_dir / "kubeconfig"))

    def kubectl(*args, input=None):
        result = subprocess.run(["kubectl", *args], env=env, input=input, text=True, capture_output=True, timeout=30)
        if result.returncode != 0:
            raise RuntimeError(f"kubectl {' '.join(args)}: {result.stderr}")
        return result.stdout

    seconds = []
    try:
        kubectl("apply", "-f", "-", input=json.dumps({"apiVersion": "v1", "kind": "List", "items": NAPPER}))
        for _ in range(runs):
            deadline = time.monotonic() + 60
            while True:
                status = json.loads(kubectl("get", "deployment", "napper", "-o", "json"))
                if status["spec"].get("replicas") == 0 and not status.get("status", {}).get("replicas"):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("napper did not scale to zero")
                time.sleep(0.2)
            began = time.monotonic()
            connection = http.client.HTTPConnection("127.0.0.1", process.port, timeout=60)
            connection.request("POST", "/endpoints/default/naps/score", body=REQUEST,
                               headers={"Content-Type": "application/json"})
            if connection.getresponse().status != 200:
                raise RuntimeError("the cold request failed")
            seconds.append(time.monotonic() - began)
    finally:
        stop(process)
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--swiftlet", default=str(ROOT / ".build" / "release" / "swiftlet"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds to idle before reading memory")
    args = parser.parse_args()
    swiftlet = str(Path(args.swiftlet).resolve())

    fresh, restart, stops = [], [], []
    work = Path(tempfile.mkdtemp(prefix="swiftlet-up-bench-"))
    try:
        for run in range(args.runs):
            data = work / f"data-{run}"
            process, seconds = start(swiftlet, data)
            fresh.append(seconds)
            stops.append(stop(process))
            process, seconds = start(swiftlet, data)
            restart.append(seconds)
            if run < args.runs - 1:
                stops.append(stop(process))
        time.sleep(args.idle)
        rows = [(pid, command(pid), *memory_kib(pid)) for pid in tree(process.pid)]
        stops.append(stop(process))
        cold = cold_starts(swiftlet, work / "cold", args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"swiftlet up, {args.runs} runs each ({swiftlet})")
    print(f"| start | first score median | min | max |")
    print(f"|---|---|---|---|")
    for name, values in (("fresh data directory", fresh), ("restart on stored state", restart)):
        print(f"| {name} | {statistics.median(values):.2f} s | {min(values):.2f} s | {max(values):.2f} s |")
    print(f"stop (SIGTERM to exit, every process gone): median {statistics.median(stops):.2f} s, max {max(stops):.2f} s")
    print(f"\nidle memory after {args.idle:.0f} s (3 scorers: 2 ONNX, 1 Python with 1 worker)")
    print("| process | RSS MiB | PSS MiB |")
    print("|---|---|---|")
    for _, name, rss, pss in rows:
        print(f"| {name} | {rss / 1024:.1f} | {pss / 1024:.1f} |")
    print(f"| total | {sum(r[2] for r in rows) / 1024:.1f} | {sum(r[3] for r in rows) / 1024:.1f} |")
    print(f"\ncold start from zero replicas, one request through the router, {len(cold)} runs: "
          f"median {statistics.median(cold):.2f} s, min {min(cold):.2f} s, max {max(cold):.2f} s")


if __name__ == "__main__":
    main()
