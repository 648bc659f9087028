"""HttpClient mode against a real `chroma run` on loopback: same code path, shared by processes."""

from __future__ import annotations

import json

from retrieval_helpers import EVAL_CORPUS, LAW

from assistant.retrieval.embedders import FakeEmbedder
from assistant.retrieval.index import Index
from assistant.settings import Settings


def test_index_against_chroma_server(chroma_server, tmp_path):
    # Two workspaces (two machines, or two processes) sharing one Chroma server.
    one = Settings(home=tmp_path / "one", chroma_url=chroma_server)
    two = Settings(home=tmp_path / "two", chroma_url=chroma_server)
    writer = Index(one, embedder=FakeEmbedder())
    reader = Index(two, embedder=FakeEmbedder())
    writer.add_paths([LAW, EVAL_CORPUS / "2022-示例县人民政府.txt"])
    assert not (tmp_path / "one" / "chroma").exists()  # nothing embedded in the workspace
    # The second workspace never saw the files: its keyword index is rebuilt from the server.
    hits = reader.search("政务公开专区", k=3, agency="示例县")
    assert hits and hits[0].agency == "示例县人民政府"
    hits = reader.search("信息处理费", k=3, doc_type="regulation", mode="keyword")
    assert hits[0].article == "第四十二条"
    assert {d["id"] for d in reader.list_docs()} == {d["id"] for d in writer.list_docs()}
    reader.remove(str(LAW))
    assert writer.search("信息处理费", doc_type="regulation") == []
    writer.remove(str(EVAL_CORPUS / "2022-示例县人民政府.txt"))
    assert reader.list_docs() == []


def test_cli_against_chroma_server(run_cli, fake_endpoint, chroma_server, monkeypatch):
    monkeypatch.setenv("NIANBAO_CHROMA_URL", chroma_server)
    code, out, err = run_cli("corpus", "add", EVAL_CORPUS / "2022-示例市教育局.txt")
    assert code == 0, err
    code, out, _ = run_cli("corpus", "search", "招生入学政策", "--format", "json")
    hits = json.loads(out)
    assert hits and hits[0]["agency"] == "示例市教育局"
    code, out, _ = run_cli("corpus", "reindex")
    assert code == 0 and "已重建 1 个文件" in out
    code, out, _ = run_cli("corpus", "remove", str(EVAL_CORPUS / "2022-示例市教育局.txt"))
    assert code == 0
    assert json.loads(run_cli("corpus", "list", "--format", "json")[1]) == []


def test_unreachable_server_is_a_clear_error(run_cli, fake_endpoint, monkeypatch):
    from retrieval_helpers import free_port

    monkeypatch.setenv("NIANBAO_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    code, _, err = run_cli("corpus", "list")
    assert code == 2 and "Chroma" in err and "Traceback" not in err
