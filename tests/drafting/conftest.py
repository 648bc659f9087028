"""Drafting fixtures: a demo report pair, a fake retriever, and a real local HTTP server
speaking the OpenAI chat-completions protocol with a scripted reply queue."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


# -- reports ---------------------------------------------------------------------------
def _set_row(report, row: str, **cols: int) -> None:
    for col, value in cols.items():
        report.set(f"t3.{row}.{col}", value)
    report.set(f"t3.{row}.total", sum(cols.values()))


@pytest.fixture
def previous_report():
    from assistant.report.io import read_report

    return read_report(FIXTURES / "sample-2021.yaml")


@pytest.fixture
def demo_report(previous_report):
    """2022 report of the sample agency: 21 new requests, 2 carried over, 1 review."""
    r = previous_report.model_copy(deep=True)
    r.year = 2022
    r.source = None
    r.headings = {}
    r.sections = type(r.sections)()
    for key in list(r.cells):
        if key.startswith("t3."):
            r.set(key, 0)
    _set_row(r, "new", natural=15, commercial=6)
    _set_row(r, "granted", natural=10)
    _set_row(r, "refused.third_party", natural=3)
    _set_row(r, "unable.not_held", natural=2, commercial=4)
    _set_row(r, "results_total", natural=15, commercial=4)
    _set_row(r, "carried_out", commercial=2)
    r.set("t2.normative_docs.issued", 4)
    r.set("t2.normative_docs.in_force", 12)
    r.set("t2.fees.amount", "12.50")
    r.set("t4.review.upheld", 1)
    r.set("t4.review.total", 1)
    return r


@pytest.fixture
def demo_files(tmp_path, demo_report, previous_report):
    from assistant.report.io import write_report

    cur, prev = tmp_path / "2022.yaml", tmp_path / "2021.yaml"
    write_report(demo_report, cur)
    write_report(previous_report, prev)
    return cur, prev


# -- fake retriever (a fake at our own interface) ------------------------------------------
class FakeRetriever:
    def __init__(self, hits):
        self.hits = hits
        self.calls = []

    def search(self, query, *, k=5, agency=None, year_from=None, year_to=None, part=None, doc_type=None):
        self.calls.append(dict(query=query, k=k, agency=agency, year_to=year_to, part=part, doc_type=doc_type))
        out = [h for h in self.hits
               if (doc_type is None or h.doc_type == doc_type)
               and (agency is None or h.agency == agency)
               and (part is None or h.part in (None, part) or h.doc_type == "regulation")]
        return out[:k]


@pytest.fixture
def make_retriever():
    return FakeRetriever


# -- a fake chat model (langchain's, at our interface) ------------------------------------
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel  # noqa: E402


class FakeChat(GenericFakeChatModel):
    """GenericFakeChatModel whose last chunk carries finish_reason "stop", as a real endpoint's does
    (a stream without one counts as cut off)."""

    def _stream(self, *args, **kwargs):
        chunks = list(super()._stream(*args, **kwargs))
        if chunks:
            chunks[-1].message.response_metadata = {"finish_reason": "stop"}
        yield from chunks


# -- a real OpenAI-protocol server on loopback --------------------------------------------
class Script:
    """One scripted reply. kinds: text (streamed or not), status (error), drop, malformed."""

    def __init__(self, text: str = "", *, status: int = 200, chunks: list[str] | None = None, delay: float = 0,
                 drop_after: int | None = None, malformed_at: int | None = None, finish_reason: str | None = "stop",
                 clean_cut: bool = False):
        self.text = text
        self.status = status
        self.chunks = chunks
        self.delay = delay
        self.drop_after = drop_after
        self.malformed_at = malformed_at
        self.finish_reason = finish_reason
        self.clean_cut = clean_cut  # end the stream cleanly with no finish_reason and no [DONE] (a proxy)

    def pieces(self) -> list[str]:
        if self.chunks is not None:
            return self.chunks
        return [self.text[i : i + 6] for i in range(0, len(self.text), 6)] or [""]


class OpenAIServer:
    def __init__(self):
        self.queue: list[Script] = []
        self.requests: list[dict] = []
        self.default = Script("好的。")
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):  # nothing of ours GETs; recorded so a test can see unexpected calls
                with server.lock:
                    server.requests.append({"path": self.path, "body": None})
                self._json(404, {"error": {"message": "not found", "type": "not_found"}})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with server.lock:
                    server.requests.append({"path": self.path, "body": body})
                    script = server.queue.pop(0) if server.queue else server.default
                if script.delay:
                    time.sleep(script.delay)
                if not self.path.endswith("/chat/completions"):
                    return self._json(404, {"error": {"message": "not found", "type": "not_found"}})
                if script.status != 200:
                    return self._json(script.status, {"error": {"message": f"scripted {script.status}",
                                                                 "type": "server_error", "code": script.status}})
                if body.get("stream"):
                    return self._stream(script, body)
                return self._json(200, {
                    "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
                    "model": body.get("model", "test"),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": script.text},
                                 "finish_reason": script.finish_reason}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _json(self, status, payload):
                data = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _chunk(self, data: bytes):
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def _event(self, payload):
                data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
                self._chunk(f"data: {data}\n\n".encode())

            def _delta(self, body, delta, finish=None):
                return {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 0,
                        "model": body.get("model", "test"),
                        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

            def _stream(self, script, body):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self._event(self._delta(body, {"role": "assistant", "content": ""}))
                for i, piece in enumerate(script.pieces()):
                    if script.drop_after is not None and i == script.drop_after:
                        # Drop the connection mid-body: no terminating chunk, no [DONE].
                        self.wfile.flush()
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return
                    if script.malformed_at is not None and i == script.malformed_at:
                        self._event('{"choices": [{"delta": {"content": "坏')
                        continue
                    self._event(self._delta(body, {"content": piece}))
                if script.clean_cut:
                    self._chunk(b"")
                    return
                self._event(self._delta(body, {}, script.finish_reason))
                self._event("[DONE]")
                self._chunk(b"")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # clients that time out close early
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def push(self, *scripts: Script) -> None:
        with self.lock:
            self.queue.extend(scripts)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def openai_server():
    server = OpenAIServer().start()
    yield server
    server.stop()


@pytest.fixture
def script():
    return Script


@pytest.fixture
def llm_settings(settings, openai_server):
    return settings.model_copy(update={
        "llm_base_url": openai_server.base_url, "llm_model": "test-model", "llm_api_key": "k",
        "llm_timeout": 5.0, "llm_max_retries": 2, "llm_retry_backoff": 0.01,
    })


@pytest.fixture
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
