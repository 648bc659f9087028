"""Grounding through the real retrieval index (real Chroma in the workspace, fake embedder)."""

from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.drafting import Drafter
from tests.drafting.conftest import FakeChat
from assistant.drafting.llm import ChatClient
from assistant.report.io import write_report

ROOT = Path(__file__).resolve().parents[2]
LAW = ROOT.parent / "shared" / "law" / "政府信息公开条例(2019-04-03).md"


@pytest.fixture
def index(settings, tmp_path, previous_report):
    from assistant.retrieval.embedders import FakeEmbedder
    from assistant.retrieval.index import Index

    peer = previous_report.model_copy(deep=True)
    peer.agency = "某市司法局"
    peer.sections.problems = "（一）存在的问题。政策解读形式较为单一。（二）改进措施。推行图解、视频解读。"
    peer_path = tmp_path / "peer-2021.yaml"
    write_report(peer, peer_path)
    idx = Index(settings, embedder=FakeEmbedder())
    summary = idx.add_paths([ROOT / "tests" / "fixtures" / "sample-2021.yaml", peer_path, LAW])
    assert not summary["failed"], summary["failed"]
    return idx


def test_sources_come_from_own_peer_and_regulation(index, demo_report):
    drafter = Drafter(demo_report, retriever=index)
    sources = drafter.sources("problems")
    kinds = {s.kind for s in sources}
    assert kinds == {"own", "peer", "regulation"}
    assert all(s.agency == demo_report.agency for s in sources if s.kind == "own")
    assert all(s.agency != demo_report.agency for s in sources if s.kind == "peer")
    assert all(s.article for s in sources if s.kind == "regulation")
    assert [s.n for s in sources] == list(range(1, len(sources) + 1))


def test_llm_draft_cites_real_passages(index, demo_report):
    drafter = Drafter(demo_report, retriever=index)
    sources = drafter.sources("problems")
    law = next(s for s in sources if s.kind == "regulation")
    reply = f"依申请公开答复规范性有待加强[{law.n}]；结转{{{{t3.carried_out.total}}}}件[1]。下一步将完善答复审核。"
    chat = ChatClient(FakeChat(messages=iter([AIMessage(content=reply)])), name="fake", max_retries=0)
    d = Drafter(demo_report, retriever=index, chat=chat).draft("problems")
    assert d.findings == [] and "结转2件" in d.text
    cited = {c["n"]: c for c in d.citations}
    assert cited[law.n]["article"] == law.article and cited[law.n]["passage"] == law.text
    assert cited[1]["agency"] == demo_report.agency and cited[1]["year"] == 2021


def test_template_draft_lists_regulation_it_rests_on(index, demo_report):
    d = Drafter(demo_report, retriever=index).draft("other")
    assert d.mode == "template" and d.findings == []
    assert d.citations and all(c["kind"] == "regulation" and c["article"] for c in d.citations)


def test_default_retriever_embeds_each_query_once(settings, demo_report, previous_report):
    from assistant.drafting.drafter import QueryCache, default_retriever
    from assistant.retrieval.embedders import FakeEmbedder

    class Counting(FakeEmbedder):
        calls = 0

        def embed_query(self, text):
            Counting.calls += 1
            return super().embed_query(text)

    index = default_retriever(settings)
    assert isinstance(index.embedder, QueryCache)
    index.embedder._inner = Counting()
    index.add_paths([ROOT / "tests" / "fixtures" / "sample-2021.yaml", LAW])
    sources = Drafter(demo_report, retriever=index).sources("problems")
    assert {s.kind for s in sources} >= {"own", "regulation"}
    assert Counting.calls == 2  # own and peer reports share one question; the regulation has its own
