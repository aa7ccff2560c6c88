"""The operator end to end: `swiftlet controller` against `swiftlet apiserver`, driven with the real kubectl.
The samples are applied as users apply them; the tests play the kubelet by writing the scorer Deployments'
status, and check the children, their ownership, the status conditions, traffic, finalizers and GC."""
import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, SWIFTLET, Server
import rbac
from test_apiserver_kubectl import KUBECTL, APIServerProcess, Kubectl, namespace_manifest

pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed")

SAMPLES = ROOT / "manifests" / "samples"
PUBLIC_URL = "http://router.test:8080"
HTTPROUTE_CRD = ROOT / "Tests" / "Fixtures" / "gateway-api" / "httproutes-crd.yaml"


def start_controller(server, log_path, *extra):
    """`swiftlet controller` against a server's kubeconfig (conftest's Server keeps its log and stops it)."""
    return Server("controller", [str(SWIFTLET), "controller", "--kubeconfig", str(server.kubeconfig),
                                 "--health-port", "0", "--public-url", PUBLIC_URL, "--log-level", "info", *extra],
                  port=None, cwd=ROOT, ready_path=None, log_path=log_path)


class Cluster:
    """A server, a controller and kubectl, with helpers that wait for what the controller should do."""

    def __init__(self, server, controller, kubectl):
        self.server, self.controller, self.kubectl = server, controller, kubectl

    def get(self, kind, name, namespace, missing_ok=False):
        result = self.kubectl.run("get", kind, name, "-n", namespace, "-o", "json", check=not missing_ok)
        return json.loads(result.stdout) if result.returncode == 0 else None

    def eventually(self, what, probe, timeout=15):
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                last = probe()
                if last:
                    return last
            except (AssertionError, KeyError, TypeError, json.JSONDecodeError) as error:
                last = error
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what} (last: {last!r})\ncontroller log:\n{self.controller.logs()}")

    def condition(self, obj, type_):
        return next((c for c in obj.get("status", {}).get("conditions", []) if c["type"] == type_), None)

    def mark_ready(self, name, namespace, ready=1):
        """Plays the kubelet and the Deployment controller: the scorer Deployment reports `ready` ready replicas."""
        deployment = self.get("deployment", name, namespace)
        status = {"observedGeneration": deployment["metadata"]["generation"], "replicas": max(ready, 1),
                  "updatedReplicas": max(ready, 1), "readyReplicas": ready, "availableReplicas": ready,
                  "conditions": [{"type": "Available", "status": "True" if ready else "False",
                                  "reason": "MinimumReplicasAvailable" if ready else "MinimumReplicasUnavailable",
                                  "message": "test"}]}
        self.kubectl.run("patch", "deployment", name, "-n", namespace, "--subresource=status", "--type=merge",
                         "-p", json.dumps({"status": status}))

    def apply_samples(self, namespace):
        for sample in ("models.yaml", "deployments.yaml", "endpoint.yaml"):
            self.kubectl.run("apply", "-n", namespace, "-f", str(SAMPLES / sample))


@pytest.fixture(scope="module")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="swiftlet-operator-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster(workdir):
    server = APIServerProcess(workdir / "server", "--audit-log", str(workdir / "audit.log"))
    kubectl = Kubectl(server, workdir / "kube-cache")
    kubectl.run("create", "-f", "-", input=json.dumps(namespace_manifest("swiftlet-system")))
    kubectl.run("apply", "-f", str(ROOT / "manifests" / "crds"))
    kubectl.run("apply", "-f", str(HTTPROUTE_CRD))
    for crd in ("models", "modeldeployments", "modelendpoints"):
        kubectl.run("wait", "--for=condition=Established", f"crd/{crd}.serving.swiftlet.dev", "--timeout=30s")
    controller = start_controller(server, workdir / "controller.log", "--gateway-api",
                                  "--leader-election-namespace", "swiftlet-system")
    cluster = Cluster(server, controller, kubectl)
    cluster.audit_log = workdir / "audit.log"
    yield cluster
    controller.stop()
    server.stop()


@pytest.fixture
def namespace(cluster):
    name = f"op-{uuid.uuid4().hex[:8]}"
    cluster.kubectl.run("create", "-f", "-", input=json.dumps(namespace_manifest(name)))
    return name


def owner_names(obj):
    return sorted((ref["kind"], ref["name"], ref.get("controller", False)) for ref in obj["metadata"].get("ownerReferences", []))


def test_samples_become_scorer_workloads(cluster, namespace):
    cluster.apply_samples(namespace)
    deployment = cluster.eventually("the blue scorer Deployment",
                                    lambda: cluster.get("deployment", "quickstart-blue", namespace, missing_ok=True))
    assert owner_names(deployment) == [("ModelDeployment", "quickstart-blue", True)]
    pod = deployment["spec"]["template"]["spec"]
    init, scorer = pod["initContainers"][0], pod["containers"][0]
    assert init["command"] == ["swiftlet", "fetch-model"]
    assert init["args"][:4] == ["--uri", "file:///models/quickstart/1/model.onnx", "--dest", "/var/lib/swiftlet/model"]
    assert scorer["args"][:4] == ["--model", "/var/lib/swiftlet/model/model.onnx", "--model-name", "quickstart"]
    assert scorer["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert scorer["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert scorer["resources"] == {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}}
    assert scorer["env"] == [{"name": "LOG_LEVEL", "value": "info"}]
    security = scorer["securityContext"]
    assert security["readOnlyRootFilesystem"] and not security["allowPrivilegeEscalation"]
    assert security["capabilities"]["drop"] == ["ALL"]
    assert pod["securityContext"]["runAsNonRoot"] and pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod["automountServiceAccountToken"] is False
    service = cluster.get("service", "quickstart-blue", namespace)
    assert service["spec"]["selector"] == {"serving.swiftlet.dev/deployment": "quickstart-blue"}
    assert service["spec"]["ports"][0]["port"] == 5001
    assert owner_names(service) == [("ModelDeployment", "quickstart-blue", True)]
    # The endpoint adopts its deployments, so deleting it deletes them.
    blue = cluster.eventually("the endpoint owning blue", lambda: (lambda d: d if any(
        r["kind"] == "ModelEndpoint" for r in d["metadata"].get("ownerReferences", [])) else None)(
        cluster.get("mdep", "quickstart-blue", namespace)))
    assert owner_names(blue) == [("ModelEndpoint", "quickstart", False)]


def test_status_follows_the_scorer_deployments_and_traffic_waits_for_readiness(cluster, namespace):
    cluster.apply_samples(namespace)
    endpoint = cluster.eventually("the endpoint reporting unready deployments", lambda: (lambda e: e if (
        cluster.condition(e, "TrafficApplied") or {}).get("reason") == "DeploymentNotReady" else None)(
        cluster.get("mep", "quickstart", namespace)))
    assert "traffic" not in endpoint["status"]
    assert endpoint["status"]["scoringURI"] == f"{PUBLIC_URL}/endpoints/{namespace}/quickstart/score"
    cluster.eventually("the blue Deployment", lambda: cluster.get("deployment", "quickstart-blue", namespace, missing_ok=True))
    blue = cluster.get("mdep", "quickstart-blue", namespace)
    assert cluster.condition(blue, "ModelLoaded")["reason"] == "Loading"
    for name in ("quickstart-blue", "quickstart-green"):
        cluster.eventually(f"{name}'s Deployment", lambda: cluster.get("deployment", name, namespace, missing_ok=True))
        cluster.mark_ready(name, namespace)
    blue = cluster.eventually("blue Available", lambda: (lambda d: d if cluster.condition(d, "Available")["status"] == "True"
                                                         else None)(cluster.get("mdep", "quickstart-blue", namespace)))
    assert cluster.condition(blue, "ModelLoaded")["status"] == "True"
    assert blue["status"]["readyReplicas"] == 1
    assert blue["status"]["model"] == {"name": "quickstart", "version": 1}
    assert blue["status"]["url"] == f"http://quickstart-blue.{namespace}.svc:5001"
    endpoint = cluster.eventually("the split applied", lambda: (lambda e: e if e["status"].get("traffic") else None)(
        cluster.get("mep", "quickstart", namespace)))
    assert endpoint["status"]["traffic"] == {"quickstart-blue": 90, "quickstart-green": 10}
    assert cluster.condition(endpoint, "Ready")["status"] == "True"
    assert {d["name"]: d["ready"] for d in endpoint["status"]["deployments"]} == {"quickstart-blue": True, "quickstart-green": True}
    # kubectl's printer columns show the applied split.
    assert "quickstart-blue" in cluster.kubectl.run("get", "mep", "quickstart", "-n", namespace).stdout

    # A traffic edit shows in status within a second, and is recorded as an event.
    started = time.monotonic()
    cluster.kubectl.run("patch", "mep", "quickstart", "-n", namespace, "--type=merge",
                        "-p", '{"spec":{"traffic":{"quickstart-blue":0,"quickstart-green":100}}}')
    cluster.eventually("the new split", lambda: cluster.get("mep", "quickstart", namespace)["status"]["traffic"]
                       == {"quickstart-blue": 0, "quickstart-green": 100}, timeout=5)
    assert time.monotonic() - started < 1.5, "the edit took more than a second (plus kubectl's own time) to show"
    events = cluster.eventually("the TrafficChanged event", lambda: [e for e in cluster.kubectl.json(
        "get", "events.v1.events.k8s.io", "-n", namespace)["items"] if e.get("reason") == "TrafficChanged"])
    assert any("quickstart-blue 90, quickstart-green 10 → quickstart-blue 0, quickstart-green 100" in e["note"] for e in events)

    # A split naming a deployment that does not exist keeps the last good one.
    cluster.kubectl.run("patch", "mep", "quickstart", "-n", namespace, "--type=merge",
                        "-p", '{"spec":{"traffic":{"quickstart-blue":50,"quickstart-green":0,"quickstart-red":50}}}')
    endpoint = cluster.eventually("the unknown deployment reported", lambda: (lambda e: e if (
        cluster.condition(e, "TrafficApplied") or {}).get("reason") == "UnknownDeployment" else None)(
        cluster.get("mep", "quickstart", namespace)))
    assert endpoint["status"]["traffic"] == {"quickstart-blue": 0, "quickstart-green": 100}
    assert "quickstart-red" in cluster.condition(endpoint, "TrafficApplied")["message"]

    # A scorer Deployment losing its replicas shows in the ModelDeployment's conditions.
    cluster.mark_ready("quickstart-green", namespace, ready=0)
    cluster.eventually("green unavailable", lambda: cluster.condition(
        cluster.get("mdep", "quickstart-green", namespace), "Available")["status"] == "False")


def test_a_failed_fetch_shows_in_model_loaded(cluster, namespace):
    cluster.apply_samples(namespace)
    cluster.eventually("blue's Deployment", lambda: cluster.get("deployment", "quickstart-blue", namespace, missing_ok=True))
    labels = {"app.kubernetes.io/managed-by": "swiftlet", "app.kubernetes.io/component": "scorer",
              "serving.swiftlet.dev/endpoint": "quickstart", "serving.swiftlet.dev/deployment": "quickstart-blue"}
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "quickstart-blue-abc12", "labels": labels},
           "spec": {"containers": [{"name": "scorer", "image": "swiftlet"}]}}
    cluster.kubectl.run("apply", "-n", namespace, "-f", "-", input=json.dumps(pod))
    message = "checksum mismatch: expected 9f2c, got 1d3e (file:///models/quickstart/1/model.onnx)"
    status = {"phase": "Pending", "initContainerStatuses": [{
        "name": "fetch-model", "ready": False, "restartCount": 2, "image": "swiftlet", "imageID": "",
        "state": {"waiting": {"reason": "CrashLoopBackOff"}},
        "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "message": message}}}]}
    cluster.kubectl.run("patch", "pod", "quickstart-blue-abc12", "-n", namespace, "--subresource=status",
                        "--type=merge", "-p", json.dumps({"status": status}))
    blue = cluster.eventually("FetchFailed", lambda: (lambda d: d if (cluster.condition(d, "ModelLoaded") or {}).get(
        "reason") == "FetchFailed" else None)(cluster.get("mdep", "quickstart-blue", namespace)))
    assert message in cluster.condition(blue, "ModelLoaded")["message"]


def test_key_auth_scaling_children_and_model_change(cluster, namespace):
    cluster.apply_samples(namespace)
    cluster.kubectl.run("patch", "mep", "quickstart", "-n", namespace, "--type=merge", "-p", '{"spec":{"auth":{"mode":"key"}}}')
    secret = cluster.eventually("the key Secret", lambda: cluster.get("secret", "quickstart-keys", namespace, missing_ok=True))
    assert set(secret["data"]) == {"primaryKey", "secondaryKey"} and secret["data"]["primaryKey"] != secret["data"]["secondaryKey"]
    assert owner_names(secret) == [("ModelEndpoint", "quickstart", True)]

    cluster.kubectl.run("patch", "mdep", "quickstart-blue", "-n", namespace, "--type=merge",
                        "-p", '{"spec":{"scale":{"minReplicas":2,"maxReplicas":5,"targetCPUUtilization":70,"targetConcurrency":null}}}')
    hpa = cluster.eventually("the HPA", lambda: cluster.get("hpa", "quickstart-blue", namespace, missing_ok=True))
    assert hpa["spec"]["minReplicas"] == 2 and hpa["spec"]["maxReplicas"] == 5
    assert hpa["spec"]["metrics"][0]["resource"]["target"]["averageUtilization"] == 70
    pdb = cluster.eventually("the PDB", lambda: cluster.get("pdb", "quickstart-blue", namespace, missing_ok=True))
    assert pdb["spec"]["maxUnavailable"] == 1
    cluster.kubectl.run("patch", "mdep", "quickstart-blue", "-n", namespace, "--type=merge",
                        "-p", '{"spec":{"scale":{"minReplicas":1,"targetCPUUtilization":null,"targetConcurrency":8}}}')
    cluster.eventually("the HPA and PDB removed", lambda: cluster.get("hpa", "quickstart-blue", namespace, missing_ok=True) is None
                       and cluster.get("pdb", "quickstart-blue", namespace, missing_ok=True) is None)

    digest_key = "serving.swiftlet.dev/model-digest"
    before = cluster.get("deployment", "quickstart-blue", namespace)["spec"]["template"]["metadata"]["annotations"][digest_key]
    cluster.kubectl.run("patch", "mdep", "quickstart-blue", "-n", namespace, "--type=merge",
                        "-p", '{"spec":{"model":{"ref":"quickstart-2"}}}')
    after = cluster.eventually("the pods rolled to the new model", lambda: (lambda d: d if
        d["spec"]["template"]["metadata"]["annotations"][digest_key] != before else None)(
        cluster.get("deployment", "quickstart-blue", namespace)))
    assert after["spec"]["template"]["spec"]["initContainers"][0]["args"][1] == "file:///models/quickstart/2/model.onnx"


def test_deleting_a_used_model_is_held_until_unused(cluster, namespace):
    cluster.apply_samples(namespace)
    model = cluster.eventually("the in-use finalizer", lambda: (lambda m: m if "serving.swiftlet.dev/in-use" in
        m["metadata"].get("finalizers", []) else None)(cluster.get("mdl", "quickstart-1", namespace)))
    assert model["status"]["usedBy"] == ["quickstart-blue"]
    assert cluster.condition(model, "Ready")["reason"] == "Verified"
    cluster.kubectl.run("delete", "mdl", "quickstart-1", "-n", namespace, "--wait=false")
    held = cluster.eventually("the deletion held", lambda: (lambda m: m if (cluster.condition(m, "InUse") or {}).get(
        "reason") == "DeletionHeld" else None)(cluster.get("mdl", "quickstart-1", namespace)))
    assert "quickstart-blue" in cluster.condition(held, "InUse")["message"]
    assert cluster.get("deployment", "quickstart-blue", namespace)  # the serving deployment is untouched
    cluster.kubectl.run("delete", "mdep", "quickstart-blue", "-n", namespace, "--wait=false")
    cluster.eventually("the Model gone once unused", lambda: cluster.get("mdl", "quickstart-1", namespace, missing_ok=True) is None)
    # An unused Model is deleted at once.
    assert cluster.get("mdl", "quickstart-2", namespace)["status"]["usedBy"] == ["quickstart-green"]


def test_deleting_the_endpoint_collects_everything_it_owns(cluster, namespace):
    cluster.apply_samples(namespace)
    cluster.eventually("adoption by the endpoint", lambda: all(any(r["kind"] == "ModelEndpoint" for r in
        cluster.get("mdep", name, namespace)["metadata"].get("ownerReferences", [])) for name in ("quickstart-blue", "quickstart-green")))
    cluster.eventually("the scorer Deployments", lambda: cluster.get("deployment", "quickstart-green", namespace, missing_ok=True))
    cluster.kubectl.run("delete", "mep", "quickstart", "-n", namespace)
    for kind in ("mdep", "deployment", "service"):
        cluster.eventually(f"every {kind} collected", lambda: cluster.kubectl.json("get", kind, "-n", namespace)["items"] == [])


def test_gateway_api_mode_emits_a_weighted_httproute(cluster, namespace):
    cluster.apply_samples(namespace)
    cluster.kubectl.run("patch", "mep", "quickstart", "-n", namespace, "--type=merge", "-p", json.dumps({"spec": {
        "gateway": "gatewayAPI", "gatewayRef": {"name": "public", "namespace": "gateways"},
        "mirrorTraffic": {"quickstart-green": 20}}}))
    for name in ("quickstart-blue", "quickstart-green"):
        cluster.eventually(f"{name}'s Deployment", lambda: cluster.get("deployment", name, namespace, missing_ok=True))
        cluster.mark_ready(name, namespace)
    route = cluster.eventually("the HTTPRoute", lambda: cluster.get("httproute", "quickstart", namespace, missing_ok=True))
    assert owner_names(route) == [("ModelEndpoint", "quickstart", True)]
    assert route["spec"]["parentRefs"] == [{"name": "public", "namespace": "gateways"}]
    weighted = route["spec"]["rules"][-1]
    assert weighted["matches"] == [{"path": {"type": "PathPrefix", "value": f"/endpoints/{namespace}/quickstart"}}]
    assert weighted["backendRefs"] == [{"name": "quickstart-blue", "port": 5001, "weight": 90},
                                       {"name": "quickstart-green", "port": 5001, "weight": 10}]
    mirror = [f for f in weighted["filters"] if f["type"] == "RequestMirror"]
    assert mirror == [{"type": "RequestMirror", "requestMirror": {"backendRef": {"name": "quickstart-green", "port": 5001}, "percent": 20}}]
    pinned = [r for r in route["spec"]["rules"][:-1] if r["matches"][0]["headers"][0]["value"] == "quickstart-green"]
    assert {r["matches"][0]["headers"][0]["name"] for r in pinned} == {"x-swiftlet-deployment", "azureml-model-deployment"}
    cluster.kubectl.run("patch", "mep", "quickstart", "-n", namespace, "--type=merge",
                        "-p", '{"spec":{"traffic":{"quickstart-blue":0,"quickstart-green":100}}}')
    cluster.eventually("the route's new weights", lambda: [b["weight"] for b in cluster.get(
        "httproute", "quickstart", namespace)["spec"]["rules"][-1]["backendRefs"]] == [0, 100])


def test_every_request_of_the_controller_is_allowed_by_its_rbac(cluster):
    """Runs last: every request the controller made in this module (the audit log, by user agent) is allowed by the
    generated RBAC (with Gateway API, as the controller runs here), Role rules only in swiftlet-system."""
    rules = rbac.load_rules(ROOT / "manifests" / "rbac-gateway-api.yaml")
    events = [json.loads(line) for line in cluster.audit_log.read_text().splitlines()]
    mine = [e for e in events if e.get("userAgent") == "swiftlet"]
    seen = {(e["verb"], e.get("objectRef", {}).get("resource"), e.get("objectRef", {}).get("subresource")) for e in mine}
    # Not vacuous: the controller watched, patched status, applied children, made Secrets and Events, held a Lease.
    # (Watches are logged when they end, and the controller's are still open.)
    for expected in [("list", "modeldeployments", None), ("patch", "modelendpoints", "status"),
                     ("patch", "deployments", None), ("create", "secrets", None), ("create", "events", None),
                     ("update", "leases", None), ("delete", "horizontalpodautoscalers", None), ("list", "pods", None)]:
        assert expected in seen, f"{expected} not among the controller's requests: {sorted(map(str, seen))}"
    denied = sorted({(e["verb"], e["requestURI"].split("?")[0]) for e in mine if not rbac.allowed(rules, e)})
    assert denied == [], f"requests the controller made that its RBAC does not allow: {denied}"
