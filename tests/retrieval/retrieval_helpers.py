"""Helpers for the retrieval tests: paths, a real OpenAI-embeddings HTTP server on loopback."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
LAW = SHARED / "law" / "政府信息公开条例(2019-04-03).md"
COURT = SHARED / "law" / "最高人民法院关于审理政府信息公开行政案件若干问题的规定(2011-07-29).md"
SAMPLE_TXT = ROOT / "corpus" / "2021-中韩示范区党政综合办公室.txt"
SAMPLE_YAML = ROOT / "tests" / "fixtures" / "sample-2021.yaml"
EVAL_CORPUS = ROOT / "tests" / "eval" / "corpus"


def reply_json(handler: BaseHTTPRequestHandler, body: dict) -> None:
    payload = json.dumps(body).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EmbeddingServer:
    """Speaks POST /v1/embeddings like OpenAI; vectors from the fake n-gram embedder."""

    def __init__(self, dim: int = 64) -> None:
        from assistant.retrieval.embedders import FakeEmbedder

        fake = FakeEmbedder(dim)
        self.requests: list[dict] = []
        self.fail = False
        server_self = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server_self.requests.append({"path": self.path, "body": body,
                                             "auth": self.headers.get("Authorization")})
                if server_self.fail or self.path != "/v1/embeddings":
                    self.send_response(500 if server_self.fail else 404)
                    self.end_headers()
                    self.wfile.write(b'{"error": "boom"}')
                    return
                texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
                data = [{"object": "embedding", "index": i, "embedding": v}
                        for i, v in enumerate(fake.embed_passages(texts))]
                reply_json(self, {"object": "list", "data": data[::-1], "model": body.get("model"),
                                  "usage": {"prompt_tokens": 0, "total_tokens": 0}})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()




class RerankServer:
    """Speaks POST /v1/rerank (Jina/Cohere shape): a document scores by how many of the query's
    characters it contains, plus 10 if it contains `favourite` (so a test knows the right order)."""

    def __init__(self, favourite: str = "") -> None:
        self.requests: list[dict] = []
        self.fail = False
        server_self = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server_self.requests.append({"path": self.path, "body": body})
                if server_self.fail or self.path != "/v1/rerank":
                    self.send_response(500 if server_self.fail else 404)
                    self.end_headers()
                    return
                query = set(body["query"])
                results = [{"index": i, "relevance_score": len(query & set(doc)) + (10 if favourite and favourite in doc else 0)}
                           for i, doc in enumerate(body["documents"])]
                results.sort(key=lambda r: -r["relevance_score"])
                reply_json(self, {"results": results})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
