"""`swiftlet up` end to end: the whole system in one command, in a temporary data directory, with the quickstart
samples. Scores through the router, moves traffic with kubectl under load, pins, scales, deletes, and stops and
starts again; the real kubectl talks to the embedded API server throughout. The tests run in file order and share
one `up` (each one builds on the state the one before left)."""
import base64
import functools
import hashlib
import http.client
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import SWIFTLET
from test_apiserver_kubectl import Kubectl

ROOT = Path(__file__).resolve().parents[2]
REQUEST = (ROOT / "manifests" / "samples" / "quickstart-request.json").read_bytes()
SCORE = "/endpoints/default/quickstart/score"


class Up:
    """A `swiftlet up` process: its banner read from stdout, its stderr in a file."""

    def __init__(self, data_dir, work):
        self.data_dir = data_dir
        self.kubeconfig = data_dir / "kubeconfig"
        self.err_path = work / f"up-{time.monotonic_ns()}.err"
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [str(SWIFTLET), "up", "--data-dir", str(data_dir), "--port", "0", "--api-port", "0",
             "--scale-down-window-seconds", "4"],
            stdout=subprocess.PIPE, stderr=open(self.err_path, "wb"), text=True, start_new_session=True)
        self.lines = []
        self.first_score = threading.Event()
        self.banner = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.banner.wait(60), f"no banner:\n{self.logs()}"
        self.port = int(re.search(r"router http://127\.0\.0\.1:(\d+)", self.lines[0]).group(1))

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("swiftlet is up"):
                self.banner.set()
            if line.startswith("quickstart serves"):
                self.first_score_seconds = float(re.search(r"first score ([\d.]+) s", line).group(1))
                self.first_score.set()

    def logs(self):
        return "\n".join(self.lines) + "\n" + self.err_path.read_text(errors="replace")[-4000:]

    def post(self, path=SCORE, body=REQUEST, headers=None, connection=None):
        own = connection is None
        connection = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("POST", path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
            response = connection.getresponse()
            response.data = response.read()
            return response
        finally:
            if own:
                connection.close()

    def stop(self, sig=signal.SIGTERM, timeout=30):
        started = time.monotonic()
        self.process.send_signal(sig)
        self.process.wait(timeout)
        return time.monotonic() - started


def processes_under(data_dir):
    """The pids of processes whose command line names the data directory (the replicas run from it)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(data_dir) in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def wait_for(predicate, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(message() if callable(message) else message)


@pytest.fixture(scope="module")
def system(tmp_path_factory):
    work = tmp_path_factory.mktemp("up")
    state = {"up": Up(work / "data", work), "work": work}
    yield state
    up = state["up"]
    if up.process.poll() is None:
        up.stop(signal.SIGKILL)
    wait_for(lambda: not processes_under(work / "data"), 10, "replicas outlived the test")


def kubectl(system):
    return Kubectl(system["up"], system["work"] / "kube-cache")


def test_the_printed_curl_scores_and_the_endpoint_is_ready_at_90_10(system):
    up = system["up"]
    assert up.first_score.wait(60), f"the quickstart endpoint never served:\n{up.logs()}"
    print(f"time to first score: {up.first_score_seconds:.2f} s")
    curl = next(line for line in up.lines if "curl -s -X POST" in line)
    body = next(line for line in up.lines if line.strip().startswith("-d '")).strip()[4:-1]
    assert f"http://127.0.0.1:{up.port}{SCORE}" in curl
    assert json.loads(body) == json.loads(REQUEST)
    response = up.post(body=body.encode())
    assert response.status == 200, response.data
    assert json.loads(response.data) == [0, 1, 2]  # setosa, versicolor, virginica
    assert response.getheader("x-swiftlet-deployment") in ("quickstart-blue", "quickstart-green")

    k = kubectl(system)
    table = k.run("get", "swiftlet").stdout
    assert re.search(r"modelendpoint\.serving\.swiftlet\.dev/quickstart\s+http://127\.0\.0\.1:\d+" + SCORE, table), table
    endpoint = k.json("get", "mep", "quickstart")
    conditions = {c["type"]: c["status"] for c in endpoint["status"]["conditions"]}
    assert conditions["Ready"] == "True", endpoint["status"]
    assert endpoint["status"]["traffic"] == {"quickstart-blue": 90, "quickstart-green": 10}
    pods = k.json("get", "pods")["items"]
    assert sorted(p["metadata"]["labels"]["serving.swiftlet.dev/deployment"] for p in pods) == [
        "linear-python-v1", "quickstart-blue", "quickstart-green"]
    assert all(p["status"]["phase"] == "Running" for p in pods), [p["status"] for p in pods]


def test_the_python_sample_serves_through_its_endpoint(system):
    up = system["up"]
    wait_for(lambda: up.post("/endpoints/default/linear-python/score", b'{"data": [[1, 2, 3, 4]]}').status == 200,
             60, lambda: f"linear-python never served:\n{up.logs()}")
    response = up.post("/endpoints/default/linear-python/score", (ROOT / "samples" / "python" / "request.json").read_bytes())
    assert response.status == 200
    assert json.loads(response.data)["predictions"] == [1, 0]


def test_a_pinned_request_reaches_its_deployment(system):
    up = system["up"]
    for name in ("quickstart-blue", "quickstart-green"):
        for _ in range(20):
            response = up.post(headers={"x-swiftlet-deployment": name})
            assert response.status == 200 and response.getheader("x-swiftlet-deployment") == name


def test_a_mirror_is_compared_and_the_comparison_shows_in_the_endpoints_status(system):
    up, k = system["up"], kubectl(system)
    k.run("patch", "mep", "quickstart", "--type", "merge", "-p", '{"spec":{"mirrorTraffic":{"quickstart-green":50}}}')
    wait_for(lambda: k.json("get", "mep", "quickstart")["status"].get("mirrorTraffic") == {"quickstart-green": 50}, 10,
             "the mirror was not applied")
    served = [up.post(headers={"x-user": str(i)}).getheader("x-swiftlet-deployment") for i in range(200)]
    mirrored_from = served.count("quickstart-blue")  # green's own requests are not copied to it

    def reported():
        mirrors = k.json("get", "mep", "quickstart")["status"].get("mirrors") or [{}]
        entry = mirrors[0]
        return entry if entry.get("compared", 0) + entry.get("failed", 0) + entry.get("dropped", 0) >= 40 else None

    entry = wait_for(reported, 20, lambda: f"no comparison reported: {k.json('get', 'mep', 'quickstart')['status']}")
    # About half of blue's requests were copied; the two model versions agree on some rows and not others.
    assert entry["deployment"] == "quickstart-green" and entry["compared"] <= mirrored_from
    assert 0 <= entry["agreed"] <= entry["compared"] and entry["failed"] == 0
    assert entry["agreement"] == round(entry["agreed"] / entry["compared"], 4)
    assert "latencyDifferenceSeconds" in entry
    k.run("patch", "mep", "quickstart", "--type", "merge", "-p", '{"spec":{"mirrorTraffic":null}}')
    wait_for(lambda: "mirrors" not in k.json("get", "mep", "quickstart")["status"], 20,
             "the comparison outlived the mirror")


def test_patching_traffic_to_green_under_load_moves_every_request_within_a_second(system):
    up = system["up"]
    answers, stop = [], threading.Event()

    def load():
        connection = http.client.HTTPConnection("127.0.0.1", up.port, timeout=10)
        while not stop.is_set():
            try:
                response = up.post(connection=connection)
                answers.append((time.monotonic(), response.status, response.getheader("x-swiftlet-deployment")))
            except (OSError, http.client.HTTPException) as error:
                answers.append((time.monotonic(), repr(error), None))
                connection = http.client.HTTPConnection("127.0.0.1", up.port, timeout=10)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    kubectl(system).run("patch", "mep", "quickstart", "--type", "merge",
                        "-p", '{"spec":{"traffic":{"quickstart-blue":0,"quickstart-green":100}}}')
    patched = time.monotonic()
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()
    failures = [a for a in answers if a[1] != 200]
    assert not failures, failures[:5]
    before = [a for a in answers if a[0] < patched]
    assert {a[2] for a in before} == {"quickstart-blue", "quickstart-green"}, "the 90/10 split was not live before"
    late = [a for a in answers if a[0] > patched + 1.0]
    assert len(late) > 50 and {a[2] for a in late} == {"quickstart-green"}, {a[2] for a in late}
    # A pin still reaches blue at 0 %.
    assert up.post(headers={"x-swiftlet-deployment": "quickstart-blue"}).getheader("x-swiftlet-deployment") == "quickstart-blue"


def scorer_requests(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/metrics")
    text = connection.getresponse().read().decode()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith('scorer_requests_total{route="/score",status="200"}'))


def test_scaling_green_to_two_replicas_uses_both(system):
    up, k = system["up"], kubectl(system)
    k.run("patch", "mdep", "quickstart-green", "--type", "merge", "-p", '{"spec":{"scale":{"minReplicas":2}}}')

    def ready_ports():
        slices = k.json("get", "endpointslices", "-l", "kubernetes.io/service-name=quickstart-green")["items"]
        return [s["ports"][0]["port"] for s in slices if s["endpoints"][0]["conditions"]["ready"]]

    ports = wait_for(lambda: len(ready_ports()) == 2 and ready_ports(), 60, lambda: f"no second replica:\n{up.logs()}")
    deployment = k.json("get", "deployment", "quickstart-green")
    assert deployment["spec"]["replicas"] == 2 and deployment["status"]["readyReplicas"] == 2, deployment["status"]
    wait_for(lambda: k.json("get", "mdep", "quickstart-green")["status"].get("readyReplicas") == 2, 10,
             "the ModelDeployment does not report 2 ready replicas")
    before = {port: scorer_requests(port) for port in ports}
    for _ in range(200):
        assert up.post().status == 200
    used = {port: scorer_requests(port) - before[port] for port in ports}
    assert all(count >= 20 for count in used.values()), used
    assert sum(used.values()) == 200, used


def test_swiftlet_logs_prints_the_replicas_logs(system):
    result = subprocess.run([str(SWIFTLET), "logs", "quickstart-green", "--data-dir", str(system["up"].data_dir)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("==> quickstart-green-") == 2
    assert "starting fetch-model" in result.stdout and "scorer listening" in result.stdout
    missing = subprocess.run([str(SWIFTLET), "logs", "nope", "--data-dir", str(system["up"].data_dir)],
                             capture_output=True, text=True, timeout=30)
    assert missing.returncode != 0 and "no logs for deployment nope" in missing.stderr


def test_kubectl_logs_reads_a_replicas_log_through_the_api_server(system):
    k = kubectl(system)
    tail = k.run("logs", "deploy/quickstart-blue", "--tail=1").stdout
    assert tail.count("\n") == 1 and "scorer listening on http://127.0.0.1:" in tail, tail
    pod = k.json("get", "pods", "-l", "serving.swiftlet.dev/deployment=quickstart-blue")["items"][0]["metadata"]["name"]
    whole = k.run("logs", pod).stdout
    assert "starting fetch-model" in whole and "model fetched" in whole and "model 'quickstart' loaded" in whole
    assert len(k.run("logs", pod, "--limit-bytes=10").stdout) == 10
    previous = k.run("logs", pod, "--previous", check=False)
    assert previous.returncode != 0 and "every start of the pod's containers" in previous.stderr
    # -f streams what is appended: a killed scorer's exit and its restart, as the runtime notes them.
    green = k.json("get", "pods", "-l", "serving.swiftlet.dev/deployment=quickstart-green")["items"][0]["metadata"]["name"]
    follow = k.background("logs", "-f", green, "--tail=0")
    time.sleep(1.0)
    os.kill(next(p for p in processes_under(system["up"].data_dir) if f"/{green}/" in cmdline(p)), signal.SIGKILL)
    time.sleep(2.5)
    follow.terminate()
    streamed = follow.communicate(timeout=10)[0]
    assert f"{green}: scorer exited with 137" in streamed and "starting scorer" in streamed, streamed


def test_a_second_up_on_the_same_data_directory_is_refused(system):
    up = system["up"]
    result = subprocess.run([str(SWIFTLET), "up", "--data-dir", str(up.data_dir), "--port", "0", "--api-port", "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"another swiftlet up (pid {up.process.pid}) is using {up.data_dir}" in result.stderr, result.stderr
    assert up.post().status == 200


def test_a_model_in_use_is_held_then_deleting_its_deployment_stops_the_processes(system):
    up, k = system["up"], kubectl(system)
    k.run("delete", "model", "quickstart-1", "--wait=false")
    model = k.json("get", "model", "quickstart-1")
    assert model["metadata"].get("deletionTimestamp") and "serving.swiftlet.dev/in-use" in model["metadata"]["finalizers"]
    assert up.post(headers={"x-swiftlet-deployment": "quickstart-blue"}).status == 200

    blue = [pid for pid in processes_under(up.data_dir)
            if "quickstart-blue" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")]
    assert blue, "no blue scorer process"
    k.run("delete", "mdep", "quickstart-blue")
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in blue), 20, "blue's processes still run")
    wait_for(lambda: not k.json("get", "endpointslices", "-l", "kubernetes.io/service-name=quickstart-blue")["items"],
             10, "blue's EndpointSlices remain")
    wait_for(lambda: k.run("get", "model", "quickstart-1", check=False).returncode != 0, 20,
             "the Model was not deleted once nothing used it")
    assert up.post().status == 200


def cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def test_a_killed_scorer_is_restarted_and_serves_again(system):
    up, k = system["up"], kubectl(system)
    pod = k.json("get", "pods", "-l", "serving.swiftlet.dev/deployment=quickstart-green")["items"][0]["metadata"]["name"]
    pid = next(p for p in processes_under(up.data_dir) if f"/{pod}/" in cmdline(p) and " scorer " in cmdline(p))
    os.kill(pid, signal.SIGKILL)

    def restarted():
        status = k.json("get", "pod", pod)["status"]["containerStatuses"][0]
        return status["restartCount"] >= 1 and status["ready"] and status

    status = wait_for(restarted, 30, lambda: f"{pod} was not restarted:\n{up.logs()}")
    assert status["lastState"]["terminated"]["exitCode"] == 137  # 128 + SIGKILL, as a container reports it
    wait_for(lambda: all(up.post().status == 200 for _ in range(20)), 10, "scoring did not recover")


def test_a_deleted_pod_is_replaced_by_a_new_replica(system):
    up, k = system["up"], kubectl(system)
    names = lambda: {p["metadata"]["name"] for p in k.json("get", "pods", "-l",
                                                          "serving.swiftlet.dev/deployment=quickstart-green")["items"]}
    before = names()
    victim = sorted(before)[0]
    pids = [p for p in processes_under(up.data_dir) if f"/{victim}/" in cmdline(p)]
    assert pids
    k.run("delete", "pod", victim)
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in pids), 20, "the deleted pod's process still runs")
    wait_for(lambda: k.json("get", "deployment", "quickstart-green")["status"].get("readyReplicas") == 2
             and len(names()) == 2 and victim not in names(), 30, lambda: f"no replacement: {names()}\n{up.logs()}")
    assert all(up.post().status == 200 for _ in range(20))


@pytest.fixture
def model_server():
    """The quickstart models over HTTP on 127.0.0.1, as a model store."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / "samples" / "quickstart"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_an_http_model_is_fetched_and_verified_and_the_local_hpa_scales_on_cpu(system, model_server):
    up, k = system["up"], kubectl(system)
    digest = hashlib.sha256((ROOT / "samples" / "quickstart" / "2" / "model.onnx").read_bytes()).hexdigest()
    model = lambda name, sha: {"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "metadata": {"name": name},
                               "spec": {"modelName": "iris", "version": 2, "format": "onnx", "sha256": sha,
                                        "uri": f"{model_server}/2/model.onnx"}}
    k.apply(model("iris-http", digest))
    k.apply(model("iris-wrong-sum", "0" * 64))
    deployment = lambda name, ref, scale: {
        "apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelDeployment", "metadata": {"name": name},
        "spec": {"endpoint": "iris", "model": {"ref": ref}, "scale": scale,
                 "resources": {"requests": {"cpu": "100m"}}}}
    no_request = deployment("iris-cpu", "iris-http", {"minReplicas": 1, "maxReplicas": 4, "targetCPUUtilization": 70})
    del no_request["spec"]["resources"]
    refused = k.run("apply", "-f", "-", input=json.dumps(no_request), check=False)
    assert refused.returncode != 0 and "targetCPUUtilization needs resources.requests.cpu" in refused.stderr
    k.apply(deployment("iris-cpu", "iris-http", {"minReplicas": 1, "maxReplicas": 4, "targetCPUUtilization": 70}))
    k.apply(deployment("iris-broken", "iris-wrong-sum", {"minReplicas": 1}))
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint", "metadata": {"name": "iris"},
             "spec": {"auth": {"mode": "key"}, "traffic": {"iris-cpu": 100}}})

    def key():
        secret = k.run("get", "secret", "iris-keys", "-o", "jsonpath={.data.primaryKey}", check=False)
        return secret.returncode == 0 and base64.b64decode(secret.stdout).decode()

    bearer = {"Authorization": f"Bearer {wait_for(key, 30, 'no key Secret')}"}
    path = "/endpoints/default/iris/score"
    wait_for(lambda: up.post(path, headers=bearer).status == 200, 60, lambda: f"iris never served:\n{up.logs()}")
    assert json.loads(up.post(path, headers=bearer).data) == [0, 1, 2]
    assert up.post(path).status == 401

    # With a CPU target the HPA owns the replica count: under load, the scorer uses far more than 70 % of its
    # 100m request, so the local HPA controller scales it up and says why in the HPA's status.
    stop = threading.Event()

    def load():
        connection = http.client.HTTPConnection("127.0.0.1", up.port, timeout=10)
        while not stop.is_set():
            up.post(path, headers=bearer, connection=connection)

    threads = [threading.Thread(target=load) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        wait_for(lambda: k.json("get", "deployment", "iris-cpu")["status"].get("readyReplicas", 0) >= 2, 60,
                 lambda: f"the HPA did not scale up: {k.json('get', 'hpa', 'iris-cpu').get('status')}\n{up.logs()}")
        status = k.json("get", "hpa", "iris-cpu")["status"]
        assert status["desiredReplicas"] >= 2
        assert status["currentMetrics"][0]["resource"]["current"]["averageUtilization"] > 70, status
        table = k.run("get", "hpa", "iris-cpu").stdout.split("\n")
        assert table[0].split() == ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"], table
        assert "Deployment/iris-cpu" in table[1] and re.search(r"cpu: \d+%/70%", table[1]), table
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    # Idle, after the scale-down window (4 s here): back to the minimum.
    wait_for(lambda: k.json("get", "deployment", "iris-cpu")["spec"]["replicas"] == 1, 30,
             lambda: f"the HPA did not scale down: {k.json('get', 'hpa', 'iris-cpu').get('status')}")

    def fetch_failed():
        conditions = {c["type"]: c for c in k.json("get", "mdep", "iris-broken").get("status", {}).get("conditions", [])}
        loaded = conditions.get("ModelLoaded", {})
        return loaded.get("reason") == "FetchFailed" and loaded
    loaded = wait_for(fetch_failed, 30, "a checksum mismatch did not show as FetchFailed")
    assert "checksum mismatch" in loaded["message"], loaded["message"]
    k.run("delete", "mep", "iris")
    wait_for(lambda: not [p for p in processes_under(up.data_dir) if "/iris-" in cmdline(p)], 30,
             "the iris replicas outlived their endpoint")


SLOW_SCORE_PY = """
import json, time
def init():
    pass
def run(raw_data):
    time.sleep(0.2)
    return {"ok": True}
"""


def test_concurrency_autoscaling_follows_the_requests_in_flight(system, tmp_path):
    up, k = system["up"], kubectl(system)
    model_dir = tmp_path / "slow"
    model_dir.mkdir()
    (model_dir / "score.py").write_text(SLOW_SCORE_PY)
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "metadata": {"name": "slow-1"},
             "spec": {"modelName": "slow", "version": 1, "format": "python", "entryScript": "score.py",
                      "uri": f"file://{model_dir}"}})
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelDeployment", "metadata": {"name": "slow-v1"},
             "spec": {"endpoint": "slow", "model": {"ref": "slow-1"}, "scorer": {"workers": 1, "maxQueueWaitMs": 5000},
                      "scale": {"minReplicas": 1, "maxReplicas": 3, "targetConcurrency": 1}}})
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint", "metadata": {"name": "slow"},
             "spec": {"auth": {"mode": "none"}, "traffic": {"slow-v1": 100}}})
    path = "/endpoints/default/slow/score"
    wait_for(lambda: up.post(path, b"{}").status == 200, 60, lambda: f"slow never served:\n{up.logs()}")
    replicas = lambda: k.json("get", "deployment", "slow-v1")["spec"].get("replicas", 1)
    assert replicas() == 1

    stop, failures = threading.Event(), []

    def load():
        connection = http.client.HTTPConnection("127.0.0.1", up.port, timeout=30)
        while not stop.is_set():
            status = up.post(path, b"{}", connection=connection).status
            if status != 200:
                failures.append(status)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        # 4 requests in flight, 1 wanted per replica: the maximum, 3.
        wait_for(lambda: replicas() == 3, 30, lambda: f"did not scale up: {replicas()}\n{up.logs()}")
        wait_for(lambda: k.json("get", "deployment", "slow-v1")["status"].get("readyReplicas") == 3, 60,
                 "the new replicas did not become ready")
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not failures, failures[:5]
    # Idle: after the scale-down window (4 s here), back to the minimum.
    wait_for(lambda: replicas() == 1, 30, lambda: f"did not scale down: {replicas()}")
    k.run("delete", "mep", "slow")


def test_a_deployment_scales_to_zero_when_idle_and_the_next_request_brings_it_back(system):
    up, k = system["up"], kubectl(system)
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "metadata": {"name": "napper-1"},
             "spec": {"modelName": "napper", "version": 1, "format": "onnx",
                      "uri": f"file://{ROOT}/samples/quickstart/1/model.onnx"}})
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelDeployment", "metadata": {"name": "napper"},
             "spec": {"endpoint": "naps", "model": {"ref": "napper-1"},
                      "scale": {"minReplicas": 0, "maxReplicas": 2, "targetConcurrency": 4}}})
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint", "metadata": {"name": "naps"},
             "spec": {"auth": {"mode": "none"}, "traffic": {"napper": 100}}})
    path = "/endpoints/default/naps/score"
    wait_for(lambda: up.post(path).status == 200, 60, lambda: f"naps never served:\n{up.logs()}")
    replicas = lambda: k.json("get", "deployment", "napper")["spec"].get("replicas", 1)
    napping = lambda: [p for p in processes_under(up.data_dir) if "/napper-" in cmdline(p)]
    assert replicas() == 1 and napping()
    # Idle for the whole scale-down window (4 s here): zero replicas, no process, and still Available and Ready.
    wait_for(lambda: replicas() == 0, 30, lambda: f"did not scale to zero: {replicas()}\n{up.logs()}")
    wait_for(lambda: not napping(), 15, "the replica's processes outlived the scale to zero")
    conditions = lambda kind, name: {c["type"]: c for c in k.json("get", kind, name)["status"]["conditions"]}
    wait_for(lambda: conditions("mdep", "napper")["Available"]["reason"] == "ScaledToZero", 10,
             lambda: f"not reported scaled to zero: {conditions('mdep', 'napper')}")
    assert conditions("mdep", "napper")["Available"]["status"] == "True"
    assert conditions("mep", "naps")["Ready"]["status"] == "True"
    assert k.json("get", "mep", "naps")["status"]["deployments"] == [
        {"name": "napper", "ready": True, "model": "napper-1", "scalesToZero": True}]

    # The next requests are held while a replica starts, then answered: none fails.
    with ThreadPoolExecutor(3) as pool:
        began = time.monotonic()
        answers = list(pool.map(lambda _: up.post(path), range(3)))
        cold_start = time.monotonic() - began
    assert [(a.status, json.loads(a.data)) for a in answers] == [(200, [0, 1, 2])] * 3, answers[0].data
    assert cold_start < 10, cold_start
    assert replicas() == 1 and napping()
    print(f"cold start through the router: {cold_start:.2f} s")
    wait_for(lambda: replicas() == 0, 30, "did not scale to zero again")
    k.run("delete", "mep", "naps")


def test_stopping_leaves_no_process_and_starting_again_resumes_the_state(system):
    up = system["up"]
    seconds = up.stop(signal.SIGTERM)
    print(f"swiftlet up stopped in {seconds:.2f} s")
    assert up.process.returncode == 0, up.logs()
    assert not processes_under(up.data_dir), "processes outlived swiftlet up"

    again = system["up"] = Up(up.data_dir, system["work"])
    assert again.first_score.wait(60), again.logs()
    k = kubectl(system)
    assert k.json("get", "mep", "quickstart")["spec"]["traffic"] == {"quickstart-blue": 0, "quickstart-green": 100}
    assert k.run("get", "mdep", "quickstart-blue", check=False).returncode != 0
    wait_for(lambda: k.json("get", "deployment", "quickstart-green")["status"].get("readyReplicas") == 2, 60,
             "green's two replicas did not come back")
    assert {again.post().getheader("x-swiftlet-deployment") for _ in range(20)} == {"quickstart-green"}


def test_a_killed_up_leaves_no_orphan_scorers(system):
    up = system["up"]
    replicas = processes_under(up.data_dir)
    assert len(replicas) >= 3, replicas
    up.stop(signal.SIGKILL)
    wait_for(lambda: not processes_under(up.data_dir), 15, lambda: f"orphans: {processes_under(up.data_dir)}")


@pytest.mark.parametrize("flag", ["--port", "--api-port"])
def test_a_port_in_use_is_refused_naming_the_flag(tmp_path, flag):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        other = "--api-port" if flag == "--port" else "--port"
        result = subprocess.run([str(SWIFTLET), "up", "--data-dir", str(tmp_path / "data"), flag, str(port), other, "0"],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"127.0.0.1:{port}" in result.stderr and f"give {flag} another port" in result.stderr, result.stderr
    assert not processes_under(tmp_path / "data")



def test_no_samples_starts_with_the_crds_and_nothing_else(tmp_path):
    process = subprocess.Popen([str(SWIFTLET), "up", "--data-dir", str(tmp_path / "data"), "--port", "0",
                                "--api-port", "0", "--no-samples"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        banner = process.stdout.readline()
        assert banner.startswith("swiftlet is up"), banner
        class Server:
            kubeconfig = tmp_path / "data" / "kubeconfig"
            logs = staticmethod(lambda: "")
        k = Kubectl(Server, tmp_path / "kube-cache")
        assert {c["metadata"]["name"] for c in k.json("get", "crd")["items"]} == {
            "models.serving.swiftlet.dev", "modeldeployments.serving.swiftlet.dev", "modelendpoints.serving.swiftlet.dev"}
        assert k.json("get", "swiftlet")["items"] == []
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
