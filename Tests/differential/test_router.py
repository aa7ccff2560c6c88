"""`swiftlet router` end to end: real scorer processes (`swiftlet scorer` running fixtures/named.py, which answers
with the deployment it runs as), `swiftlet apiserver` holding ModelEndpoints, EndpointSlices and key Secrets written
with the real kubectl, and the router between the client and the scorers. Split accuracy, pins, sticky callers,
traffic edits and a killed pod under load, mirrors (also slow and dead ones), keys, and the router's own errors."""
import base64
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, SWIFTLET, Server, free_port
from test_apiserver_kubectl import APIServerProcess, Kubectl

ROOT = Path(__file__).resolve().parents[2]
SCORER_LABELS = {"app.kubernetes.io/managed-by": "swiftlet", "app.kubernetes.io/component": "scorer"}


class Cluster:
    """The API server, the router, and the scorer processes a test starts; endpoints and slices through kubectl."""

    def __init__(self, work):
        self.work = work
        self.api = APIServerProcess(work / "data")
        self.kubectl = Kubectl(self.api, work / "kube-cache")
        self.kubectl.run("apply", "-f", str(ROOT / "manifests" / "crds"))
        self.scorers = []
        self.port = free_port()
        self.router = Server("router", [str(SWIFTLET), "router", "--kubeconfig", str(self.api.kubeconfig),
                                        "--host", "127.0.0.1", "--port", str(self.port), "--domain", "models.test",
                                        "--request-timeout-seconds", "2", "--max-body-bytes", "30000000"],
                             self.port, work, "/readyz", work / "router.log").wait_ready()

    def scorer(self, deployment, sleep=0.0, workers=1, routed=True):
        """A scorer process answering as `deployment`, and (if `routed`) an EndpointSlice of its own to it."""
        port = free_port()
        env = dict(os.environ, DEPLOYMENT_NAME=deployment, SLEEP_SECONDS=str(sleep))
        log = open(self.work / f"scorer-{deployment}-{port}.log", "wb")
        process = subprocess.Popen(
            [str(SWIFTLET), "scorer", "--entry-script", str(FIXTURES / "named.py"), "--model-dir", str(self.work),
             "--port", str(port), "--workers", str(workers), "--python", sys.executable, "--log-level", "warning"],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        self.scorers.append(process)
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/ready")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, f"scorer {deployment} did not start"
            time.sleep(0.05)
        if routed:
            self.slice(deployment, port)
        return process, port

    def slice(self, deployment, port, ready=True, namespace="default"):
        self.kubectl.apply({
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": {"name": f"{deployment}-{port}", "namespace": namespace,
                         "labels": {"kubernetes.io/service-name": deployment, **SCORER_LABELS}},
            "addressType": "IPv4", "ports": [{"name": "http", "port": port, "protocol": "TCP"}],
            "endpoints": [{"addresses": ["127.0.0.1"], "conditions": {"ready": ready}}]})

    def endpoint(self, name, traffic, mirror=None, auth="none", sticky=None, listed=(), to_zero=()):
        spec = {"auth": {"mode": auth}, "traffic": traffic}
        if sticky:
            spec["stickyBy"] = sticky
        self.kubectl.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint",
                            "metadata": {"name": name, "namespace": "default"}, "spec": spec})
        self.apply_split(name, traffic, mirror, listed, to_zero)

    def apply_split(self, name, traffic, mirror=None, listed=(), to_zero=()):
        """Writes the endpoint's applied split into its status, as the controller does once deployments are ready;
        the deployments in `to_zero` scale to zero."""
        names = sorted(set(traffic) | set(mirror or {}) | set(listed))
        status = {"traffic": traffic, "mirrorTraffic": mirror,
                  "deployments": [{"name": n, "ready": True, **({"scalesToZero": True} if n in to_zero else {})}
                                  for n in names]}
        self.kubectl.run("patch", "modelendpoint", name, "--subresource=status", "--type=merge",
                         "-p", json.dumps({"status": status}))

    def stop(self):
        for process in self.scorers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.scorers:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.router.stop()
        self.api.stop()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("router"))
    for deployment in ("blue", "green", "red"):
        cluster.scorer(deployment, workers=2)
    yield cluster
    cluster.stop()


def score(port, endpoint, headers=None, body=b"{}", connection=None, path="score"):
    """One request; returns (status, the serving deployment's own answer or the error, the router's headers)."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", f"/endpoints/default/{endpoint}/{path}", body=body,
                           headers={"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        answer = json.loads(data) if data.startswith(b"{") else data
        return response.status, answer, {k.lower(): v for k, v in response.getheaders()}
    finally:
        if own:
            connection.close()


def until(condition, timeout=5.0):
    """Waits for `condition()` to hold; returns the seconds it took."""
    began = time.monotonic()
    while not condition():
        assert time.monotonic() - began < timeout, "condition not met in time"
        time.sleep(0.02)
    return time.monotonic() - began


def serves(cluster, endpoint, deployment, **kwargs):
    return lambda: score(cluster.port, endpoint, **kwargs)[1] == {"deployment": deployment, "length": 2}


def tally(port, endpoint, requests):
    """At least `requests` answers through wrk (two threads, 16 connections), in as few timed runs as the measured
    rate allows: counts by (status, served, header)."""
    counts, seconds = {}, 3
    while sum(counts.values()) < requests:
        out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "-s", str(FIXTURES / "tally.lua"),
                              f"http://127.0.0.1:{port}/endpoints/default/{endpoint}/score"],
                             capture_output=True, text=True, check=True, timeout=120).stdout
        for status, served, header, count in re.findall(r"^TALLY (\d+) (\S+) (\S+) (\d+)$", out, re.M):
            key = (int(status), served, header)
            counts[key] = counts.get(key, 0) + int(count)
        rate = max(sum(counts.values()), 1) / seconds
        seconds = max(1, min(60, int((requests - sum(counts.values())) / rate * 1.2) + 1))
    return counts


@pytest.mark.parametrize("traffic", [{"blue": 90, "green": 10}, {"blue": 50, "green": 30, "red": 20}],
                         ids=["90-10", "50-30-20"])
def test_twenty_thousand_requests_follow_the_weights(cluster, traffic):
    cluster.endpoint("split", traffic)
    until(lambda: score(cluster.port, "split")[0] == 200)
    counts = tally(cluster.port, "split", 20_000)
    total = sum(counts.values())
    assert total >= 20_000
    # Every answer is a 200 from the deployment the router says served it.
    assert all(status == 200 and served == header for status, served, header in counts), counts
    for deployment, percent in traffic.items():
        share = sum(n for (_, served, _), n in counts.items() if served == deployment) / total * 100
        assert abs(share - percent) <= 1.5, f"{deployment}: {share:.2f} % for {percent} %"


def test_a_pinned_request_lands_on_its_deployment_even_at_zero_percent(cluster):
    cluster.endpoint("pinned", {"blue": 100, "green": 0})
    until(serves(cluster, "pinned", "blue"))
    connection = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=10)
    for header in ("x-swiftlet-deployment", "azureml-model-deployment"):
        for _ in range(100):
            status, answer, headers = score(cluster.port, "pinned", {header: "green"}, connection=connection)
            assert status == 200 and answer["deployment"] == "green" and headers["x-swiftlet-deployment"] == "green"
    status, answer, _ = score(cluster.port, "pinned", {"x-swiftlet-deployment": "purple"})
    assert status == 400 and answer["error"]["code"] == "UnknownDeployment"
    assert "blue, green" in answer["error"]["message"] and "purple" in answer["error"]["message"]


def test_sticky_callers_stay_and_raising_the_canary_only_moves_callers_onto_it(cluster):
    cluster.endpoint("sticky", {"blue": 90, "green": 10}, sticky="x-user-id")
    until(lambda: score(cluster.port, "sticky")[0] == 200)
    users = [f"user-{n}" for n in range(1_000)]

    def place(chunk):
        connection = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=10)
        return {user: score(cluster.port, "sticky", {"x-user-id": user}, connection=connection)[1]["deployment"]
                for user in chunk}

    def placement(some=users):
        with ThreadPoolExecutor(4) as pool:
            return {user: deployment for part in pool.map(place, [some[i::4] for i in range(4)])
                    for user, deployment in part.items()}

    before = placement()
    again = placement(users[:300])
    assert all(again[user] == before[user] for user in again), "a sticky caller moved without a traffic change"
    cluster.apply_split("sticky", {"blue": 70, "green": 30})
    until(lambda: score(cluster.port, "sticky", {"x-user-id": "probe"})[0] == 200)
    time.sleep(1.0)
    after = placement()
    moved = [user for user in users if after[user] != before[user]]
    assert all(before[user] == "blue" and after[user] == "green" for user in moved), "a caller moved off green"
    green = sum(1 for user in users if after[user] == "green") / len(users) * 100
    assert 30 - 4 <= green <= 30 + 4 and moved


class Load:
    """Threads scoring in a loop over keep-alive connections, recording (time, status, deployment)."""

    def __init__(self, port, endpoint, threads=6):
        self.port, self.endpoint, self.results, self.running = port, endpoint, [], True
        self.threads = [threading.Thread(target=self.loop, daemon=True) for _ in range(threads)]
        for thread in self.threads:
            thread.start()

    def loop(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        while self.running:
            try:
                status, answer, _ = score(self.port, self.endpoint, connection=connection)
                deployment = answer.get("deployment") if isinstance(answer, dict) else None
            except (OSError, http.client.HTTPException):
                status, deployment = 0, None
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            self.results.append((time.monotonic(), status, deployment))

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=15)
        return self.results


def test_a_traffic_edit_under_load_fails_no_request_and_takes_effect_within_a_second(cluster):
    cluster.endpoint("moving", {"blue": 90, "green": 10})
    until(lambda: score(cluster.port, "moving")[0] == 200)
    load = Load(cluster.port, "moving")
    time.sleep(1.0)
    patched = time.monotonic()
    cluster.apply_split("moving", {"blue": 0, "green": 100})
    applied = time.monotonic()
    time.sleep(2.0)
    results = load.stop()
    assert len(results) > 200
    assert [r for r in results if r[1] != 200] == [], "a request failed during the traffic change"
    late = [deployment for at, _, deployment in results if at > applied + 1.0]
    assert late and set(late) == {"green"}, f"after the patch + 1 s: {set(late)}"
    assert any(d == "blue" for at, _, d in results if at < patched)


def test_killing_a_pod_under_load_fails_only_requests_it_had(cluster):
    first, _ = cluster.scorer("pair")
    second, _ = cluster.scorer("pair")
    cluster.endpoint("pair", {"pair": 100})
    until(lambda: score(cluster.port, "pair")[0] == 200)
    load = Load(cluster.port, "pair", threads=6)
    time.sleep(1.0)
    os.killpg(second.pid, signal.SIGKILL)
    killed = time.monotonic()
    time.sleep(2.5)
    results = load.stop()
    failed = [r for r in results if r[1] != 200]
    # At most the requests in flight on the killed pod: one per load thread.
    assert len(failed) <= 6, failed
    assert all(at < killed + 0.5 for at, _, _ in failed)
    assert [r for r in results if r[0] > killed + 0.5 and r[1] != 200] == []
    assert first.poll() is None


def scorer_requests(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/metrics")
    text = connection.getresponse().read().decode()
    return sum(float(v) for v in re.findall(r'^scorer_requests_total\{[^}]*route="/score"[^}]*\} (\S+)$', text, re.M))


def router_metric(cluster, name, **labels):
    connection = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=5)
    connection.request("GET", "/metrics")
    text = connection.getresponse().read().decode()
    total = 0.0
    for line_labels, value in re.findall(rf"^{name}\{{([^}}]*)\}} (\S+)$", text, re.M):
        found = dict(re.findall(r'(\w+)="([^"]*)"', line_labels))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(value)
    return total


def latencies(port, endpoint, count):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    times = []
    for _ in range(count):
        began = time.perf_counter()
        status, answer, _ = score(port, endpoint, connection=connection)
        times.append(time.perf_counter() - began)
        assert status == 200 and answer["deployment"] == "blue"
    return times


def test_mirrors_get_their_share_and_never_slow_or_fail_the_primary(cluster):
    _, shadow_port = cluster.scorer("shadow")
    cluster.endpoint("mirrored", {"blue": 100, "shadow": 0}, mirror={"shadow": 50})
    until(lambda: score(cluster.port, "mirrored")[0] == 200)
    time.sleep(0.3)
    before = scorer_requests(shadow_port)
    baseline = latencies(cluster.port, "mirrored", 400)
    until(lambda: router_metric(cluster, "swiftlet_router_mirror_requests_total", endpoint="mirrored") >= 150)
    copies = scorer_requests(shadow_port) - before
    assert 150 <= copies <= 250, copies
    # The mirror answers with its own name, so every compared pair disagrees.
    assert router_metric(cluster, "swiftlet_router_mirror_requests_total", endpoint="mirrored", result="disagreed") \
        >= 150
    assert router_metric(cluster, "swiftlet_router_mirror_agreement_ratio", endpoint="mirrored") == 0.0

    # A mirror that takes half a second per answer: under load its copies pile up to the router's limit (64 in
    # flight) and the rest are dropped; the primary's answers and latency stay as they were.
    cluster.scorer("slowshadow", sleep=0.5, workers=2)
    cluster.apply_split("mirrored", {"blue": 100, "shadow": 0, "slowshadow": 0}, mirror={"slowshadow": 50})
    time.sleep(1.0)
    load = Load(cluster.port, "mirrored", threads=6)
    time.sleep(2.0)
    results = load.stop()
    assert results and all(status == 200 and deployment == "blue" for _, status, deployment in results)
    assert router_metric(cluster, "swiftlet_router_mirror_requests_total", endpoint="mirrored",
                         deployment="slowshadow", result="dropped") > 0, "the mirror's slots should run out"
    slowed = latencies(cluster.port, "mirrored", 200)
    assert statistics.median(slowed) < statistics.median(baseline) + 0.05, (statistics.median(baseline),
                                                                             statistics.median(slowed))

    # A dead mirror (its slice still lists it): every primary request still succeeds.
    cluster.slice("deadshadow", free_port())
    cluster.apply_split("mirrored", {"blue": 100, "deadshadow": 0}, mirror={"deadshadow": 50})
    time.sleep(1.0)
    latencies(cluster.port, "mirrored", 200)
    assert router_metric(cluster, "swiftlet_router_mirror_requests_total", endpoint="mirrored",
                         deployment="deadshadow", result="failed") > 0


def secret(name, primary, secondary):
    encode = lambda text: base64.b64encode(text.encode()).decode()
    return {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": {"name": f"{name}-keys", "namespace": "default",
                         "labels": {"app.kubernetes.io/managed-by": "swiftlet", "serving.swiftlet.dev/endpoint": name}},
            "data": {"primaryKey": encode(primary), "secondaryKey": encode(secondary)}}


def test_key_endpoints_take_either_key_and_follow_rotation(cluster):
    cluster.endpoint("secure", {"blue": 100}, auth="key")
    cluster.kubectl.apply(secret("secure", "first-key", "second-key"))
    bearer = lambda key: {"Authorization": f"Bearer {key}"}
    until(lambda: score(cluster.port, "secure", bearer("first-key"))[0] == 200)
    status, answer, headers = score(cluster.port, "secure")
    assert status == 401 and answer["error"]["code"] == "Unauthorized" and headers["www-authenticate"] == "Bearer"
    assert score(cluster.port, "secure", bearer("wrong-key"))[0] == 401
    assert score(cluster.port, "secure", bearer("second-key"))[0] == 200
    cluster.kubectl.apply(secret("secure", "first-key", "third-key"))
    assert until(lambda: score(cluster.port, "secure", bearer("second-key"))[0] == 401) < 1.5
    assert score(cluster.port, "secure", bearer("third-key"))[0] == 200


def test_the_routers_own_answers(cluster):
    status, answer, _ = score(cluster.port, "nowhere")
    assert status == 404 and answer["error"]["code"] == "EndpointNotFound" and "default/nowhere" in \
        answer["error"]["message"]
    cluster.slice("sleeping", free_port(), ready=False)
    cluster.endpoint("unready", {"sleeping": 100})
    # (Until its split is in the status, the endpoint is a 503 NoLiveTraffic: wait for the code, not the status.)
    until(lambda: score(cluster.port, "unready")[1].get("error", {}).get("code") == "NoReadyPod")
    status, answer, headers = score(cluster.port, "unready")
    assert status == 503 and answer["error"]["code"] == "NoReadyPod" and "sleeping" in answer["error"]["message"]
    assert headers["retry-after"] == "1"
    cluster.endpoint("idle", {"blue": 0, "green": 0})
    until(lambda: score(cluster.port, "idle")[0] == 503)
    assert score(cluster.port, "idle")[1]["error"]["code"] == "NoLiveTraffic"
    assert score(cluster.port, "idle", {"x-swiftlet-deployment": "green"})[1]["deployment"] == "green"


def test_a_request_for_a_deployment_at_zero_waits_for_its_first_pod(cluster):
    """Scale from zero, the router's half: with no ready pod, a deployment that scales to zero holds the request
    (instead of a 503) and sends it to the first pod that appears; past the deadline the answer says why."""
    _, port = cluster.scorer("sleeper", routed=False)
    cluster.endpoint("cold", {"sleeper": 100}, to_zero={"sleeper"})
    until(lambda: cluster.kubectl.json("get", "modelendpoint", "cold")["status"].get("traffic") is not None)
    time.sleep(0.5)
    began = time.monotonic()
    status, answer, headers = score(cluster.port, "cold")
    assert status == 503 and answer["error"]["code"] == "ColdStartTimeout" and "sleeper" in answer["error"]["message"]
    assert headers["retry-after"] == "1" and 1.9 <= time.monotonic() - began < 3.0
    with ThreadPoolExecutor(4) as pool:
        held = [pool.submit(score, cluster.port, "cold") for _ in range(4)]
        time.sleep(0.5)
        assert not any(request.done() for request in held)
        cluster.slice("sleeper", port)
        answers = [request.result(timeout=5) for request in held]
    assert [(status, answer) for status, answer, _ in answers] == [(200, {"deployment": "sleeper", "length": 2})] * 4
    assert time.monotonic() - began < 6


def test_a_slow_scorer_is_a_504_naming_its_deployment(cluster):
    cluster.scorer("sloth", sleep=3.0)
    cluster.endpoint("slow", {"sloth": 100})
    until(lambda: cluster.kubectl.json("get", "modelendpoint", "slow")["status"].get("traffic") is not None)
    time.sleep(0.5)
    began = time.monotonic()
    status, answer, _ = score(cluster.port, "slow")
    assert status == 504 and answer["error"]["code"] == "UpstreamTimeout" and "sloth" in answer["error"]["message"]
    assert 1.9 <= time.monotonic() - began < 3.0


def test_bodies_stream_through_and_the_limit_is_kept(cluster):
    cluster.endpoint("bodies", {"blue": 100})
    until(lambda: score(cluster.port, "bodies")[0] == 200)
    body = b'"' + b"x" * 20_000_000 + b'"'
    status, answer, _ = score(cluster.port, "bodies", body=body)
    assert status == 200 and answer == {"deployment": "blue", "length": len(body)}
    status, answer, _ = score(cluster.port, "bodies", body=b"x" * 30_000_001)
    assert status == 413 and answer["error"]["code"] == "PayloadTooLarge"


def test_request_ids_forwarding_and_host_routing(cluster):
    cluster.endpoint("hosted", {"green": 100})
    until(lambda: score(cluster.port, "hosted")[0] == 200)
    status, _, headers = score(cluster.port, "hosted", {"x-request-id": "req-42"})
    assert status == 200 and headers["x-request-id"] == "req-42"
    generated = score(cluster.port, "hosted")[2]["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    connection = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=10)
    connection.request("POST", "/score", body=b"{}", headers={"Host": "hosted.default.models.test:8080"})
    response = connection.getresponse()
    assert response.status == 200 and json.loads(response.read())["deployment"] == "green"
    connection.request("GET", "/metrics", headers={"Host": "hosted.default.models.test"})
    assert connection.getresponse().status == 404  # a scorer's /metrics is not exposed through the router
