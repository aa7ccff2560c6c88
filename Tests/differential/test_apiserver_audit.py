"""`swiftlet apiserver --audit-log`: the real kubectl's requests come out as kube-apiserver audit.k8s.io/v1 Events
(level Metadata, stage ResponseComplete), one JSON line each, with Kubernetes verbs and object references."""
import json
import shutil
import time

import pytest

from test_apiserver_kubectl import APIServerProcess, Kubectl

pytestmark = pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")


def read_events(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def wait_for(path, predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        matches = [event for event in read_events(path) if predicate(event)]
        if matches:
            return matches
        time.sleep(0.1)
    raise AssertionError(f"no such audit event in {path}:\n" + "\n".join(json.dumps(e) for e in read_events(path)[-30:]))


def test_audit_log_records_kubectl_requests(tmp_path):
    audit = tmp_path / "audit.log"
    server = APIServerProcess(tmp_path / "data", "--audit-log", str(audit))
    try:
        kubectl = Kubectl(server, tmp_path / "kube-cache")  # an empty cache: kubectl starts with discovery
        kubectl.run("get", "configmaps", "-n", "default")
        configmap = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "audited"}, "data": {"a": "b"}}
        kubectl.run("apply", "-n", "default", "-f", "-", input=json.dumps(configmap))
        watcher = kubectl.background("get", "configmaps", "-n", "default", "--watch")
        time.sleep(2)
        # Logged at ResponseComplete: not while the watch is open, but once kubectl goes away.
        assert not [e for e in read_events(audit) if e["verb"] == "watch"]
        watcher.terminate()
        watcher.wait(timeout=10)
        wait_for(audit, lambda e: e["verb"] == "watch")
        raw = server.https("GET", "/api/v1/namespaces/default/configmaps?watch=1&fieldSelector=metadata.name%3Daudited"
                                  "&timeoutSeconds=1", token=server.token())
        assert raw.status == 200
    finally:
        server.stop()

    events = read_events(audit)
    for event in events:
        assert {k: event[k] for k in ("apiVersion", "kind", "level", "stage")} == {
            "apiVersion": "audit.k8s.io/v1", "kind": "Event", "level": "Metadata", "stage": "ResponseComplete"}
        assert isinstance(event["responseStatus"]["code"], int) and event["auditID"] and event["requestURI"]
    kubectl_events = [e for e in events if e.get("userAgent", "").startswith("kubectl")]
    assert kubectl_events

    def find(verb, **ref):
        return [e for e in events if e["verb"] == verb and e.get("objectRef") is not None
                and all(e["objectRef"].get(k) == v for k, v in ref.items())]

    core = {"resource": "configmaps", "namespace": "default", "apiVersion": "v1"}
    (listed,) = [e for e in find("list", **core) if "watch" not in e["requestURI"]][:1]
    assert "apiGroup" not in listed["objectRef"] and "name" not in listed["objectRef"]
    assert listed["responseStatus"]["code"] == 200 and listed["userAgent"].startswith("kubectl")
    # apply: read the object (404, it is new), then create it (201).
    assert [e["responseStatus"]["code"] for e in find("get", name="audited", **core)] == [404]
    assert [e["responseStatus"]["code"] for e in find("create", **core)] == [201]
    # kubectl get --watch: a list, then a watch (?watch=true) that is logged when kubectl goes away.
    assert any("watch=true" in e["requestURI"] or "watch=1" in e["requestURI"] for e in find("watch", **core))
    assert any(e["userAgent"].startswith("kubectl") for e in find("watch", **core))
    # The raw watch names its object through the field selector.
    assert find("watch", name="audited", **core)
    # Discovery is non-resource: no objectRef, the path is in requestURI, the verb is the lowercased method.
    discovery = [e for e in kubectl_events if e["requestURI"].split("?")[0] in ("/api", "/apis")]
    assert discovery and all("objectRef" not in e and e["verb"] == "get" for e in discovery)
