"""The real kubectl against `swiftlet apiserver`: CRDs and their objects, get/watch/patch/apply/wait/delete,
finalizers, label selectors, scale, garbage collection, restarts, authentication, and watch expiry (410)."""
import base64
import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from conftest import SWIFTLET

KUBECTL = shutil.which("kubectl")
pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed")

WIDGET_CRD = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.example.com"},
    "spec": {
        "group": "example.com",
        "scope": "Namespaced",
        "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"],
                  "categories": ["gadgets"]},
        "versions": [{
            "name": "v1", "served": True, "storage": True,
            "subresources": {"status": {},
                             "scale": {"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas"}},
            "additionalPrinterColumns": [{"name": "Size", "type": "integer", "jsonPath": ".spec.size"}],
            "schema": {"openAPIV3Schema": {
                "type": "object",
                "properties": {
                    "spec": {"type": "object", "required": ["size"],
                             "x-kubernetes-validations": [{"rule": "!has(self.tags) || size(self.tags) <= 3",
                                                           "message": "at most three tags"}],
                             "properties": {
                        "size": {"type": "integer", "minimum": 1, "maximum": 10},
                        "color": {"type": "string", "enum": ["red", "blue"], "default": "red"},
                        "replicas": {"type": "integer"},
                        "tags": {"type": "array", "items": {"type": "string"}},
                    }},
                    "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
                },
            }},
        }],
    },
}


class APIServerProcess:
    """`swiftlet apiserver --port 0` in its own data directory; ready when it prints its address."""

    def __init__(self, data_dir, *extra):
        self.data_dir = Path(data_dir)
        self.extra = extra
        self.process = None
        self.start()

    def start(self):
        self.log_path = self.data_dir.parent / f"{self.data_dir.name}-{uuid.uuid4().hex[:6]}.log"
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [str(SWIFTLET), "apiserver", "--data-dir", str(self.data_dir), "--port", "0", *self.extra],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"apiserver exited with {self.process.returncode}:\n{self.logs()}")
            for line in self.log_path.read_text(errors="replace").splitlines():
                if "listening on https://127.0.0.1:" in line:
                    self.port = int(line.split("https://127.0.0.1:")[1].split()[0])
                    self.kubeconfig = self.data_dir / "kubeconfig"
                    return
            time.sleep(0.05)
        raise RuntimeError(f"apiserver not ready:\n{self.logs()}")

    def logs(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                return self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        return self.process.returncode

    def token(self):
        return (self.data_dir / "token").read_text().strip()

    def https(self, method, path, body=None, token=None, timeout=30, content_type="application/json"):
        """One raw HTTPS request, trusting the server's CA (the one in its kubeconfig)."""
        context = ssl.create_default_context(cafile=str(self.data_dir / "pki" / "ca.crt"))
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=context, timeout=timeout)
        headers = {"Content-Type": content_type}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        try:
            conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
            response = conn.getresponse()
            response.data = response.read()
            return response
        finally:
            conn.close()


class Kubectl:
    def __init__(self, server, cache_dir):
        self.server = server
        self.cache_dir = cache_dir

    def command(self, *args):
        return [KUBECTL, "--kubeconfig", str(self.server.kubeconfig), "--cache-dir", str(self.cache_dir), *args]

    def run(self, *args, input=None, check=True, timeout=60):
        result = subprocess.run(self.command(*args), input=input, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed ({result.returncode}):\n{result.stderr}\n"
                                 f"server log:\n{self.server.logs()}")
        return result

    def json(self, *args):
        return json.loads(self.run(*args, "-o", "json").stdout)

    def apply(self, manifest, *args):
        return self.run("apply", "-f", "-", *args, input=json.dumps(manifest))

    def background(self, *args):
        return subprocess.Popen(self.command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="swiftlet-apiserver-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def server(workdir):
    process = APIServerProcess(workdir / "shared")
    yield process
    process.stop()


@pytest.fixture
def kubectl(server, workdir):
    return Kubectl(server, workdir / "kube-cache")


# kubectl's generators (`kubectl create namespace|configmap|deployment`) send protobuf, which this server does not
# decode (it answers 415); manifests go through `kubectl apply`/`create -f`, which send JSON.
def namespace_manifest(name):
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def configmap(name, labels=None, **data):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": labels or {}}, "data": data}


def deployment(name, replicas=1):
    labels = {"app": name}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name, "labels": labels},
            "spec": {"replicas": replicas, "selector": {"matchLabels": labels},
                     "template": {"metadata": {"labels": labels},
                                  "spec": {"containers": [{"name": "main", "image": "nginx"}]}}}}


@pytest.fixture
def namespace(kubectl):
    name = f"t-{uuid.uuid4().hex[:8]}"
    kubectl.run("create", "-f", "-", input=json.dumps(namespace_manifest(name)))
    return name


@pytest.fixture(scope="module")
def widgets(server, workdir):
    kubectl = Kubectl(server, workdir / "kube-cache")
    kubectl.apply(WIDGET_CRD)
    kubectl.run("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=30s")
    return kubectl


def widget(name, size=3, **spec):
    return {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": name},
            "spec": {"size": size, **spec}}


def test_version_and_discovery(kubectl):
    version = json.loads(kubectl.run("version", "-o", "json").stdout)
    assert version["serverVersion"]["minor"] == "32"
    resources = kubectl.run("api-resources").stdout
    assert "deployments" in resources and "apps/v1" in resources and "deploy" in resources
    assert "customresourcedefinitions" in resources
    namespaces = kubectl.run("get", "namespaces", "-o", "name").stdout.split()
    for name in ["default", "kube-system", "kube-public", "kube-node-lease"]:
        assert f"namespace/{name}" in namespaces


def test_crd_serves_its_kind_at_once(widgets, namespace):
    crd = widgets.json("get", "crd", "widgets.example.com")
    conditions = {c["type"]: c["status"] for c in crd["status"]["conditions"]}
    assert conditions == {"NamesAccepted": "True", "Established": "True"}
    assert "widgets" in widgets.run("api-resources", "--api-group=example.com").stdout
    widgets.apply(widget("first", tags=["a"]), "-n", namespace)
    created = widgets.json("get", "widget", "first", "-n", namespace)
    assert created["spec"]["size"] == 3 and created["metadata"]["generation"] == 1
    assert created["metadata"]["uid"] and int(created["metadata"]["resourceVersion"]) > 0
    assert widgets.json("get", "wd", "first", "-n", namespace)["metadata"]["uid"] == created["metadata"]["uid"]
    assert "name: first" in widgets.run("get", "widgets", "first", "-n", namespace, "-o", "yaml").stdout
    assert "first" in widgets.run("get", "gadgets", "-n", namespace).stdout
    # Applying a changed manifest patches the object (a merge patch for custom resources) and bumps generation.
    widgets.apply(widget("first", size=4, tags=["a"]), "-n", namespace)
    changed = widgets.json("get", "widget", "first", "-n", namespace)
    assert changed["spec"]["size"] == 4 and changed["metadata"]["generation"] == 2


def test_patch_types_and_status_subresource(widgets, namespace):
    widgets.apply(configmap("conf", a="1"), "-n", namespace)
    widgets.run("patch", "configmap", "conf", "-n", namespace, "--type", "merge", "-p", '{"data":{"b":"2"}}')
    widgets.run("patch", "configmap", "conf", "-n", namespace, "--type", "json",
                "-p", '[{"op":"replace","path":"/data/a","value":"10"}]')
    widgets.run("patch", "configmap", "conf", "-n", namespace, "-p", '{"data":{"c":"3"}}')  # strategic by default
    assert widgets.json("get", "configmap", "conf", "-n", namespace)["data"] == {"a": "10", "b": "2", "c": "3"}
    widgets.apply(widget("patched"), "-n", namespace)
    widgets.run("patch", "widget", "patched", "-n", namespace, "--subresource=status", "--type=merge",
                "-p", '{"status":{"phase":"Ready"},"spec":{"size":9}}')
    patched = widgets.json("get", "widget", "patched", "-n", namespace)
    assert patched["status"] == {"phase": "Ready"} and patched["spec"]["size"] == 3
    assert patched["metadata"]["generation"] == 1
    strategic = widgets.run("patch", "widget", "patched", "-n", namespace, "-p", '{"spec":{"size":5}}', check=False)
    assert strategic.returncode != 0
    assert any(word in strategic.stderr for word in ["UnsupportedMediaType", "415", "not supported"]), strategic.stderr


def test_server_side_apply_and_conflict(widgets, namespace):
    manifest = json.dumps(widget("ssa", size=2))
    widgets.run("apply", "--server-side", "--field-manager", "alice", "-n", namespace, "-f", "-", input=manifest)
    applied = widgets.json("get", "widget", "ssa", "-n", namespace, "--show-managed-fields")
    assert "alice" in [entry["manager"] for entry in applied["metadata"]["managedFields"]]
    conflict = widgets.run("apply", "--server-side", "--field-manager", "bob", "-n", namespace, "-f", "-",
                           input=json.dumps(widget("ssa", size=7)), check=False)
    assert conflict.returncode != 0 and "conflict" in conflict.stderr.lower()
    assert widgets.json("get", "widget", "ssa", "-n", namespace)["spec"]["size"] == 2
    widgets.run("apply", "--server-side", "--force-conflicts", "--field-manager", "bob", "-n", namespace, "-f", "-",
                input=json.dumps(widget("ssa", size=7)))
    assert widgets.json("get", "widget", "ssa", "-n", namespace)["spec"]["size"] == 7


def test_get_watch_streams_changes(kubectl, namespace):
    watcher = kubectl.background("get", "configmaps", "-n", namespace, "-w", "--output-watch-events")
    try:
        time.sleep(1.5)
        kubectl.apply(configmap("watched"), "-n", namespace)
        kubectl.run("label", "configmap", "watched", "-n", namespace, "seen=yes")
        kubectl.run("delete", "configmap", "watched", "-n", namespace)
        time.sleep(1.5)
    finally:
        watcher.terminate()
    output, errors = watcher.communicate(timeout=10)
    lines = [line.split() for line in output.splitlines() if "watched" in line]
    assert [line[0] for line in lines] == ["ADDED", "MODIFIED", "DELETED"], output + errors


def test_wait_for_a_condition_set_through_status(widgets, namespace):
    widgets.apply(widget("waited"), "-n", namespace)
    waiter = widgets.background("wait", "--for=condition=Ready", "widget/waited", "-n", namespace, "--timeout=60s")
    time.sleep(1)
    assert waiter.poll() is None
    status = {"status": {"conditions": [{"type": "Ready", "status": "True", "reason": "Done", "message": "",
                                         "lastTransitionTime": "2026-01-01T00:00:00Z"}]}}
    widgets.run("patch", "widget", "waited", "-n", namespace, "--subresource=status", "--type=merge",
                "-p", json.dumps(status))
    output, errors = waiter.communicate(timeout=60)
    assert waiter.returncode == 0, errors
    assert "condition met" in output


def test_finalizers_hold_a_delete(kubectl, namespace):
    kubectl.apply({"apiVersion": "v1", "kind": "ConfigMap",
                   "metadata": {"name": "held", "finalizers": ["example.com/hold"]}}, "-n", namespace)
    kubectl.run("delete", "configmap", "held", "-n", namespace, "--wait=false")
    held = kubectl.json("get", "configmap", "held", "-n", namespace)
    assert held["metadata"]["deletionTimestamp"] and held["metadata"]["finalizers"] == ["example.com/hold"]
    kubectl.run("patch", "configmap", "held", "-n", namespace, "--type=json",
                "-p", '[{"op":"remove","path":"/metadata/finalizers"}]')
    missing = kubectl.run("get", "configmap", "held", "-n", namespace, check=False)
    assert missing.returncode != 0 and "NotFound" in missing.stderr


def test_label_selectors(kubectl, namespace):
    for name, tier in [("one", "front"), ("two", "back"), ("three", "front")]:
        kubectl.apply(configmap(name), "-n", namespace)
        kubectl.run("label", "configmap", name, "-n", namespace, f"tier={tier}")
    front = kubectl.run("get", "configmaps", "-n", namespace, "-l", "tier=front", "-o", "name").stdout.split()
    assert sorted(front) == ["configmap/one", "configmap/three"]
    not_front = kubectl.run("get", "configmaps", "-n", namespace, "-l", "tier notin (front)", "-o", "name").stdout.split()
    assert not_front == ["configmap/two"]
    by_name = kubectl.run("get", "configmaps", "-n", namespace, "--field-selector", "metadata.name=two", "-o", "name")
    assert by_name.stdout.split() == ["configmap/two"]
    paged = kubectl.run("get", "configmaps", "-n", namespace, "--chunk-size=1", "-o", "name").stdout.split()
    assert sorted(paged) == ["configmap/one", "configmap/three", "configmap/two"]


def test_scale_a_deployment(kubectl, namespace):
    kubectl.apply(deployment("web"), "-n", namespace)
    kubectl.run("scale", "deployment", "web", "-n", namespace, "--replicas=3")
    scaled = kubectl.json("get", "deployment", "web", "-n", namespace)
    assert scaled["spec"]["replicas"] == 3 and scaled["metadata"]["generation"] == 2
    scale = kubectl.json("get", "deployment", "web", "-n", namespace, "--subresource=scale")
    assert scale["kind"] == "Scale" and scale["spec"]["replicas"] == 3
    assert scale["status"]["selector"] == "app=web"


def owned_configmap(name, owner):
    reference = {"apiVersion": "apps/v1", "kind": "Deployment", "name": owner["metadata"]["name"],
                 "uid": owner["metadata"]["uid"], "controller": True, "blockOwnerDeletion": True}
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "ownerReferences": [reference]}}


@pytest.mark.parametrize("cascade", ["background", "foreground"])
def test_garbage_collection_of_owned_objects(kubectl, namespace, cascade):
    kubectl.apply(deployment("owner"), "-n", namespace)
    owner = kubectl.json("get", "deployment", "owner", "-n", namespace)
    kubectl.apply(owned_configmap("owned", owner), "-n", namespace)
    kubectl.run("delete", "deployment", "owner", "-n", namespace, f"--cascade={cascade}", "--timeout=30s")
    left = kubectl.run("get", "configmap", "owned", "-n", namespace, check=False)
    assert left.returncode != 0 and "NotFound" in left.stderr


def test_orphan_cascade_keeps_dependents(kubectl, namespace):
    kubectl.apply(deployment("owner"), "-n", namespace)
    owner = kubectl.json("get", "deployment", "owner", "-n", namespace)
    kubectl.apply(owned_configmap("orphaned", owner), "-n", namespace)
    kubectl.run("delete", "deployment", "owner", "-n", namespace, "--cascade=orphan")
    kept = kubectl.json("get", "configmap", "orphaned", "-n", namespace)
    assert "ownerReferences" not in kept["metadata"]


def test_deleting_a_namespace_deletes_its_content(kubectl):
    kubectl.apply(namespace_manifest("doomed"))
    kubectl.apply(configmap("inside"), "-n", "doomed")
    kubectl.run("delete", "namespace", "doomed", "--timeout=30s")
    assert kubectl.run("get", "namespace", "doomed", check=False).returncode != 0
    missing = kubectl.run("create", "-n", "doomed", "-f", "-", input=json.dumps(configmap("x")), check=False)
    assert missing.returncode != 0 and 'namespaces "doomed" not found' in missing.stderr


def test_errors_are_status_objects(server):
    token = server.token()
    missing = server.https("GET", "/api/v1/namespaces/default/configmaps/none", token=token)
    assert missing.status == 404
    status = json.loads(missing.data)
    assert status["kind"] == "Status" and status["reason"] == "NotFound"
    assert status["message"] == 'configmaps "none" not found'
    body = {"metadata": {"name": "dup"}}
    assert server.https("POST", "/api/v1/namespaces/default/configmaps", body, token=token).status == 201
    duplicate = server.https("POST", "/api/v1/namespaces/default/configmaps", body, token=token)
    assert duplicate.status == 409 and json.loads(duplicate.data)["reason"] == "AlreadyExists"
    invalid = server.https("POST", "/api/v1/namespaces/default/configmaps", {"metadata": {"name": "Bad_Name"}},
                           token=token)
    assert invalid.status == 422 and json.loads(invalid.data)["details"]["causes"][0]["field"] == "metadata.name"
    stale = server.https("PUT", "/api/v1/namespaces/default/configmaps/dup",
                         {"metadata": {"name": "dup", "resourceVersion": "1"}}, token=token)
    assert stale.status == 409 and json.loads(stale.data)["reason"] == "Conflict"
    server.https("DELETE", "/api/v1/namespaces/default/configmaps/dup", token=token)


def test_hostile_requests_get_errors_and_the_server_keeps_serving(server):
    token = server.token()
    slash = server.https("POST", "/api/v1/namespaces/default/configmaps",
                         {"apiVersion": "/", "kind": "ConfigMap", "metadata": {"name": "slash"}}, token=token)
    assert 400 <= slash.status < 500
    on_status = server.https("DELETE", "/api/v1/namespaces/default/status", token=token)
    assert on_status.status == 405
    assert server.https("GET", "/api/v1/namespaces/default", token=token).status == 200
    renamed = server.https("PATCH", "/api/v1/namespaces/default/configmaps/a?fieldManager=t",
                           {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}, token=token,
                           content_type="application/apply-patch+yaml")
    assert renamed.status == 400 and "does not match" in json.loads(renamed.data)["message"]
    held = {"metadata": {"name": "held-ns", "finalizers": ["example.com/hold"]}}
    assert server.https("POST", "/api/v1/namespaces", held, token=token).status == 201
    deleting = server.https("DELETE", "/api/v1/namespaces/held-ns", token=token)
    assert deleting.status == 200
    assert json.loads(deleting.data)["metadata"].get("deletionTimestamp")
    namespace = json.loads(server.https("GET", "/api/v1/namespaces/held-ns", token=token).data)
    namespace["metadata"]["finalizers"] = []
    assert server.https("PUT", "/api/v1/namespaces/held-ns", namespace, token=token).status == 200
    assert server.https("GET", "/api/v1/namespaces/held-ns", token=token).status == 404
    assert server.https("GET", "/version").status == 200


def test_requests_without_the_token_are_unauthorized(server, workdir):
    response = server.https("GET", "/api/v1/namespaces")
    assert response.status == 401 and json.loads(response.data)["reason"] == "Unauthorized"
    assert server.https("GET", "/api/v1/namespaces", token="wrong").status == 401
    config = server.kubeconfig.read_text().replace(server.token(), "not-the-token")
    wrong = workdir / "wrong-kubeconfig"
    wrong.write_text(config)
    result = subprocess.run([KUBECTL, "--kubeconfig", str(wrong), "get", "configmaps"], capture_output=True, text=True)
    # kubectl words a 401 this way.
    assert result.returncode != 0 and "the server has asked for the client to provide credentials" in result.stderr


def watch_lines(server, path, token, count, timeout=10):
    context = ssl.create_default_context(cafile=str(server.data_dir / "pki" / "ca.crt"))
    conn = http.client.HTTPSConnection("127.0.0.1", server.port, context=context, timeout=timeout)
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    lines = []
    while len(lines) < count:
        line = response.readline()
        if not line:
            break
        if line.strip():
            lines.append(json.loads(line))
    conn.close()
    return response.status, lines


def test_a_watch_older_than_the_window_is_expired(workdir):
    server = APIServerProcess(workdir / "small-window", "--watch-window", "2")
    try:
        token = server.token()
        first = json.loads(server.https("POST", "/api/v1/namespaces/default/configmaps",
                                        {"metadata": {"name": "w0"}}, token=token).data)
        for index in range(1, 5):
            server.https("POST", "/api/v1/namespaces/default/configmaps", {"metadata": {"name": f"w{index}"}},
                         token=token)
        version = first["metadata"]["resourceVersion"]
        status, events = watch_lines(server, f"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={version}",
                                     token, 1)
        assert status == 200
        assert events[0]["type"] == "ERROR"
        assert events[0]["object"]["code"] == 410 and events[0]["object"]["reason"] == "Expired"
        listed = json.loads(server.https("GET", "/api/v1/namespaces/default/configmaps", token=token).data)
        current = listed["metadata"]["resourceVersion"]
        status, events = watch_lines(
            server, f"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={current}&timeoutSeconds=1"
                    "&allowWatchBookmarks=true", token, 1)
        assert status == 200 and events[0]["type"] == "BOOKMARK"
        assert events[0]["object"]["metadata"]["resourceVersion"] == current
    finally:
        server.stop()


def test_state_survives_a_restart(workdir):
    data_dir = workdir / "restarted"
    server = APIServerProcess(data_dir)
    kubectl = Kubectl(server, workdir / "kube-cache-restart")
    try:
        kubectl.apply(WIDGET_CRD)
        kubectl.apply(configmap("survivor", k="v"))
        before = kubectl.json("get", "configmap", "survivor")
        assert server.stop() == 0
        server.start()
        after = kubectl.json("get", "configmap", "survivor")
        assert after["data"] == {"k": "v"} and after["metadata"]["uid"] == before["metadata"]["uid"]
        kubectl.apply(widget("after-restart"))
        assert kubectl.json("get", "widget", "after-restart")["spec"]["size"] == 3
        later = kubectl.json("get", "configmap", "survivor")
        created = json.loads(server.https("POST", "/api/v1/namespaces/default/configmaps",
                                          {"metadata": {"name": "next"}}, token=server.token()).data)
        assert int(created["metadata"]["resourceVersion"]) > int(later["metadata"]["resourceVersion"])
    finally:
        server.stop()


def test_custom_resources_follow_their_schema(widgets, namespace):
    too_big = widgets.run("apply", "-n", namespace, "-f", "-", input=json.dumps(widget("big", size=11)), check=False)
    assert too_big.returncode != 0 and "spec.size" in too_big.stderr and "Invalid" in too_big.stderr
    no_size = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "nosize"}, "spec": {}}
    missing = widgets.run("apply", "-n", namespace, "-f", "-", input=json.dumps(no_size), check=False)
    assert missing.returncode != 0 and "spec.size" in missing.stderr and "Required" in missing.stderr
    green = widgets.run("apply", "-n", namespace, "-f", "-", input=json.dumps(widget("green", color="green")), check=False)
    assert green.returncode != 0 and "spec.color" in green.stderr and "Unsupported value" in green.stderr
    unknown = widgets.run("apply", "-n", namespace, "-f", "-", input=json.dumps(widget("odd", shape="round")), check=False)
    assert unknown.returncode != 0 and 'unknown field "spec.shape"' in unknown.stderr
    widgets.run("apply", "--validate=false", "-n", namespace, "-f", "-", input=json.dumps(widget("pruned", shape="round")))
    pruned = widgets.json("get", "widget", "pruned", "-n", namespace)
    assert "shape" not in pruned["spec"] and pruned["spec"]["color"] == "red"  # pruned, and defaulted
    table = widgets.run("get", "widgets", "pruned", "-n", namespace).stdout.splitlines()
    assert table[0].split() == ["NAME", "SIZE"] and table[1].split() == ["pruned", "3"]
    tags = widgets.run("apply", "-n", namespace, "-f", "-", input=json.dumps(widget("tagged", tags=list("abcd"))),
                       check=False)
    assert tags.returncode != 0 and "at most three tags" in tags.stderr  # a CEL rule
    widgets.run("scale", "widget", "pruned", "-n", namespace, "--replicas=4")
    assert widgets.json("get", "widget", "pruned", "-n", namespace)["spec"]["replicas"] == 4
    explained = widgets.run("explain", "widgets.spec").stdout
    assert "size" in explained and "color" in explained


def test_kubectl_generators_send_protobuf(kubectl):
    """`kubectl create namespace|configmap|deployment|service` use typed clients, which send protobuf."""
    kubectl.run("create", "namespace", "generated")
    kubectl.run("create", "configmap", "literal", "-n", "generated", "--from-literal=key=value")
    kubectl.run("create", "deployment", "gen", "-n", "generated", "--image=nginx", "--replicas=2")
    kubectl.run("create", "service", "clusterip", "gen", "-n", "generated", "--tcp=80:8080")
    assert kubectl.json("get", "configmap", "literal", "-n", "generated")["data"] == {"key": "value"}
    created = kubectl.json("get", "deployment", "gen", "-n", "generated")
    assert created["spec"]["replicas"] == 2 and created["spec"]["selector"]["matchLabels"] == {"app": "gen"}
    assert created["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx"
    ports = kubectl.json("get", "service", "gen", "-n", "generated")["spec"]["ports"]
    assert ports[0]["port"] == 80 and ports[0]["targetPort"] == 8080


def test_reapplying_a_deployment_patches_it(kubectl, namespace):
    kubectl.apply(deployment("rolling"), "-n", namespace)
    changed = deployment("rolling", replicas=2)
    changed["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:2"
    assert "configured" in kubectl.apply(changed, "-n", namespace).stdout  # a strategic merge patch
    applied = kubectl.json("get", "deployment", "rolling", "-n", namespace)
    assert applied["spec"]["replicas"] == 2 and applied["metadata"]["generation"] == 2
    assert [c["image"] for c in applied["spec"]["template"]["spec"]["containers"]] == ["nginx:2"]
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "rolling"},
               "spec": {"selector": {"app": "rolling"}, "ports": [{"port": 80}]}}
    kubectl.apply(service, "-n", namespace)
    spec = kubectl.json("get", "service", "rolling", "-n", namespace)["spec"]
    assert spec["type"] == "ClusterIP" and spec["clusterIP"].startswith("10.96.")
    assert spec["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 80}]


def test_deleting_a_crd_deletes_its_objects(workdir):
    server = APIServerProcess(workdir / "crd-deletion")
    kubectl = Kubectl(server, workdir / "kube-cache-crd-deletion")
    try:
        kubectl.apply(WIDGET_CRD)
        kubectl.apply(widget("doomed"))
        assert kubectl.json("get", "widget", "doomed")["spec"]["size"] == 3
        kubectl.run("delete", "crd", "widgets.example.com", "--timeout=30s")
        assert kubectl.run("get", "crd", "widgets.example.com", check=False).returncode != 0
        assert server.https("GET", "/apis/example.com/v1/namespaces/default/widgets/doomed",
                            token=server.token()).status == 404
        kubectl.apply(WIDGET_CRD)
        assert kubectl.run("get", "widgets", "-o", "name").stdout.strip() == ""
    finally:
        server.stop()


def test_events_are_one_storage_in_both_apis(kubectl, namespace):
    event = {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "scaled.1"},
             "eventTime": "2026-01-01T00:00:00.000000Z", "reportingController": "swiftlet.dev/controller",
             "reportingInstance": "controller-0", "action": "Scale", "reason": "Scaled", "type": "Normal",
             "note": "scaled to 3", "regarding": {"kind": "Deployment", "name": "web", "namespace": namespace}}
    kubectl.run("create", "-n", namespace, "-f", "-", input=json.dumps(event))
    core = kubectl.json("get", "events.v1.", "scaled.1", "-n", namespace)
    assert core["apiVersion"] == "v1" and core["message"] == "scaled to 3"
    assert core["involvedObject"]["name"] == "web" and core["reportingComponent"] == "swiftlet.dev/controller"
    selected = kubectl.run("get", "events.v1.events.k8s.io", "-n", namespace, "-o", "name",
                           "--field-selector", "regarding.name=web").stdout.split()
    assert selected == ["event.events.k8s.io/scaled.1"]
    again = kubectl.json("get", "events.v1.events.k8s.io", "scaled.1", "-n", namespace)
    assert again["note"] == "scaled to 3" and again["regarding"]["kind"] == "Deployment" and "message" not in again


def test_invalid_deployments_are_refused(kubectl, namespace):
    mismatched = deployment("mismatched")
    mismatched["spec"]["template"]["metadata"]["labels"] = {"app": "other"}
    refused = kubectl.run("apply", "-n", namespace, "-f", "-", input=json.dumps(mismatched), check=False)
    assert refused.returncode != 0
    assert 'The Deployment "mismatched" is invalid' in refused.stderr  # kubectl's wording, from the Status details
    assert "`selector` does not match template `labels`" in refused.stderr


def test_a_kind_the_server_does_not_serve_is_reported_as_such(kubectl):
    """kubectl falls back to OpenAPI v2 for a group missing from v3; the v2 answer's Content-Type must be one Go's
    mime parser accepts, so the error is the real one (no such kind), not "failed to download openapi"."""
    role = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r"}, "rules": []}
    result = kubectl.run("apply", "--validate=strict", "-f", "-", input=json.dumps(role), check=False)
    assert result.returncode != 0
    assert 'no matches for kind "ClusterRole"' in result.stderr, result.stderr
    assert "openapi" not in result.stderr
