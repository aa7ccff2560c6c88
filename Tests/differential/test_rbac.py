"""rbac.allowed: Kubernetes RBAC rule matching, on hand-written rules and on manifests/rbac*.yaml."""
import builtins
import shutil
from pathlib import Path

import pytest

import rbac

ROOT = Path(__file__).resolve().parents[2]


def event(verb, resource=None, group="", subresource="", namespace="", name="", uri="/api/v1/x"):
    if resource is None:
        return {"kind": "Event", "verb": verb, "requestURI": uri}
    ref = {"resource": resource, "apiVersion": "v1"}
    ref.update({k: v for k, v in {"apiGroup": group, "subresource": subresource, "namespace": namespace,
                                  "name": name}.items() if v})
    return {"kind": "Event", "verb": verb, "requestURI": uri, "objectRef": ref}


RULES = [
    {"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]},
    {"apiGroups": ["apps"], "resources": ["deployments", "deployments/scale"], "verbs": ["patch"]},
    {"apiGroups": ["serving.swiftlet.dev"], "resources": ["*/status"], "verbs": ["update"]},
    {"apiGroups": ["*"], "resources": ["widgets"], "verbs": ["*"]},
    {"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["mnist-keys"], "verbs": ["get", "delete"]},
    {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get"], "namespace": "swiftlet-system"},
    {"nonResourceURLs": ["/healthz", "/apis/*"], "verbs": ["get"]},
]


@pytest.mark.parametrize("request_event,expected", [
    (event("get", "configmaps", namespace="a", name="x"), True),
    (event("list", "configmaps"), True),
    (event("watch", "configmaps"), False),                        # verb not granted
    (event("get", "configmaps", group="apps"), False),             # wrong group
    (event("get", "configmaps", subresource="status", name="x"), False),  # a subresource needs its own entry
    (event("patch", "deployments", group="apps", subresource="scale", name="w"), True),
    (event("patch", "deployments", group="apps", subresource="status", name="w"), False),
    (event("update", "models", group="serving.swiftlet.dev", subresource="status", name="m"), True),  # */status
    (event("update", "models", group="serving.swiftlet.dev", name="m"), False),  # */status is not the object
    (event("deletecollection", "widgets", group="example.com", namespace="n"), True),  # * verbs and groups
    (event("get", "widgets", group="example.com", subresource="scale", name="w"), False),  # plain name, no subres
    (event("get", "secrets", namespace="ml", name="mnist-keys"), True),
    (event("get", "secrets", namespace="ml", name="other"), False),  # resourceNames
    (event("list", "secrets", namespace="ml"), False),              # resourceNames never allow a nameless list
    (event("get", "leases", group="coordination.k8s.io", namespace="swiftlet-system", name="l"), True),
    (event("get", "leases", group="coordination.k8s.io", namespace="default", name="l"), False),  # Role: own ns
    (event("get", uri="/healthz"), True),
    (event("get", uri="/apis/apps/v1?timeout=32s"), True),          # prefix*, query ignored
    (event("post", uri="/healthz"), False),
    (event("get", uri="/version"), False),
])
def test_allowed(request_event, expected):
    assert rbac.allowed(RULES, request_event) is expected


def test_star_resources_cover_subresources():
    rules = [{"apiGroups": [""], "resources": ["*"], "verbs": ["get"]}]
    assert rbac.allowed(rules, event("get", "pods", subresource="log", name="p"))
    assert not rbac.allowed(rules, event("get", uri="/healthz"))  # resource rules never allow a non-resource URL


def test_the_generated_manifests():
    plain = rbac.load_rules(ROOT / "manifests" / "rbac.yaml")
    gateway = rbac.load_rules(ROOT / "manifests" / "rbac-gateway-api.yaml")
    httproute = event("watch", "httproutes", group="gateway.networking.k8s.io")
    assert not rbac.allowed(plain, httproute) and rbac.allowed(gateway, httproute)
    lease = event("update", "leases", group="coordination.k8s.io", namespace="swiftlet-system", name="swiftlet-controller")
    assert rbac.allowed(plain, lease)
    assert not rbac.allowed(plain, dict(lease, objectRef=dict(lease["objectRef"], namespace="default")))
    status = event("patch", "modelendpoints", group="serving.swiftlet.dev", subresource="status", namespace="ml",
                   name="mnist")
    assert rbac.allowed(plain, status)
    assert not rbac.allowed(plain, event("list", "secrets"))  # the controller reads Secrets one by name
    assert not rbac.allowed(plain, event("update", "modelendpoints", group="serving.swiftlet.dev", name="mnist"))


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_without_pyyaml_kubectl_reads_the_file(monkeypatch):
    expected = rbac.load_rules(ROOT / "manifests" / "rbac-gateway-api.yaml")
    real_import = builtins.__import__

    def no_yaml(name, *args, **kwargs):
        if name == "yaml":
            raise ImportError("no PyYAML")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_yaml)
    assert rbac.load_rules(ROOT / "manifests" / "rbac-gateway-api.yaml") == expected
    assert len(expected) == 12  # 9 cluster rules, the Gateway API one, the Role's two (leases, endpointslices)
