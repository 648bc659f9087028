"""The index service on real Chroma in the test workspace, with the fake embedder."""

from __future__ import annotations

import shutil

import pytest
from retrieval_helpers import EVAL_CORPUS, LAW, SAMPLE_YAML

from assistant.errors import NianbaoError
from assistant.retrieval.embedders import FakeEmbedder
from assistant.retrieval.index import Index


@pytest.fixture
def corpus(tmp_path):
    """A few reports of different agencies and years plus the regulation, copied so tests may edit them."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("2021-示例市交通运输局.txt", "2022-示例市交通运输局.txt", "2022-示例县人民政府.txt",
                 "2023-示例市某某局.txt"):
        shutil.copy(EVAL_CORPUS / name, folder / name)
    shutil.copy(LAW, folder / LAW.name)
    return folder


@pytest.fixture
def index(settings):
    return Index(settings, embedder=FakeEmbedder())


def test_add_list_and_idempotency(index, corpus):
    first = index.add_paths([corpus])
    assert len(first["added"]) == 5 and not first["failed"] and first["chunks"] > 50
    docs = index.list_docs()
    assert {d["doc_type"] for d in docs} == {"report", "regulation"}
    assert sum(d["chunks"] for d in docs) == first["chunks"]
    again = index.add_paths([corpus])
    assert again["added"] == [] and again["updated"] == [] and len(again["unchanged"]) == 5
    assert index.list_docs() == docs
    # The same content under another path is not indexed twice.
    copy = corpus.parent / "copy.txt"
    shutil.copy(corpus / "2023-示例市某某局.txt", copy)
    assert index.add_paths([copy])["unchanged"] == [str(copy)]


def test_changed_file_replaces_its_passages(index, corpus):
    path = corpus / "2023-示例市某某局.txt"
    index.add_paths([path])
    assert all("档案数字化扫描" not in h.text for h in index.search("档案数字化扫描", mode="keyword"))
    text = path.read_text(encoding="utf-8").replace("完善公开属性审查。", "完善公开属性审查，推进档案数字化扫描。")
    path.write_text(text, encoding="utf-8")
    summary = index.add_paths([path])
    assert summary["updated"] == [str(path)]
    hits = index.search("档案数字化扫描", mode="keyword")
    assert hits and "档案数字化扫描" in hits[0].text
    docs = index.list_docs()
    assert len(docs) == 1 and docs[0]["chunks"] == summary["chunks"]


def test_search_modes_and_hit_shape(index, corpus):
    index.add_paths([corpus])
    for mode in ("keyword", "vector", "hybrid"):
        hits = index.search("信息处理费怎么收", k=3, mode=mode)
        assert 0 < len(hits) <= 3
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    hit = index.search("行政机关依申请提供政府信息不收取费用", k=1)[0]
    assert hit.doc_type == "regulation" and hit.article == "第四十二条" and hit.source.endswith(LAW.name)
    assert set(hit.to_json()) == {"id", "score", "doc_type", "source", "agency", "year", "part", "article", "text"}


def test_filters_apply_to_both_sides(index, corpus):
    index.add_paths([corpus])
    for mode in ("keyword", "vector", "hybrid"):
        hits = index.search("依申请公开存在的问题", k=10, agency="交通运输局", year_from=2022, year_to=2022, mode=mode)
        assert hits and all(h.agency == "示例市交通运输局" and h.year == 2022 for h in hits)
        hits = index.search("依申请公开存在的问题", k=10, part="五", mode=mode)
        assert hits and all(h.part == "problems" for h in hits)
        hits = index.search("信息处理费", k=10, doc_type="regulation", mode=mode)
        assert hits and all(h.doc_type == "regulation" and h.article for h in hits)
        # Regulations have no year: a year filter leaves only reports.
        assert all(h.doc_type == "report" for h in index.search("信息处理费", k=10, year_from=2021, mode=mode))
    assert index.search("问题", agency="不存在的机关") == []
    with pytest.raises(NianbaoError, match="部分"):
        index.search("问题", part="第九部分")
    with pytest.raises(NianbaoError, match="颠倒"):
        index.search("问题", year_from=2023, year_to=2021)


def test_remove_by_id_path_and_folder(index, corpus):
    index.add_paths([corpus])
    docs = index.list_docs()
    law = next(d for d in docs if d["doc_type"] == "regulation")
    removed = index.remove(law["id"])
    assert [d["id"] for d in removed] == [law["id"]]
    assert all(h.doc_type != "regulation" for h in index.search("信息处理费", k=20))
    index.remove(str(corpus / "2022-示例县人民政府.txt"))
    assert all(h.agency != "示例县人民政府" for h in index.search("政务公开专区", k=20))
    assert len(index.remove(str(corpus))) == 3
    assert index.list_docs() == []
    with pytest.raises(NianbaoError, match="没有编号或路径"):
        index.remove("nothing-here")


def test_other_process_sees_changes_through_revision(settings, corpus):
    writer = Index(settings, embedder=FakeEmbedder())
    reader = Index(settings, embedder=FakeEmbedder())
    assert reader.search("信息处理费") == []
    writer.add_paths([corpus / LAW.name])
    hits = reader.search("信息处理费", mode="keyword")
    assert hits and hits[0].article == "第四十二条"
    writer.remove(str(corpus / LAW.name))
    assert reader.search("信息处理费", mode="keyword") == []


def test_model_mismatch_asks_for_reindex_and_reindex_fixes_it(settings, corpus):
    Index(settings, embedder=FakeEmbedder(64)).add_paths([corpus])
    other = Index(settings, embedder=FakeEmbedder(128))
    with pytest.raises(NianbaoError, match="corpus reindex"):
        other.search("信息处理费")
    with pytest.raises(NianbaoError, match="corpus reindex"):
        other.add_paths([SAMPLE_YAML])
    before = {d["id"]: d["chunks"] for d in other.list_docs()}
    (corpus / "2022-示例县人民政府.txt").unlink()  # gone from disk: rebuilt from the stored text
    summary = other.reindex()
    assert summary["documents"] == len(before) and summary["from_store"] == [str(corpus / "2022-示例县人民政府.txt")]
    assert {d["id"]: d["chunks"] for d in other.list_docs()} == before
    assert other.search("信息处理费", mode="vector")
    assert other.search("政务公开专区", agency="示例县人民政府")


def test_unreadable_file_is_reported_and_others_are_kept(index, corpus):
    bad = corpus / "broken.docx"
    bad.write_bytes(b"not a zip")
    summary = index.add_paths([corpus])
    assert len(summary["added"]) == 5
    assert [f["source"] for f in summary["failed"]] == [str(bad)]
    assert "broken.docx" in summary["failed"][0]["message"]
    with pytest.raises(NianbaoError, match="找不到"):
        index.add_paths([corpus / "missing.txt"])


def test_report_file_is_indexed_with_its_metadata(index):
    index.add_paths([SAMPLE_YAML])
    hits = index.search("存在的主要问题", part="problems", k=5)
    assert hits and all(h.agency == "中韩示范区党政综合办公室" and h.year == 2021 for h in hits)
    assert any(h.heading and "问题" in h.heading for h in hits)


def test_vector_filter_strategies_agree(index, corpus, monkeypatch):
    """Exact comparison, oversampled HNSW and id-restricted HNSW give the same filtered neighbours."""
    from assistant.retrieval import vector

    index.add_paths([corpus])
    query = dict(k=8, year_from=2022, mode="vector")
    results = {}
    for name, exact_max, oversample_max in (("exact", 10_000, 10_000), ("oversample", 0, 10_000), ("ids", 0, 0)):
        monkeypatch.setattr(vector, "EXACT_MAX", exact_max)
        monkeypatch.setattr(vector, "OVERSAMPLE_MAX", oversample_max)
        hits = index.search("依申请公开答复期限", **query)
        assert hits and all(h.year and h.year >= 2022 for h in hits)
        results[name] = [h.id for h in hits]
    assert results["exact"] == results["oversample"] == results["ids"]


def test_published_pdf_and_docx_regulation(index, tmp_path):
    import docx

    from retrieval_helpers import SHARED

    pdf = SHARED / "samples" / "2023-洪泽区人民政府.pdf"
    reg = tmp_path / "某某办法.docx"
    document = docx.Document()
    document.add_paragraph("某某信息公开办法")
    document.add_paragraph("第一章 总则")
    document.add_paragraph("第一条 为了规范信息公开工作，制定本办法。")
    document.add_paragraph("第二条 本办法适用于本市各级行政机关。")
    document.add_paragraph("第二章 收费")
    document.add_paragraph("第三条 申请人逾期未缴纳信息处理费的，行政机关不再处理其申请。")
    document.save(reg)
    summary = index.add_paths([pdf, reg])
    assert not summary["failed"] and len(summary["added"]) == 2
    hits = index.search("信息处理费", agency="洪泽区", k=3)
    assert hits and hits[0].year == 2023 and hits[0].source == str(pdf)
    law = index.search("逾期未缴纳信息处理费", doc_type="regulation", k=1)[0]
    assert law.article == "第三条" and law.heading == "第二章 收费" and law.source == str(reg)


def test_file_without_prose_is_reported(index, tmp_path):
    from assistant.report.io import write_report
    from assistant.report.model import blank_report

    empty = tmp_path / "2022-空白.yaml"
    write_report(blank_report(2022, "示例市空白局", "部门"), empty)
    summary = index.add_paths([empty])
    assert summary["added"] == [] and "没有可以收录的文字" in summary["failed"][0]["message"]
    assert index.list_docs() == []
