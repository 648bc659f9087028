"""A served reranker by configuration: a real /v1/rerank server on loopback reorders hybrid results."""

from __future__ import annotations

import pytest
from retrieval_helpers import EVAL_CORPUS, LAW, RerankServer

from assistant.errors import NianbaoError
from assistant.retrieval.embedders import FakeEmbedder
from assistant.retrieval.index import Index
from assistant.settings import Settings


@pytest.fixture
def rerank_server():
    server = RerankServer(favourite="不收取费用")
    yield server
    server.close()


def test_reranker_reorders_the_fused_candidates(settings, rerank_server):
    plain = Index(settings, embedder=FakeEmbedder(64))
    plain.add_paths([LAW, EVAL_CORPUS / "2021-示例市交通运输局.txt"])
    before = plain.search("申请公开要交钱吗", k=5)
    served = Index(Settings(home=settings.home, rerank_base_url=rerank_server.url + "/v1", rerank_model="bge-reranker"),
                   embedder=FakeEmbedder(64))
    hits = served.search("申请公开要交钱吗", k=5)
    assert hits[0].article == "第四十二条" and "不收取费用" in hits[0].text
    assert [h.id for h in hits] != [h.id for h in before]
    request = rerank_server.requests[-1]
    assert request["path"] == "/v1/rerank" and request["body"]["model"] == "bge-reranker"
    assert request["body"]["query"] == "申请公开要交钱吗" and 1 < len(request["body"]["documents"]) <= 20
    # keyword and vector modes are not reranked
    served.search("申请公开要交钱吗", k=5, mode="keyword")
    assert len(rerank_server.requests) == 1


def test_reranker_failure_is_a_clear_error(settings, rerank_server):
    Index(settings, embedder=FakeEmbedder(64)).add_paths([LAW])
    rerank_server.fail = True
    served = Index(Settings(home=settings.home, rerank_base_url=rerank_server.url), embedder=FakeEmbedder(64))
    with pytest.raises(NianbaoError, match="重排序服务"):
        served.search("信息处理费", k=3)


def test_benchmark_evaluates_served_embedder_and_reranker(embedding_server, rerank_server, tmp_path):
    import os
    import subprocess
    import sys

    from retrieval_helpers import ROOT

    env = {**os.environ, "PYTHONPATH": str(ROOT), "NIANBAO_EMBEDDING_BASE_URL": embedding_server.url + "/v1",
           "NIANBAO_EMBEDDING_MODEL": "fake-bge", "NIANBAO_RERANK_BASE_URL": rerank_server.url,
           "NIANBAO_RERANK_MODEL": "fake-reranker"}
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_retrieval.py"), "--embedder", "served",
                           "--smoke", "--skip-latency"], capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "embedder openai:fake-bge" in proc.stdout
    rows = [line for line in proc.stdout.splitlines() if "rerank:fake-reranker" in line]
    assert len(rows) == 1 and rows[0].split()[1] == "hybrid"  # the reranker reorders hybrid results
    assert rerank_server.requests
