"""Retrieval test fixtures: a real OpenAI-embeddings HTTP server and a real Chroma server on loopback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:  # importlib mode: make retrieval_helpers importable
    sys.path.insert(0, HERE)

from retrieval_helpers import EmbeddingServer, free_port  # noqa: E402


@pytest.fixture
def embedding_server():
    server = EmbeddingServer()
    yield server
    server.close()


@pytest.fixture
def fake_endpoint(embedding_server, monkeypatch):
    """Point NIANBAO_EMBEDDING_BASE_URL at the local server (what the CLI reads)."""
    monkeypatch.setenv("NIANBAO_EMBEDDING_BASE_URL", embedding_server.url + "/v1")
    monkeypatch.setenv("NIANBAO_EMBEDDING_MODEL", "fake-bge")
    return embedding_server


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """A real `chroma run` on a free loopback port, for the HttpClient path."""
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    exe = Path(sys.executable).with_name("chroma")
    log = open(path / "server.log", "w")
    proc = subprocess.Popen([str(exe), "run", "--path", str(path / "data"), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, env={"ANONYMIZED_TELEMETRY": "False",
                                                                       "PATH": "/usr/bin:/bin"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("chroma run did not start: " + (path / "server.log").read_text()[-2000:])
        time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()
