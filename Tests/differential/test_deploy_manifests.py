"""The deployment files agree with the code and each other: manifests/controller.yaml and the Helm chart pass only
flags of `swiftlet controller`, the chart's CRDs are the generated ones, its values cover what its templates read,
and its templates are balanced. (helm is not installed here, so the chart is checked statically, not rendered.)"""
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import rbac

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "charts" / "swiftlet"

# The command-line contract of `swiftlet controller`; `test_the_contract_is_what_the_controller_accepts` checks it
# against the command's own --help.
CONTROLLER_FLAGS = {
    "--kubeconfig", "--context", "--namespace", "--leader-elect", "--no-leader-elect", "--leader-election-namespace",
    "--leader-election-id", "--health-port", "--scorer-image", "--public-url", "--gateway-api", "--concurrency",
    "--log-level", "--router-service", "--scale-down-window-seconds",
}
# The flags that take a value (the others are switches).
VALUED_FLAGS = CONTROLLER_FLAGS - {"--leader-elect", "--no-leader-elect", "--gateway-api"}


def load_yaml(path):
    """A YAML file that is not a Kubernetes object (values.yaml), through rbac.load_documents."""
    try:
        import yaml
    except ImportError:
        wrapped = "apiVersion: swiftlet.dev/v1\nkind: HelmValues\nmetadata:\n  name: values\nvalues:\n" + "".join(
            f"  {line}" for line in Path(path).read_text().splitlines(keepends=True))
        with tempfile.NamedTemporaryFile("w", suffix=".yaml") as f:
            f.write(wrapped)
            f.flush()
            return rbac.load_documents(f.name)[0]["values"]
    return yaml.safe_load(Path(path).read_text())


def check_args(args):
    for arg in args:
        flag, has_value, value = arg.partition("=")
        assert flag in CONTROLLER_FLAGS, f"{flag} is not a flag of swiftlet controller"
        assert bool(has_value) == (flag in VALUED_FLAGS), f"{arg}: {flag} {'takes' if flag in VALUED_FLAGS else 'takes no'} value"


def controller_documents():
    return {document["kind"]: document for document in rbac.load_documents(ROOT / "manifests" / "controller.yaml")}


def test_the_contract_is_what_the_controller_accepts():
    from conftest import SWIFTLET
    help_text = subprocess.run([str(SWIFTLET), "controller", "--help"], capture_output=True, text=True, check=True).stdout
    offered = set(re.findall(r"--[a-z][a-z-]*", help_text)) - {"--help", "--version"}
    offered |= {"--no-leader-elect", "--leader-elect"} if "--leader-elect/--no-leader-elect" in help_text else set()
    assert offered == CONTROLLER_FLAGS


def test_controller_manifest_passes_only_contract_flags():
    container = controller_documents()["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["command"] == ["swiftlet", "controller"]
    check_args(container["args"])
    assert "--leader-elect" in container["args"]


def test_controller_manifest_runs_locked_down():
    documents = controller_documents()
    assert documents["Namespace"]["metadata"]["name"] == "swiftlet-system"
    deployment = documents["Deployment"]
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert deployment["spec"]["replicas"] == 2 and pod["serviceAccountName"] == "swiftlet-controller"
    assert pod["automountServiceAccountToken"] is True
    assert pod["securityContext"] == {"runAsNonRoot": True, "runAsUser": 65532, "runAsGroup": 65532,
                                      "seccompProfile": {"type": "RuntimeDefault"}}
    assert container["securityContext"] == {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                                            "capabilities": {"drop": ["ALL"]}}
    assert container["image"] == "ghcr.io/swiftlet/swiftlet:0.1.0"
    assert container["ports"] == [{"name": "health", "containerPort": 8081, "protocol": "TCP"}]
    assert "--health-port=8081" in container["args"]
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "health"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "health"}
    assert container["resources"] == {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "256Mi"}}
    service = documents["Service"]
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    assert service["spec"]["ports"][0]["targetPort"] == "health"


def chart_template_args():
    """The `- --flag...` lines of the chart's container args, template actions in values left as they are."""
    text = (CHART / "templates" / "deployment.yaml").read_text()
    return [re.sub(r"\{\{.*?\}\}", "X", m) for m in re.findall(r"^\s*- (--[^\s]+.*)$", text, re.MULTILINE)]


def test_chart_passes_only_contract_flags():
    args = chart_template_args()
    check_args(args)
    # Every flag the values drive is there.
    for flag in ["--leader-elect", "--no-leader-elect", "--namespace", "--scorer-image", "--public-url", "--gateway-api",
                 "--concurrency", "--log-level", "--leader-election-namespace"]:
        assert any(arg.partition("=")[0] == flag for arg in args), flag


def test_chart_crds_are_the_generated_ones():
    generated = sorted(p.name for p in (ROOT / "manifests" / "crds").glob("*.yaml"))
    assert generated and sorted(p.name for p in (CHART / "crds").glob("*.yaml")) == generated
    for name in generated:
        assert (CHART / "crds" / name).read_bytes() == (ROOT / "manifests" / "crds" / name).read_bytes(), \
            f"charts/swiftlet/crds/{name} differs: cp manifests/crds/*.yaml charts/swiftlet/crds/"


def test_chart_metadata():
    chart = load_yaml(CHART / "Chart.yaml")
    assert (chart["apiVersion"], chart["name"], chart["version"], str(chart["appVersion"])) == \
        ("v2", "swiftlet", "0.1.0", "0.1.0")


def templates():
    return sorted((CHART / "templates").glob("*"))


def values_paths(template_text):
    return set(re.findall(r"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)", template_text))


def test_values_define_every_path_the_templates_read():
    values = load_yaml(CHART / "values.yaml")
    read = set()
    for template in templates():
        read |= values_paths(template.read_text())
    assert read
    for path in sorted(read):
        node = values
        for key in path.strip(".").split("."):
            assert isinstance(node, dict) and key in node, f".Values{path} is not in values.yaml"
            node = node[key]
    # And no value is left unread (a misspelt key in a template would leave its value dead).
    def leaves(node, prefix=""):
        if isinstance(node, dict) and node and prefix.count(".") < 2:
            for key, child in node.items():
                yield from leaves(child, f"{prefix}.{key}")
        else:
            yield prefix
    unread = [leaf for leaf in leaves(values) if not any(p == leaf or p.startswith(leaf + ".") or leaf.startswith(p + ".")
                                                         for p in read)]
    assert not unread, f"values nothing reads: {unread}"
    assert values["gateway"]["mode"] in ("router", "gatewayAPI")


@pytest.mark.parametrize("template", templates(), ids=lambda p: p.name)
def test_template_actions_balance(template):
    text = template.read_text()
    assert text.count("{{") == text.count("}}"), "unbalanced {{ }}"
    depth = 0
    for action in re.findall(r"\{\{-?\s*(.*?)\s*-?\}\}", text, re.DOTALL):
        if action.startswith("/*"):
            continue
        word = action.split()[0] if action.split() else ""
        if word in ("if", "with", "range", "define", "block"):
            depth += 1
        elif word == "end":
            depth -= 1
            assert depth >= 0, "end without a block"
        elif word in ("else",):
            assert depth > 0, "else outside a block"
    assert depth == 0, f"{depth} block(s) not closed"


def test_chart_rbac_switches_the_gateway_rules_with_gateway_mode():
    text = (CHART / "templates" / "rbac.yaml").read_text()
    before, guard, after = text.partition('{{- if eq .Values.gateway.mode "gatewayAPI" }}')
    assert guard and "httproutes" not in before and "httproutes" in after
    assert '{{- if eq .Values.gateway.mode "gatewayAPI" }}' in (CHART / "templates" / "deployment.yaml").read_text()


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_controller_manifest_is_accepted_by_the_embedded_api_server(tmp_path):
    """kubectl (validating against the server's OpenAPI) and the embedded server's Deployment validation accept
    the CRDs and controller.yaml. (The embedded server serves no rbac.authorization.k8s.io, so rbac.yaml is not
    applied here.)"""
    from test_apiserver_kubectl import APIServerProcess, Kubectl

    server = APIServerProcess(tmp_path / "data")
    try:
        kubectl = Kubectl(server, tmp_path / "kube-cache")
        kubectl.run("apply", "--validate=strict", "-f", str(ROOT / "manifests" / "crds"),
                    "-f", str(ROOT / "manifests" / "controller.yaml"))
        deployment = kubectl.json("get", "-n", "swiftlet-system", "deployment", "swiftlet-controller")
        assert deployment["spec"]["template"]["spec"]["serviceAccountName"] == "swiftlet-controller"
    finally:
        server.stop()


# The command-line contract of `swiftlet router`, checked against its --help like the controller's.
ROUTER_FLAGS = {
    "--kubeconfig", "--context", "--namespace", "--host", "--port", "--domain", "--request-timeout-seconds",
    "--connect-timeout-ms", "--max-body-bytes", "--mirror-max-in-flight", "--threads", "--log-level",
}


def router_documents(path=ROOT / "manifests" / "router.yaml"):
    return {document["kind"]: document for document in rbac.load_documents(path)}


def test_the_router_contract_is_what_the_router_accepts():
    from conftest import SWIFTLET
    help_text = subprocess.run([str(SWIFTLET), "router", "--help"], capture_output=True, text=True, check=True).stdout
    assert set(re.findall(r"--[a-z][a-z-]*", help_text)) - {"--help", "--version"} == ROUTER_FLAGS


def router_args(args):
    for arg in args:
        flag, has_value, _ = arg.partition("=")
        assert flag in ROUTER_FLAGS and has_value, f"{arg}: expected --flag=value with a flag of swiftlet router"
    return args


def test_router_manifest_runs_the_router_locked_down_with_read_only_rbac():
    documents = router_documents()
    deployment, service = documents["Deployment"], documents["Service"]
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["command"] == ["swiftlet", "router"]
    assert "--port=8080" in router_args(container["args"])
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert pod["serviceAccountName"] == documents["ServiceAccount"]["metadata"]["name"] == "swiftlet-router"
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    # What the router's watches need (Sources/Traffic/Table/RouteWatch.swift), and nothing that writes.
    rules = {(group, resource): sorted(rule["verbs"]) for rule in documents["ClusterRole"]["rules"]
             for group in rule["apiGroups"] for resource in rule["resources"]}
    assert rules == {("serving.swiftlet.dev", "modelendpoints"): ["list", "watch"],
                     ("discovery.k8s.io", "endpointslices"): ["list", "watch"], ("", "secrets"): ["list", "watch"]}
    assert documents["ClusterRoleBinding"]["subjects"][0]["name"] == "swiftlet-router"
    # The controller writes this Service's address into endpoints' status.
    controller_args = controller_documents()["Deployment"]["spec"]["template"]["spec"]["containers"][0]["args"]
    assert "--public-url=http://swiftlet-router.swiftlet-system.svc:8080" in controller_args


def test_chart_router_passes_only_router_flags():
    text = (CHART / "templates" / "router.yaml").read_text()
    args = [re.sub(r"\{\{.*?\}\}", "X", m) for m in re.findall(r"^\s*- (--[^\s]+.*)$", text, re.MULTILINE)]
    router_args(args)
    for flag in ["--port", "--request-timeout-seconds", "--domain", "--namespace", "--log-level"]:
        assert any(arg.partition("=")[0] == flag for arg in args), flag
