"""`corpus reindex` builds the new library beside the old one and switches: searches never see it empty."""

from __future__ import annotations

import threading

import pytest
from retrieval_helpers import EVAL_CORPUS, LAW

from assistant.retrieval import vector
from assistant.retrieval.embedders import FakeEmbedder
from assistant.retrieval.index import Index


@pytest.mark.parametrize("exact_max", [vector.EXACT_MAX, 0], ids=["stored-vectors", "chroma-hnsw"])
def test_searches_during_reindex_always_find_something(settings, monkeypatch, exact_max):
    monkeypatch.setattr(vector, "EXACT_MAX", exact_max)
    writer = Index(settings, embedder=FakeEmbedder(64))
    writer.add_paths([LAW, EVAL_CORPUS / "2021-示例市交通运输局.txt", EVAL_CORPUS / "2022-示例市教育局.txt"])
    reader = Index(settings, embedder=FakeEmbedder(64))
    results: list[tuple[str, int]] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def search() -> None:
        while not done.is_set():
            for mode in ("keyword", "vector", "hybrid"):
                try:
                    results.append((mode, len(reader.search("信息处理费", k=3, mode=mode))))
                    results.append((mode, len(reader.search("存在的问题", k=3, mode=mode, year_from=2021))))
                except BaseException as error:  # noqa: BLE001 — reported below
                    errors.append(error)

    threads = [threading.Thread(target=search) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        generations = [writer.generation()]
        for _ in range(3):
            assert writer.reindex()["documents"] == 3
            generations.append(writer.generation())
    finally:
        done.set()
        for t in threads:
            t.join()
    assert not errors, errors[:3]
    assert len(set(generations)) == 4  # each reindex made a new library and switched to it
    assert len(results) > 12 and all(n > 0 for _, n in results), [r for r in results if r[1] == 0][:5]
    # the old libraries are gone from disk and from Chroma
    files = sorted(p.name for p in writer.folder.glob("passages-*.sqlite"))
    assert files == [f"passages-{generations[-1]}.sqlite"]
    names = {c.name for c in writer.store.client.list_collections()}
    assert "nianbao" not in names and f"nianbao-{generations[-1]}" in names
