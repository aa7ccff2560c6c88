"""Starts real servers on 127.0.0.1 for the differential and scorer tests: swiftlet's scorer and,
for comparison, the Azure ML inference server (azmlinfsrv) from the project's virtualenv."""
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VENV_BIN = Path(sys.executable).parent
SWIFTLET = Path(os.environ.get("SWIFTLET_BIN", ROOT / ".build" / "debug" / "swiftlet")).resolve()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name, command, port, cwd, ready_path, log_path):
        self.name, self.port = name, port
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(command, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self.ready_path = ready_path

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.logs()}")
            try:
                if self.request("GET", self.ready_path).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} not ready after {timeout}s:\n{self.logs()}")

    def request(self, method, path, body=None, headers=None, timeout=30):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            response.data = response.read()
            return response
        finally:
            conn.close()

    def logs(self):
        self.log.flush()
        return Path(self.log_path).read_text(errors="replace")[-4000:]

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def swiftlet_command(script, model_dir, port, *extra, workers=1):
    return [str(SWIFTLET), "scorer", "--entry-script", str(FIXTURES / script), "--model-dir", str(model_dir),
            "--port", str(port), "--workers", str(workers), "--python", sys.executable, *extra]


def azure_command(script, model_dir, port):
    return [str(VENV_BIN / "azmlinfsrv"), "--entry_script", str(FIXTURES / script), "--model_dir", str(model_dir),
            "--port", str(port)]


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory):
    """A model directory with the sklearn fixture's model, trained here (deterministic, a few hundred KB)."""
    directory = tmp_path_factory.mktemp("model")
    subprocess.run([sys.executable, str(FIXTURES / "make_sklearn_model.py"), str(directory / "sklearn_model.pkl")],
                   check=True)
    return directory


@pytest.fixture(scope="session")
def start(tmp_path_factory):
    """start(kind, script, *extra, workers=1) -> a ready Server; all are stopped at the end of the session."""
    servers = []
    logs = tmp_path_factory.mktemp("logs")
    model = tmp_path_factory.mktemp("empty-model")

    def launch(kind, script, *extra, workers=1, model_dir=None, wait=True):
        port = free_port()
        directory = model_dir or model
        if kind == "azure":
            command, ready = azure_command(script, directory, port), "/"
        else:
            command, ready = swiftlet_command(script, directory, port, *extra, workers=workers), "/ready"
        server = Server(f"{kind}:{script}", command, port, FIXTURES, ready, logs / f"{kind}-{script}-{port}.log")
        servers.append(server)
        return server.wait_ready() if wait else server

    yield launch
    for server in servers:
        server.stop()
