"""The operator at scale: `swiftlet controller` (its own process) against `swiftlet apiserver`, with E endpoints of
D ModelDeployments each (1,000 under 100 by default). `operator-bench` creates them, plays the kubelet (every
scorer Deployment reports its replicas ready at once) and waits until every endpoint is Ready with its split
applied and every ModelDeployment Available. Prints the time, the controller's RSS and CPU, and the apiserver's.

    .venv/bin/python Benchmarks/operator_bench.py --bin .build/release [--endpoints 100] [--per-endpoint 10] [--runs 1]
"""
import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from controller_bench import cpu_seconds, rss_mib, start_apiserver


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release", help="folder with swiftlet and operator-bench")
    parser.add_argument("--endpoints", type=int, default=100)
    parser.add_argument("--per-endpoint", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=4, help="the controller's reconciles at once, per kind")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    binary = Path(args.bin)

    print("| run | endpoints × deployments | created in s | all Ready in s | deployments Ready/s | controller RSS MiB "
          "(peak) | controller CPU s | apiserver RSS MiB (peak) | apiserver CPU s |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as data_dir:
        server, kubeconfig = start_apiserver(str(binary / "swiftlet"), data_dir)
        controller = subprocess.Popen(
            [str(binary / "swiftlet"), "controller", "--kubeconfig", kubeconfig, "--no-leader-elect",
             "--health-port", "0", "--log-level", "warning", "--concurrency", str(args.concurrency)])
        try:
            for run in range(1, args.runs + 1):
                server_cpu, controller_cpu = cpu_seconds(server.pid), cpu_seconds(controller.pid)
                output = subprocess.run(
                    [str(binary / "operator-bench"), "--kubeconfig", kubeconfig, "--endpoints", str(args.endpoints),
                     "--per-endpoint", str(args.per_endpoint)],
                    capture_output=True, text=True, timeout=900, check=True).stdout
                result = json.loads(output.strip().splitlines()[-1])
                print(f"| {run} | {result['endpoints']} × {args.per_endpoint} | {result['create_s']:.2f} | "
                      f"{result['ready_s']:.2f} | {result['deployments_ready_per_s']:.0f} | "
                      f"{rss_mib(controller.pid, 'VmRSS'):.1f} ({rss_mib(controller.pid, 'VmHWM'):.1f}) | "
                      f"{cpu_seconds(controller.pid) - controller_cpu:.1f} | {rss_mib(server.pid, 'VmRSS'):.1f} "
                      f"({rss_mib(server.pid, 'VmHWM'):.1f}) | {cpu_seconds(server.pid) - server_cpu:.1f} |", flush=True)
        finally:
            for process in (controller, server):
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
