"""The passage store: incremental BM25 equals a fresh build; tokens equal jieba's own; searches stay light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
from retrieval_helpers import EVAL_CORPUS, LAW, ROOT

from assistant.retrieval.embedders import FakeEmbedder
from assistant.retrieval.index import Index
from assistant.retrieval.keyword import tokenize
from assistant.retrieval.passages import NewPassage, PassageStore

TEXTS = ["申请人要求公开信息处理费收费标准", "本机关不掌握相关政府信息", "信息处理费按件计收", "行政复议和行政诉讼情况",
         "政府信息公开申请答复期限为二十个工作日", "涉及第三方合法权益的信息处理", "主动公开规范性文件"]


def _passages(doc: str, texts: list[str]) -> list[NewPassage]:
    return [NewPassage(f"{doc}-{n}", t, {"doc_id": doc, "doc_type": "note", "n": n}, tokenize(t), [1.0, float(n)])
            for n, t in enumerate(texts)]


def _scores(store: PassageStore, query: str) -> dict[str, float]:
    got = store.bm25(tokenize(query), 50)
    ids = store.ids_of(p for p, _ in got)
    return {ids[p]: round(s, 9) for p, s in got}


def test_incremental_updates_score_like_a_fresh_build(tmp_path):
    grown = PassageStore(tmp_path / "grown.sqlite")
    grown.replace({"a": _passages("a", TEXTS[:3])})
    grown.replace({"b": _passages("b", TEXTS[3:])})
    grown.replace({"a": _passages("a", TEXTS[1:3] + ["信息处理费减免"])})  # a changed document
    grown.replace({"c": _passages("c", TEXTS[:2])})
    grown.replace({"c": []})  # removed again
    fresh = PassageStore(tmp_path / "fresh.sqlite")
    fresh.replace({"a": _passages("a", TEXTS[1:3] + ["信息处理费减免"]), "b": _passages("b", TEXTS[3:])})
    assert grown.count() == fresh.count() == 7
    for query in ("信息处理费", "政府信息公开申请", "第三方", "不掌握"):
        assert _scores(grown, query) == _scores(fresh, query) != {}
    assert sorted((d["id"], d["chunks"]) for d in grown.docs()) == [("a", 3), ("b", 4)]
    assert not grown.db.execute("SELECT 1 FROM terms WHERE term = '减免' AND length(pos) != 8").fetchone()
    # vectors follow their passages: a removed passage's row is zero, the others are unit length
    positions, matrix = grown.vectors(None, 2)
    live = set(grown.ids_of(positions))
    norms = np.linalg.norm(matrix, axis=1)
    assert all(abs(norms[i] - (1.0 if p in live else 0.0)) < 1e-6 for i, p in enumerate(positions))


def test_lazy_dictionary_gives_jiebas_own_tokens():
    import jieba

    jieba.initialize()
    text = (EVAL_CORPUS / "2022-示例市司法局.txt").read_text(encoding="utf-8")[:3000] + "申请人不识字，只能口头提出申请"
    from assistant.retrieval.keyword import STOPWORDS, _WORD

    own = [w.lower() for w in jieba.cut_for_search(text)]
    assert tokenize(text) == [w for w in own if _WORD.search(w) and w not in STOPWORDS]


def test_adding_one_file_touches_only_its_terms(settings):
    index = Index(settings, embedder=FakeEmbedder(32))
    index.add_paths([EVAL_CORPUS / "2021-示例市交通运输局.txt", LAW])
    _, store = index._current()
    before = dict(store.db.execute("SELECT term, pos FROM terms"))
    path = EVAL_CORPUS / "2022-示例市教育局.txt"
    index.add_paths([path])
    after = dict(store.db.execute("SELECT term, pos FROM terms"))
    new_terms = {t for (text,) in store.db.execute("SELECT tokens FROM passages WHERE doc_id = ?",
                                                    (index.list_docs()[-1]["id"],)) for t in text.split("\x1f")}
    changed = {t for t in after if before.get(t) != after[t]}
    assert changed and changed <= new_terms  # every other posting list is byte for byte the same
    index.remove(str(path))
    assert dict(store.db.execute("SELECT term, pos FROM terms")) == before


SCRIPT = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from assistant.retrieval.embedders import FakeEmbedder
    from assistant.retrieval.index import Index
    from assistant.settings import Settings
    index = Index(Settings(home=Path(sys.argv[1])), embedder=FakeEmbedder(32))
    hits = index.search("信息处理费", k=3)
    print(json.dumps({"hits": [h.article for h in hits], "chromadb": "chromadb" in sys.modules,
                      "cn2an": "cn2an" in sys.modules, "pdfplumber": "pdfplumber" in sys.modules}))
""")


def test_search_on_a_small_library_needs_no_chromadb(settings):
    Index(settings, embedder=FakeEmbedder(32)).add_paths([LAW])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(settings.home)], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "第四十二条" in result["hits"]
    assert result == {"hits": result["hits"], "chromadb": False, "cn2an": False, "pdfplumber": False}


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__(32)
        self.embedded = 0

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return super().embed_passages(texts)


def test_unchanged_passages_are_not_embedded_again(settings, tmp_path):
    import shutil

    path = tmp_path / "2023-示例市某某局.txt"
    shutil.copy(EVAL_CORPUS / "2023-示例市某某局.txt", path)
    embedder = CountingEmbedder()
    index = Index(settings, embedder=embedder)
    first = index.add_paths([path])["chunks"]
    assert embedder.embedded == first > 5
    path.write_text(path.read_text(encoding="utf-8").replace("完善公开属性审查。", "完善公开属性审查，推进档案数字化扫描。"),
                    encoding="utf-8")
    embedder.embedded = 0
    summary = index.add_paths([path])
    assert summary["updated"] == [str(path)] and 1 <= embedder.embedded <= 2  # only the edited paragraph
    hits = index.search("档案数字化扫描", k=3, mode="vector")
    assert hits and hits[0].source == str(path)
    # a vector reused for an unchanged passage is the one the model gives for it
    _, store = index._current()
    positions, matrix = store.vectors(None, 32)
    live = store.ids_of(positions)
    for pos, row in zip(positions.tolist(), matrix):
        if pos in live:
            assert abs(float(np.linalg.norm(row)) - 1.0) < 1e-5
