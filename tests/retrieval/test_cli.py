"""nianbao corpus add/list/remove/reindex/search through the real entry point.

Embeddings come from a real local HTTP server speaking the OpenAI protocol (fake vectors),
selected the way a user selects it: NIANBAO_EMBEDDING_BASE_URL.
"""

from __future__ import annotations

import json
import shutil

import pytest
from retrieval_helpers import EVAL_CORPUS, LAW

HIT_KEYS = {"id", "score", "doc_type", "source", "agency", "year", "part", "article", "text"}


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("2021-示例市交通运输局.txt", "2022-示例市交通运输局.txt", "2021-示例市生态环境局.txt"):
        shutil.copy(EVAL_CORPUS / name, folder / name)
    shutil.copy(LAW, folder / LAW.name)
    return folder


def test_add_is_idempotent_and_list_shows_documents(run_cli, fake_endpoint, docs):
    code, out, err = run_cli("corpus", "add", docs)
    assert code == 0, err
    assert "新增 4 个" in out
    code, out, _ = run_cli("corpus", "add", docs)
    assert code == 0 and "新增 0 个" in out and "未变 4 个" in out
    code, out, _ = run_cli("corpus", "list", "--format", "json")
    listed = json.loads(out)
    assert len(listed) == 4 and {d["doc_type"] for d in listed} == {"report", "regulation"}
    code, out, _ = run_cli("corpus", "list")
    assert code == 0 and "共 4 个文件" in out and "法规" in out and "示例市交通运输局 2022" in out


def test_search_json_shape_and_filters(run_cli, fake_endpoint, docs):
    run_cli("corpus", "add", docs)
    code, out, err = run_cli("corpus", "search", "信息处理费", "--doc-type", "regulation", "--k", "3", "--format", "json")
    assert code == 0, err
    hits = json.loads(out)
    assert 0 < len(hits) <= 3
    for hit in hits:
        assert set(hit) == HIT_KEYS
        assert hit["doc_type"] == "regulation" and hit["article"].startswith("第") and hit["source"].endswith(".md")
    code, out, _ = run_cli("corpus", "search", "依申请公开存在的问题", "--agency", "交通运输局", "--year", "2022",
                           "--part", "五", "--format", "json")
    hits = json.loads(out)
    assert hits and all(h["agency"] == "示例市交通运输局" and h["year"] == 2022 and h["part"] == "problems" for h in hits)
    code, out, _ = run_cli("corpus", "search", "存在的问题", "--year", "2021-2021", "--format", "json")
    assert {h["year"] for h in json.loads(out)} == {2021}
    code, out, _ = run_cli("corpus", "search", "信息处理费", "--k", "2")
    assert code == 0 and "[1]" in out and "[3]" not in out


def test_remove_and_reindex(run_cli, fake_endpoint, docs):
    run_cli("corpus", "add", docs)
    listed = json.loads(run_cli("corpus", "list", "--format", "json")[1])
    law = next(d for d in listed if d["doc_type"] == "regulation")
    code, out, _ = run_cli("corpus", "remove", law["id"])
    assert code == 0 and "已删除" in out and law["id"] in out
    code, out, _ = run_cli("corpus", "search", "信息处理费", "--doc-type", "regulation", "--format", "json")
    assert json.loads(out) == []
    code, out, _ = run_cli("corpus", "remove", str(docs / "2021-示例市生态环境局.txt"))
    assert code == 0
    code, out, err = run_cli("corpus", "reindex")
    assert code == 0, err
    assert "已重建 2 个文件" in out
    assert len(json.loads(run_cli("corpus", "list", "--format", "json")[1])) == 2


def test_bad_input_gives_chinese_errors(run_cli, fake_endpoint, docs, tmp_path):
    code, _, err = run_cli("corpus", "add", tmp_path / "nope.txt")
    assert code == 2 and "找不到" in err and "nope.txt" in err
    code, _, err = run_cli("corpus", "remove", "abc123")
    assert code == 2 and "没有编号或路径" in err
    code, _, err = run_cli("corpus", "search", "问题", "--year", "二〇二一")
    assert code == 2 and "年度" in err
    code, _, err = run_cli("corpus", "search", "问题", "--part", "第九部分")
    assert code == 2 and "部分" in err
    bad = docs / "坏文件.docx"
    bad.write_bytes(b"not a docx")
    code, out, err = run_cli("corpus", "add", docs)
    assert code == 2 and "新增 4 个" in out and "坏文件.docx" in err
    assert len(json.loads(run_cli("corpus", "list", "--format", "json")[1])) == 4
    assert "Traceback" not in err


def test_empty_index_says_how_to_fill_it(run_cli, fake_endpoint):
    code, out, _ = run_cli("corpus", "search", "信息处理费")
    assert code == 0 and "corpus add" in out
