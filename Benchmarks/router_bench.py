"""The router's cost, side by side in one run on 127.0.0.1: one ONNX scorer (`swiftlet scorer --model`) loaded
directly, through `swiftlet router` (fed by `swiftlet apiserver`), and through nginx (Debian's nginx-light, keep-alive
upstream) in front of the same scorer. wrk at each concurrency; rounds interleave the three so drift on a shared
machine hits them alike, and the median round is reported. Also the proxies' CPU time per request.

    .venv/bin/python Benchmarks/router_bench.py [--swiftlet .build/release/swiftlet] [--duration 10] [--rounds 3]
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scorer_bench import free_port, start, wrk

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "Tests" / "Fixtures" / "model-zoo" / "logreg_digits"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def ensure_nginx():
    if shutil.which("nginx") is None:
        subprocess.run("apt-get update -qq && apt-get install -y -qq nginx-light", shell=True, check=True)
    return shutil.which("nginx")


def nginx_config(directory, listen, upstream):
    (directory / "logs").mkdir(parents=True, exist_ok=True)
    config = directory / "nginx.conf"
    config.write_text(f"""worker_processes {os.cpu_count()};
error_log {directory}/logs/error.log;
pid {directory}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {directory}/body; proxy_temp_path {directory}/proxy;
  upstream scorer {{ server 127.0.0.1:{upstream}; keepalive 64; }}
  server {{
    listen 127.0.0.1:{listen};
    location / {{ proxy_pass http://scorer/; proxy_http_version 1.1; proxy_set_header Connection ""; }}
  }}
}}
""")
    return config


def kubectl(kubeconfig, *args, input=None):
    subprocess.run(["kubectl", "--kubeconfig", str(kubeconfig), *args], input=input, text=True, check=True,
                   capture_output=True)


def start_apiserver(swiftlet, data_dir, log):
    process = subprocess.Popen([swiftlet, "apiserver", "--data-dir", str(data_dir), "--port", "0"], stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if (data_dir / "kubeconfig").exists() and "listening on" in Path(log.name).read_text(errors="replace"):
            return process, data_dir / "kubeconfig"
        time.sleep(0.05)
    raise RuntimeError("apiserver did not start")


def route(kubeconfig, scorer_port):
    """An endpoint `bench` whose applied split sends everything to one deployment, and that deployment's one pod."""
    kubectl(kubeconfig, "apply", "-f", str(ROOT / "manifests" / "crds"))
    kubectl(kubeconfig, "apply", "-f", "-", input=json.dumps({
        "apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint",
        "metadata": {"name": "bench", "namespace": "default"},
        "spec": {"auth": {"mode": "none"}, "traffic": {"direct": 100}}}))
    kubectl(kubeconfig, "patch", "modelendpoint", "bench", "--subresource=status", "--type=merge", "-p",
            json.dumps({"status": {"traffic": {"direct": 100}, "deployments": [{"name": "direct", "ready": True}]}}))
    kubectl(kubeconfig, "apply", "-f", "-", input=json.dumps({
        "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": "direct-1", "namespace": "default", "labels": {
            "kubernetes.io/service-name": "direct", "app.kubernetes.io/managed-by": "swiftlet",
            "app.kubernetes.io/component": "scorer"}},
        "addressType": "IPv4", "ports": [{"name": "http", "port": scorer_port, "protocol": "TCP"}],
        "endpoints": [{"addresses": ["127.0.0.1"], "conditions": {"ready": True}}]}))


def wait_ok(url, body):
    deadline = time.monotonic() + 30
    while True:
        try:
            request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--swiftlet", default=str(ROOT / ".build" / "release" / "swiftlet"))
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", default="1,32")
    args = parser.parse_args()
    swiftlet = str(Path(args.swiftlet).resolve())
    nginx = ensure_nginx()
    body = (MODEL / "inputs.json").read_text().strip()
    work = Path(tempfile.mkdtemp(prefix="router-bench-"))
    lua = work / "post.lua"
    lua.write_text(f'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[{body}]==]\n')
    processes = []
    try:
        log = open(work / "processes.log", "wb")
        scorer_port, router_port, nginx_port = free_port(), free_port(), free_port()
        scorer, _ = start("scorer", [swiftlet, "scorer", "--model", str(MODEL / "model.onnx"), "--port",
                                     str(scorer_port), "--log-level", "warning"],
                          f"http://127.0.0.1:{scorer_port}/ready", log)
        processes.append(scorer)
        api, kubeconfig = start_apiserver(swiftlet, work / "data", open(work / "apiserver.log", "wb"))
        processes.append(api)
        route(kubeconfig, scorer_port)
        router, _ = start("router", [swiftlet, "router", "--kubeconfig", str(kubeconfig), "--host", "127.0.0.1",
                                     "--port", str(router_port), "--log-level", "warning"],
                          f"http://127.0.0.1:{router_port}/readyz", log)
        processes.append(router)
        ngx = subprocess.Popen([nginx, "-p", str(work / "nginx"), "-c", str(nginx_config(work / "nginx", nginx_port,
                               scorer_port)), "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
        processes.append(ngx)
        targets = {
            "direct": (f"http://127.0.0.1:{scorer_port}/score", []),
            "router": (f"http://127.0.0.1:{router_port}/endpoints/default/bench/score", [router.pid]),
            "nginx": (f"http://127.0.0.1:{nginx_port}/score", None),
        }
        for url, _ in targets.values():
            wait_ok(url, body)
            wrk(url, 8, 2, str(lua))  # warm-up
        nginx_workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(ngx.pid)], capture_output=True,
                                                         text=True).stdout.split()]
        targets["nginx"] = (targets["nginx"][0], nginx_workers)
        concurrencies = [int(c) for c in args.concurrency.split(",")]
        rounds = {(name, c): [] for name in targets for c in concurrencies}
        for _ in range(args.rounds):
            for c in concurrencies:
                for name, (url, pids) in targets.items():
                    before = cpu_seconds(pids)
                    run = wrk(url, c, args.duration, str(lua))
                    run["cpu_us"] = (cpu_seconds(pids) - before) / (run["rps"] * args.duration) * 1e6 if pids else None
                    rounds[(name, c)].append(run)
        report(rounds, concurrencies, args)
    finally:
        for process in reversed(processes):
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(work, ignore_errors=True)


def median_run(runs):
    """The round with the median throughput (its latencies and CPU come with it)."""
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


def report(rounds, concurrencies, args):
    print(f"\nONNX scorer ({MODEL.name}) direct, through swiftlet router, through nginx; wrk {args.duration}s x "
          f"{args.rounds} interleaved rounds (median round), 127.0.0.1, {os.cpu_count()} cores shared by all\n")
    print("| concurrency | path | req/s | p50 ms | p99 ms | proxy CPU per request |")
    print("|---|---|---|---|---|---|")
    for c in concurrencies:
        for name in ("direct", "router", "nginx"):
            run = median_run(rounds[(name, c)])
            cpu = f"{run['cpu_us']:.0f} µs" if run["cpu_us"] is not None else "–"
            print(f"| {c} | {name} | {run['rps']:.0f} | {run['p50']:.3f} | {run['p99']:.3f} | {cpu} |")
    print("\n| concurrency | router p50 added | nginx p50 added | router / direct req/s | router / nginx req/s |")
    print("|---|---|---|---|---|")
    for c in concurrencies:
        direct, router, nginx = (median_run(rounds[(name, c)]) for name in ("direct", "router", "nginx"))
        print(f"| {c} | {(router['p50'] - direct['p50']) * 1000:.0f} µs | {(nginx['p50'] - direct['p50']) * 1000:.0f} µs"
              f" | {router['rps'] / direct['rps']:.0%} | {router['rps'] / nginx['rps']:.0%} |")
    failures = {f"{name} c={c}": [r["non2xx"] for r in runs] for (name, c), runs in rounds.items()
                if any(r["non2xx"] or r["socket_errors"] for r in runs)}
    if failures:
        print(f"\nnon-2xx or socket errors: {failures}")
    print(f"\n{' '.join([sys.executable] + sys.argv)}")


if __name__ == "__main__":
    main()
