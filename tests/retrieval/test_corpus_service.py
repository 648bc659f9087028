"""services.corpus: the workflows behind `nianbao corpus`, callable without the CLI."""

from __future__ import annotations

import json

import pytest
from retrieval_helpers import LAW

from assistant.errors import NianbaoError
from assistant.retrieval.embedders import FakeEmbedder
from assistant.retrieval.index import Index
from assistant.services.corpus import Corpus, SearchRequest, bundled_corpus, parse_years


@pytest.mark.parametrize("text, expected", [
    (None, (None, None)), ("", (None, None)), ("2021", (2021, 2021)), (" 2019-2021 ", (2019, 2021)),
    ("2019至2021", (2019, 2021)), ("2019-", (2019, None)), ("2019～", (2019, None)),
])
def test_parse_years(text, expected):
    assert parse_years(text) == expected


@pytest.mark.parametrize("text", ["二〇二一", "21", "2019-21", "2019,2020"])
def test_parse_years_refuses_other_writings(text):
    with pytest.raises(NianbaoError, match="年度"):
        parse_years(text)


def test_bundled_corpus_ships_in_the_package():
    folder = bundled_corpus()
    names = {p.name for p in folder.iterdir()}
    assert "年报填写要点.md" in names and any(n.endswith("中韩示范区党政综合办公室.txt") for n in names)
    assert "assistant" in folder.parts  # inside the package, not the checkout's corpus/ folder


def test_service_add_search_list_remove_reindex(settings):
    corpus = Corpus(settings, Index(settings, embedder=FakeEmbedder(64)))
    summary = corpus.add_bundled()
    assert len(summary.added) == 2 and summary.chunks > 10 and not summary.failed
    assert corpus.add([LAW]).added == [str(LAW)]
    result = corpus.search(SearchRequest("信息处理费怎么收", k=3, doc_type="regulation"))
    assert result.hits and not result.library_empty and result.hits[0].article == "第四十二条"
    result = corpus.search(SearchRequest("存在的问题", years="2021", part="五"))
    assert result.hits and {h.year for h in result.hits} == {2021}
    assert len(corpus.list_docs()) == 3
    assert corpus.reindex().documents == 3
    for doc in corpus.list_docs():
        corpus.remove(doc["id"])
    assert corpus.search(SearchRequest("信息处理费")).library_empty


def test_cli_add_bundled(run_cli, fake_endpoint):
    code, out, err = run_cli("corpus", "add", "--bundled")
    assert code == 0, err
    assert "新增 2 个" in out
    listed = json.loads(run_cli("corpus", "list", "--format", "json")[1])
    assert {d["doc_type"] for d in listed} == {"report", "note"}
    code, _, err = run_cli("corpus", "add")
    assert code == 2 and "请给出要收录的文件" in err
