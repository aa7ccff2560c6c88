"""The controller's feedback from the routers in a cluster: `swiftlet controller --router-service swiftlet-router`
reads every router behind that Service (their /metrics, found through its EndpointSlices), sets the scorer
Deployments' replicas on the requests in flight, and writes how mirrored copies compared into endpoint status. Real processes: the embedded API server (with an audit log), the controller (leader-elected),
a router, and a `swiftlet scorer` whose answers take 0.3 s. No kubelet runs, so the test plays it: it reports the
scorer Deployment ready and adds or removes the scorer's EndpointSlice as pods would come and go."""
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import FIXTURES, SWIFTLET, Server, free_port
from test_apiserver_kubectl import APIServerProcess, Kubectl, namespace_manifest
from test_operator import Cluster, start_controller
import rbac

ROOT = Path(__file__).resolve().parents[2]
SCORER_LABELS = {"app.kubernetes.io/managed-by": "swiftlet", "app.kubernetes.io/component": "scorer"}
PATH = "/endpoints/default/slow/score"


def slice_manifest(name, namespace, service, port, labels=None):
    return {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": {"name": name, "namespace": namespace,
                         "labels": {"kubernetes.io/service-name": service, **(labels or {})}},
            "addressType": "IPv4", "ports": [{"name": "http", "port": port, "protocol": "TCP"}],
            "endpoints": [{"addresses": ["127.0.0.1"], "conditions": {"ready": True}}]}


@pytest.fixture(scope="module")
def system(tmp_path_factory):
    work = tmp_path_factory.mktemp("autoscaling")
    server = APIServerProcess(work / "server", "--audit-log", str(work / "audit.log"))
    kubectl = Kubectl(server, work / "kube-cache")
    kubectl.run("create", "-f", "-", input=json.dumps(namespace_manifest("swiftlet-system")))
    kubectl.run("apply", "-f", str(ROOT / "manifests" / "crds"))
    for crd in ("models", "modeldeployments", "modelendpoints"):
        kubectl.run("wait", "--for=condition=Established", f"crd/{crd}.serving.swiftlet.dev", "--timeout=30s")
    router_port = free_port()
    router = Server("router", [str(SWIFTLET), "router", "--kubeconfig", str(server.kubeconfig), "--host", "127.0.0.1",
                               "--port", str(router_port), "--request-timeout-seconds", "20"],
                    router_port, work, "/readyz", work / "router.log").wait_ready()
    # The router Service's slice, as Kubernetes' EndpointSlice controller would write it for the router pod.
    kubectl.apply(slice_manifest("swiftlet-router-abcde", "swiftlet-system", "swiftlet-router", router_port))
    controller = start_controller(server, work / "controller.log", "--router-service", "swiftlet-router",
                                  "--leader-election-namespace", "swiftlet-system", "--scale-down-window-seconds", "3")
    scorers = {}
    for name, sleep in (("slow-v1", "0.3"), ("shadow-v1", "0")):
        port = free_port()
        scorers[name] = port, subprocess.Popen(
            [str(SWIFTLET), "scorer", "--entry-script", str(FIXTURES / "named.py"), "--model-dir", str(work),
             "--port", str(port), "--workers", "4", "--python", sys.executable, "--log-level", "warning"],
            stdout=open(work / f"{name}.log", "wb"), stderr=subprocess.STDOUT, start_new_session=True,
            env=dict(os.environ, DEPLOYMENT_NAME=name, SLEEP_SECONDS=sleep))
    state = {"cluster": Cluster(server, controller, kubectl), "router": router, "scorer_port": scorers["slow-v1"][0],
             "shadow_port": scorers["shadow-v1"][0], "audit": work / "audit.log"}
    yield state
    for _, process in scorers.values():
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(15)
    controller.stop()
    router.stop()
    server.stop()


def post(port, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", PATH, body=b"{}", headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_the_controller_scales_on_the_routers_requests_in_flight_and_from_zero(system):
    cluster, router = system["cluster"], system["router"]
    k = cluster.kubectl
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "Model", "metadata": {"name": "slow-1", "namespace": "default"},
             "spec": {"modelName": "slow", "version": 1, "format": "python", "entryScript": "named.py",
                      "uri": "https://models.example.com/slow/1.tar.gz"}})
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelDeployment",
             "metadata": {"name": "slow-v1", "namespace": "default"},
             "spec": {"endpoint": "slow", "model": {"ref": "slow-1"},
                      "scale": {"minReplicas": 1, "maxReplicas": 3, "targetConcurrency": 1}}})
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint",
             "metadata": {"name": "slow", "namespace": "default"},
             "spec": {"auth": {"mode": "none"}, "traffic": {"slow-v1": 100}}})
    cluster.eventually("the scorer Deployment", lambda: cluster.get("deployment", "slow-v1", "default", missing_ok=True))
    replicas = lambda: cluster.get("deployment", "slow-v1", "default")["spec"].get("replicas", 1)
    # The controller leaves the count to the autoscaler: the Deployment was applied without one (1 by default).
    assert replicas() == 1
    cluster.mark_ready("slow-v1", "default")
    k.apply(slice_manifest("slow-v1-abcde", "default", "slow-v1", system["scorer_port"], SCORER_LABELS))
    cluster.eventually("the endpoint serving through the router", lambda: post(router.port)[0] == 200, timeout=30)

    stop, failures = threading.Event(), []

    def load():
        while not stop.is_set():
            status, body = post(router.port)
            if status != 200:
                failures.append((status, body))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        # 4 in flight at the router, 1 wanted per replica: the maximum, 3.
        cluster.eventually("a scale-up to 3", lambda: replicas() == 3, timeout=20)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not failures, failures[:3]
    # Idle for the scale-down window (3 s here): back to the minimum.
    cluster.eventually("a scale-down to 1", lambda: replicas() == 1, timeout=20)

    # minReplicas 0: to zero after a quiet window, and the endpoint's status tells the router so.
    k.run("patch", "mdep", "slow-v1", "--type", "merge", "-p", '{"spec":{"scale":{"minReplicas":0}}}')
    cluster.eventually("a scale to zero", lambda: replicas() == 0, timeout=20)
    cluster.eventually("the endpoint marking it", lambda: cluster.get("mep", "slow", "default")["status"]["deployments"]
                       == [{"name": "slow-v1", "ready": True, "model": "slow-1", "scalesToZero": True}])
    # Its pod is gone (the test plays the EndpointSlice controller), so the router holds the next request; the
    # controller reads it in flight there and asks for a replica, whose pod (the test again) then answers it.
    k.run("delete", "endpointslice", "slow-v1-abcde", "-n", "default")
    time.sleep(0.5)  # the router's watch sees the slice go within milliseconds
    held = {}
    thread = threading.Thread(target=lambda: held.update(answer=post(router.port)))
    thread.start()
    cluster.eventually("a scale from zero", lambda: replicas() == 1, timeout=10)
    assert thread.is_alive(), f"the request did not wait for a pod: {held}"
    k.apply(slice_manifest("slow-v1-fghij", "default", "slow-v1", system["scorer_port"], SCORER_LABELS))
    thread.join(15)
    assert held["answer"][0] == 200 and json.loads(held["answer"][1])["deployment"] == "slow-v1", held


def test_the_controller_reports_how_the_routers_mirrors_compared(system):
    cluster, router = system["cluster"], system["router"]
    k = cluster.kubectl
    k.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelDeployment",
             "metadata": {"name": "shadow-v1", "namespace": "default"},
             "spec": {"endpoint": "slow", "model": {"ref": "slow-1"}}})
    cluster.eventually("the shadow's Deployment", lambda: cluster.get("deployment", "shadow-v1", "default", missing_ok=True))
    cluster.mark_ready("shadow-v1", "default")
    k.apply(slice_manifest("shadow-v1-abcde", "default", "shadow-v1", system["shadow_port"], SCORER_LABELS))
    k.run("patch", "mep", "slow", "--type", "merge",
          "-p", '{"spec":{"traffic":{"slow-v1":100,"shadow-v1":0},"mirrorTraffic":{"shadow-v1":50}}}')
    cluster.eventually("the mirror applied",
                       lambda: cluster.get("mep", "slow", "default")["status"].get("mirrorTraffic") == {"shadow-v1": 50})
    with ThreadPoolExecutor(8) as pool:
        assert {status for status, _ in pool.map(lambda _: post(router.port), range(60))} == {200}

    def reported():
        mirrors = cluster.get("mep", "slow", "default")["status"].get("mirrors") or [{}]
        return mirrors[0] if mirrors[0].get("compared", 0) >= 10 else None

    entry = cluster.eventually("the comparison in the endpoint's status", reported, timeout=20)
    # The shadow answers with its own name: no copy agrees with the primary.
    assert entry["deployment"] == "shadow-v1" and entry["agreed"] == 0 and entry["agreement"] == 0
    assert entry["compared"] + entry["failed"] + entry["dropped"] <= 60


def test_every_request_of_the_controller_is_allowed_by_its_rbac(system):
    """Runs last: what the controller did here, the router scrape included, is allowed by the generated RBAC."""
    rules = rbac.load_rules(ROOT / "manifests" / "rbac.yaml")
    events = [json.loads(line) for line in system["audit"].read_text().splitlines()]
    mine = [e for e in events if e.get("userAgent") == "swiftlet"]
    seen = {(e["verb"], e.get("objectRef", {}).get("resource"), e.get("objectRef", {}).get("namespace")) for e in mine}
    assert ("list", "endpointslices", "swiftlet-system") in seen, sorted(map(str, seen))
    denied = sorted({(e["verb"], e["requestURI"].split("?")[0]) for e in mine if not rbac.allowed(rules, e)})
    assert denied == [], f"requests the controller made that its RBAC does not allow: {denied}"
