"""swiftlet-only behaviour of the scorer under stress: timeouts, crashes, queueing, limits, shutdown."""
import json
import os
import signal
import threading
import time

JSON = {"Content-Type": "application/json"}


def score(server, payload, timeout=30):
    return server.request("POST", "/score", body=json.dumps(payload), headers=JSON, timeout=timeout)


def error_of(response):
    return json.loads(response.data)["error"]


def in_background(fn):
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("value", fn()))
    thread.start()
    return thread, result


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def test_timeout_is_504_and_the_stuck_worker_is_replaced(start):
    server = start("swiftlet", "slow.py", "--request-timeout-ms", "300")
    first_pid = json.loads(score(server, {}).data)["pid"]
    started = time.monotonic()
    response = score(server, {"sleep": 30})
    assert response.status == 504
    assert error_of(response)["code"] == "Timeout" and "300 ms" in error_of(response)["message"]
    assert time.monotonic() - started < 5
    assert not alive(first_pid)
    deadline = time.monotonic() + 20
    while (after := score(server, {})).status != 200 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert json.loads(after.data)["pid"] != first_pid


def test_a_crash_fails_only_its_request_and_the_worker_restarts(start):
    server = start("swiftlet", "slow.py", workers=2)
    slow, result = in_background(lambda: score(server, {"sleep": 1}))
    time.sleep(0.2)
    crashed = score(server, {"crash": True})
    slow.join()
    assert crashed.status == 500
    assert error_of(crashed)["code"] == "WorkerCrashed" and "exited with status 17" in error_of(crashed)["message"]
    assert result["value"].status == 200
    deadline = time.monotonic() + 20
    while server.request("GET", "/ready").data.count(b'"workers":2') == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert b'"workers":2' in server.request("GET", "/ready").data
    assert b"scorer_worker_restarts_total 1" in server.request("GET", "/metrics").data


def test_queue_wait_limit_is_503_with_retry_after(start):
    server = start("swiftlet", "slow.py", "--max-queue-wait-ms", "200")
    busy, _ = in_background(lambda: score(server, {"sleep": 3}))
    time.sleep(0.2)
    started = time.monotonic()
    waited = score(server, {})
    assert waited.status == 503 and waited.getheader("Retry-After") == "1"
    assert error_of(waited)["code"] == "Overloaded"
    assert 0.15 < time.monotonic() - started < 2.5, "answered at the queue deadline, not when the worker freed up"
    busy.join()


def test_a_queued_request_runs_when_a_worker_frees_up(start):
    server = start("swiftlet", "slow.py", "--max-queue-wait-ms", "5000")
    busy, _ = in_background(lambda: score(server, {"sleep": 0.5}))
    time.sleep(0.1)
    assert score(server, {}).status == 200
    busy.join()


def test_admission_limit_rejects_at_once(start):
    server = start("swiftlet", "slow.py", "--max-concurrent-requests", "1", "--max-queue-wait-ms", "5000")
    busy, _ = in_background(lambda: score(server, {"sleep": 3}))
    time.sleep(0.2)
    started = time.monotonic()
    rejected = score(server, {})
    assert rejected.status == 503 and time.monotonic() - started < 2, "rejected at once, not after the busy request"
    assert "max-concurrent-requests 1" in error_of(rejected)["message"]
    busy.join()


def test_body_limit_is_413_and_the_server_keeps_serving(start):
    server = start("swiftlet", "slow.py", "--max-body-bytes", "1000")
    big = server.request("POST", "/score", body=b"x" * 5000, headers=JSON)
    assert big.status == 413 and error_of(big)["code"] == "BodyTooLarge"
    assert score(server, {}).status == 200


def test_not_ready_until_init_finished(start):
    server = start("swiftlet", "slow_init.py", wait=False)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            health = server.request("GET", "/healthz")
            break
        except OSError:
            time.sleep(0.05)
    assert health.status == 200
    assert server.request("GET", "/ready").status == 503
    assert server.request("POST", "/score", body="{}", headers=JSON).status == 503
    server.wait_ready()
    assert server.request("POST", "/score", body="{}", headers=JSON).status == 200


def test_sigterm_drains_in_flight_requests_then_stops_workers(start):
    server = start("swiftlet", "slow.py", workers=2)
    pids = {json.loads(score(server, {}).data)["pid"] for _ in range(6)}
    slow, result = in_background(lambda: score(server, {"sleep": 1}))
    time.sleep(0.3)
    os.kill(server.process.pid, signal.SIGTERM)
    slow.join()
    assert result["value"].status == 200
    assert server.process.wait(timeout=15) == 0
    time.sleep(0.2)
    assert not [pid for pid in pids if alive(pid)]


def test_metrics_count_requests_by_route_and_status(start):
    server = start("swiftlet", "returns.py")
    score(server, {"kind": "dict"})
    score(server, {"kind": "raise"})
    text = server.request("GET", "/metrics").data.decode()
    assert 'scorer_requests_total{route="/score",status="200"} 1' in text
    assert 'scorer_requests_total{route="/score",status="500"} 1' in text
    assert "scorer_request_duration_seconds_bucket" in text
    assert "scorer_requests_in_flight" in text


def test_expect_100_continue_is_answered_at_once(start):
    """curl sends `Expect: 100-continue` for larger bodies and waits a second unless the server answers."""
    import socket

    server = start("swiftlet", "echo_raw.py")
    body = json.dumps({"data": list(range(2000))}).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as conn:
        conn.sendall(b"POST /score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body))
        conn.settimeout(0.5)
        assert conn.recv(64).startswith(b"HTTP/1.1 100 Continue")
        conn.settimeout(5)
        conn.sendall(body)
        reply = b""
        while b'"raw"' not in reply or not reply.endswith(b"}"):
            reply += conn.recv(65536)
        assert reply.startswith(b"HTTP/1.1 200")
