"""RBAC authorization as the Kubernetes API server decides it, for checking requests from an audit log
(`swiftlet apiserver --audit-log`, `audit.k8s.io/v1` Events) against the roles in a manifest such as
manifests/rbac.yaml:

    rules = load_rules("manifests/rbac.yaml")
    denied = [event for event in audit_events if not allowed(rules, event)]

Semantics follow k8s.io/kubernetes/pkg/apis/rbac/v1/evaluation_helpers.go: a request is allowed when one rule
matches its verb, API group, resource (`plural`, `plural/subresource`, `*`, `*/subresource`) and resource name
(`resourceNames`, when the rule has them), or, for a non-resource request (no objectRef), its verb and path
(`nonResourceURLs`, `*` or a `prefix*`). A Role's rules apply only in the Role's namespace. Bindings are not read:
every role in the file is taken as bound to the subject whose requests are checked.
"""
import json
import shutil
import subprocess
from urllib.parse import urlsplit, unquote


def load_documents(path):
    """Every document of the YAML stream at `path` (PyYAML when installed, else kubectl, offline)."""
    try:
        import yaml
    except ImportError:
        yaml = None
    if yaml is not None:
        with open(path) as f:
            return [d for d in yaml.safe_load_all(f) if d]
    # Without PyYAML: kubectl converts YAML to JSON offline (no cluster) with `label --local`.
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        raise RuntimeError("reading YAML needs PyYAML or kubectl")
    text = subprocess.run([kubectl, "label", "--local", "-f", str(path), "swiftlet-unused-label-", "-o", "json"],
                          capture_output=True, text=True, check=True, env={"KUBECONFIG": "/dev/null"}).stdout
    decoder, documents, index = json.JSONDecoder(), [], 0
    while index < len(text):
        if text[index].isspace():
            index += 1
            continue
        document, index = decoder.raw_decode(text, index)
        documents.extend(document["items"] if document.get("kind") == "List" else [document])
    return documents


def load_rules(path):
    """The rules of every ClusterRole and Role in the YAML stream at `path`. A Role's rules carry the Role's
    namespace under the extra key "namespace" (they apply only there); ClusterRole rules have none."""
    rules = []
    for document in load_documents(path):
        if document.get("apiVersion") != "rbac.authorization.k8s.io/v1":
            continue
        if document.get("kind") == "ClusterRole":
            rules.extend(dict(rule) for rule in document.get("rules") or [])
        elif document.get("kind") == "Role":
            namespace = (document.get("metadata") or {}).get("namespace", "default")
            rules.extend(dict(rule, namespace=namespace) for rule in document.get("rules") or [])
    return rules


def _verb_matches(rule, verb):
    verbs = rule.get("verbs") or []
    return "*" in verbs or verb in verbs


def _group_matches(rule, group):
    groups = rule.get("apiGroups") or []
    return "*" in groups or group in groups


def _resource_matches(rule, resource, subresource):
    combined = f"{resource}/{subresource}" if subresource else resource
    for candidate in rule.get("resources") or []:
        if candidate == "*" or candidate == combined:
            return True
        if subresource and candidate == f"*/{subresource}":
            return True
    return False


def _name_matches(rule, name):
    names = rule.get("resourceNames") or []
    return not names or name in names


def _url_matches(rule, path):
    for url in rule.get("nonResourceURLs") or []:
        if url == "*" or url == path or (url.endswith("*") and path.startswith(url[:-1])):
            return True
    return False


def allowed(rules, audit_event):
    """Whether one of `rules` (from load_rules) allows the request an audit Event records."""
    verb = audit_event.get("verb", "")
    ref = audit_event.get("objectRef")
    if ref is None:
        path = unquote(urlsplit(audit_event.get("requestURI", "")).path)
        return any("namespace" not in rule and _verb_matches(rule, verb) and _url_matches(rule, path) for rule in rules)
    for rule in rules:
        if "namespace" in rule and rule["namespace"] != ref.get("namespace", ""):
            continue
        if rule.get("nonResourceURLs"):
            continue
        if (_verb_matches(rule, verb) and _group_matches(rule, ref.get("apiGroup", ""))
                and _resource_matches(rule, ref.get("resource", ""), ref.get("subresource", ""))
                and _name_matches(rule, ref.get("name", ""))):
            return True
    return False
