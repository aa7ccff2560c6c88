"""The Kubernetes machinery end to end: `swiftlet apiserver` (the embedded API server, SQLite, HTTPS) and a trivial
controller built on Sources/Controller (watch -> cache -> queue -> reconcile writing status.observedGeneration).
Creates N custom objects and measures until the controller has reconciled all of them and seen its status writes
come back through its watch. Prints throughput, the RSS of both processes and their CPU time per object (the controller's figure includes the
load generator, which runs in the same process).

    .venv/bin/python Benchmarks/controller_bench.py --bin .build/release [--count 1000] [--runs 3]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rss_mib(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_apiserver(binary, data_dir):
    process = subprocess.Popen(
        [binary, "apiserver", "--data-dir", data_dir, "--port", "0", "--log-level", "warning"],
        stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if "listening on" in line:
            return process, line.split("kubeconfig: ")[1].rstrip(")\n")
        if process.poll() is not None:
            break
    process.kill()
    sys.exit("swiftlet apiserver did not become ready")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release", help="folder with swiftlet and controller-bench")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--creators", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    binary = Path(args.bin)

    print("| run | objects | create/s | reconciled all in s | reconciled/s | controller RSS MiB (peak) | "
          "apiserver RSS MiB (peak) | CPU ms per object: apiserver / controller |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as data_dir:
        server, kubeconfig = start_apiserver(str(binary / "swiftlet"), data_dir)
        try:
            for run in range(1, args.runs + 1):
                server_cpu, bench_cpu = cpu_seconds(server.pid), children_cpu_seconds()
                output = subprocess.run(
                    [str(binary / "controller-bench"), "--kubeconfig", kubeconfig, "--count", str(args.count),
                     "--creators", str(args.creators), "--workers", str(args.workers)],
                    capture_output=True, text=True, timeout=600, check=True).stdout
                result = json.loads(output.strip().splitlines()[-1])
                server_ms = (cpu_seconds(server.pid) - server_cpu) * 1000 / result["count"]
                bench_ms = (children_cpu_seconds() - bench_cpu) * 1000 / result["count"]
                print(f"| {run} | {result['count']} | {result['creates_per_s']:.0f} | {result['reconciled_s']:.2f} | "
                      f"{result['reconciled_per_s']:.0f} | {result['controller_rss_mib']:.1f} "
                      f"({result['controller_peak_rss_mib']:.1f}) | {rss_mib(server.pid, 'VmRSS'):.1f} "
                      f"({rss_mib(server.pid, 'VmHWM'):.1f}) | {server_ms:.2f} / {bench_ms:.2f} |", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
