"""The router's HTTP handling at the byte level, against a raw upstream that answers the ways HTTP/1.1 allows
(Content-Length, chunked with trailers, close-delimited HTTP/1.0, early answers, garbage), through a real
`swiftlet router` fed by `swiftlet apiserver`: the answer arrives intact and framed for the client, the upstream
connection is reused only when it may be, pipelined requests are answered in order, bad requests get a 400.
The scenarios with real scorers (splits, stickiness, mirrors, keys, load) are in test_router.py."""
import re
import socket
import socketserver
import threading
import time

import pytest

from conftest import SWIFTLET, Server, free_port
from test_apiserver_kubectl import APIServerProcess, Kubectl

ROOT_CRDS = __import__("pathlib").Path(__file__).resolve().parents[2] / "manifests" / "crds"

# What the raw upstream answers, by request path.
ANSWERS = {
    "/score": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: keep-alive\r\n"
              b"X-Upstream: yes\r\n\r\n{\"ok\": true}",
    "/v2/chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n"
                   b"5;e=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
    "/v2/close": b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end",
    "/v2/garbage": b"NOT HTTP AT ALL\r\n\r\n",
}


class RawUpstream(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        self.connections = 0
        super().__init__(("127.0.0.1", 0), RawHandler)


class RawHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.server.connections += 1
        buffer = b""
        while True:
            while b"\r\n\r\n" not in buffer:
                chunk = self.request.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            head, buffer = buffer.split(b"\r\n\r\n", 1)
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1)) if b"ength" in head else 0
            while len(buffer) < length:
                buffer += self.request.recv(65536)
            buffer = buffer[length:]
            path = head.split(b" ")[1].decode()
            self.request.sendall(ANSWERS[path])
            if path in ("/v2/close", "/v2/garbage"):
                return


@pytest.fixture(scope="module")
def router(tmp_path_factory):
    work = tmp_path_factory.mktemp("router-wire")
    upstream = RawUpstream()
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    api = APIServerProcess(work / "data")
    kubectl = Kubectl(api, work / "kube-cache")
    kubectl.run("apply", "-f", str(ROOT_CRDS))
    kubectl.apply({"apiVersion": "serving.swiftlet.dev/v1alpha1", "kind": "ModelEndpoint",
                   "metadata": {"name": "raw", "namespace": "default"},
                   "spec": {"auth": {"mode": "none"}, "traffic": {"up": 100}}})
    kubectl.run("patch", "modelendpoint", "raw", "--subresource=status", "--type=merge", "-p",
                '{"status":{"traffic":{"up":100},"deployments":[{"name":"up","ready":true}]}}')
    kubectl.apply({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                   "metadata": {"name": "up-1", "namespace": "default", "labels": {
                       "kubernetes.io/service-name": "up", "app.kubernetes.io/managed-by": "swiftlet",
                       "app.kubernetes.io/component": "scorer"}},
                   "addressType": "IPv4", "ports": [{"name": "http", "port": upstream.server_address[1]}],
                   "endpoints": [{"addresses": ["127.0.0.1"], "conditions": {"ready": True}}]})
    port = free_port()
    server = Server("router", [str(SWIFTLET), "router", "--kubeconfig", str(api.kubeconfig), "--port", str(port),
                               "--host", "127.0.0.1"], port, work, "/readyz", work / "router.log")
    server.wait_ready()
    deadline = time.monotonic() + 10
    while server.request("POST", "/endpoints/default/raw/score", body=b"{}").status != 200:
        assert time.monotonic() < deadline, server.logs()
        time.sleep(0.1)
    yield server, upstream
    server.stop()
    api.stop()
    upstream.shutdown()


def exchange(port, data, expect, version=b"HTTP/1.1"):
    """Sends raw bytes; reads until `expect` answers arrived or the connection closed."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(data)
        received = b""
        while len(re.findall(rb"HTTP/1\.[01] \d{3} ", received)) < expect or not complete(received):
            chunk = s.recv(65536)
            if not chunk:
                return received, True
            received += chunk
        return received, False


def complete(received):
    """Whether the last answer in `received` is whole (by Content-Length, a final chunk, or nothing to wait for)."""
    starts = [m.start() for m in re.finditer(rb"HTTP/1\.[01] \d{3} ", received)]
    if not starts:
        return False
    head, _, body = received[starts[-1]:].partition(b"\r\n\r\n")
    length = re.search(rb"(?i)content-length: *(\d+)", head)
    if length:
        return len(body) >= int(length.group(1))
    if re.search(rb"(?i)transfer-encoding: *chunked", head):
        return body.endswith(b"0\r\n\r\n") or b"\r\n0\r\n" in body and body.endswith(b"\r\n\r\n")
    return False


def request(path, method=b"POST", body=b"{}", version=b"HTTP/1.1", extra=b""):
    return (method + b" /endpoints/default/raw" + path.encode() + b" " + version + b"\r\nHost: t\r\n"
            + (b"Content-Length: %d\r\n" % len(body) if method == b"POST" else b"") + extra + b"\r\n"
            + (body if method == b"POST" else b""))


def test_a_content_length_answer_passes_with_the_routers_headers(router):
    server, _ = router
    answer, _ = exchange(server.port, request("/score"), 1)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK") and body == b'{"ok": true}'
    assert b"X-Upstream: yes" in head and b"x-swiftlet-deployment: up" in head and b"x-request-id: " in head
    assert b"Connection: keep-alive" not in head  # hop-by-hop, from the upstream's hop


def test_a_chunked_answer_passes_chunked_to_http11_and_as_a_payload_to_http10(router):
    server, _ = router
    answer, _ = exchange(server.port, request("/v2/chunked", method=b"GET"), 1)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"Transfer-Encoding: chunked" in head
    assert body == b"5;e=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n"
    answer, closed = exchange(server.port, request("/v2/chunked", method=b"GET", version=b"HTTP/1.0"), 1)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert closed and body == b"hello world" and b"chunked" not in head.lower()


def test_a_close_delimited_answer_ends_with_the_client_connection(router):
    server, upstream = router
    answer, closed = exchange(server.port, request("/v2/close", method=b"GET"), 1)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert closed and body == b"until the end" and b"Connection: close" in head


def test_pipelined_requests_are_answered_in_order_on_reused_upstream_connections(router):
    server, upstream = router
    exchange(server.port, request("/score"), 1)
    before = upstream.connections
    answer, _ = exchange(server.port, request("/score") + request("/v2/chunked", method=b"GET") + request("/score"), 3)
    assert re.findall(rb"HTTP/1.1 (\d+)", answer) == [b"200", b"200", b"200"]
    assert answer.index(b"hello") > answer.index(b'{"ok": true}') and answer.count(b'{"ok": true}') == 2
    assert upstream.connections - before <= 1


def test_an_upstream_that_is_not_http_is_a_502_and_the_router_keeps_serving(router):
    server, _ = router
    answer, _ = exchange(server.port, request("/v2/garbage", method=b"GET"), 1)
    assert answer.startswith(b"HTTP/1.1 502") and b"UpstreamFailed" in answer
    assert server.request("POST", "/endpoints/default/raw/score", body=b"{}").status == 200


def test_a_malformed_request_is_a_400_and_closes(router):
    server, _ = router
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"GET /\x01 HTTP/9.9\r\nbroken\r\n\r\n")
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400") and b"BadRequest" in answer and b"Connection: close" in answer


def test_expect_100_continue_is_answered_by_the_router(router):
    server, _ = router
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"POST /endpoints/default/raw/score HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n"
                  b"Expect: 100-continue\r\n\r\n")
        assert s.recv(1024).startswith(b"HTTP/1.1 100 Continue")
        s.sendall(b"{}")
        answer = b""
        while b'{"ok": true}' not in answer:
            answer += s.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200")
