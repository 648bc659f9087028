"""The concept map and the 条例导读: one test per concept (its 条例 words are really in its articles,
and a question in its office words finds the article), and a gloss for every article."""

from __future__ import annotations

import re

import pytest
from retrieval_helpers import COURT, LAW

from assistant.retrieval.embedders import FakeEmbedder
from assistant.retrieval.guide import Concept, concepts, expand, gloss_for, glosses
from assistant.retrieval.index import Index

LAW_TEXT = LAW.read_text(encoding="utf-8")


def _article_text(article: str) -> str:
    m = re.search(rf"^{article}[\s　](.*?)(?=^第[一二三四五六七八九十百]+条[\s　]|\Z)", LAW_TEXT, re.M | re.S)
    assert m, article
    return m.group(0)


@pytest.fixture(scope="module")
def law_index(tmp_path_factory):
    from assistant.settings import Settings

    index = Index(Settings(home=tmp_path_factory.mktemp("concepts")), embedder=FakeEmbedder(64), expansion="keyword")
    index.add_paths([LAW, COURT])
    return index


@pytest.mark.parametrize("concept", concepts(), ids=lambda c: c.term)
def test_concept(concept: Concept, law_index):
    # the left side is the regulation's own vocabulary, found in the articles it names
    texts = "".join(_article_text(a) for a in concept.articles)
    for word in re.split(r"[\s　]+", concept.term):
        assert word.strip("（）()") and word.replace("（", "(").replace("）", ")") in texts.replace("（", "(").replace(
            "）", ")"), (concept.term, word)
    # the right side is how staff say it: words the article itself does not use
    assert concept.words and any(w not in texts for w in concept.words), concept.words
    # a question in office words, expanded, finds one of the articles
    assert any(w in concept.example for w in concept.words)
    assert expand(concept.example) != concept.example
    hits = law_index.search(concept.example, k=5, mode="keyword", doc_type="regulation")
    assert {h.article for h in hits} & set(concept.articles), (concept.example, [h.article for h in hits])


def test_every_article_has_a_gloss():
    articles = set(re.findall(r"^(第[一二三四五六七八九十百]+条)[\s　]", LAW_TEXT, re.M))
    assert len(articles) == 56 and set(glosses()["政府信息公开条例"]) == articles
    court = set(re.findall(r"^(第[一二三四五六七八九十百]+条)[\s　]", COURT.read_text(encoding="utf-8"), re.M))
    assert set(glosses()["最高人民法院关于审理政府信息公开行政案件若干问题的规定"]) == court
    assert gloss_for("中华人民共和国政府信息公开条例", "第二十九条").startswith("申请的形式：")
    assert gloss_for("某某办法", "第二十九条") is None


def test_gloss_is_searched_but_never_shown(law_index):
    hit = law_index.search("申请人不识字", k=1, mode="keyword", doc_type="regulation")[0]
    assert hit.article == "第二十九条" and "不识字" not in hit.text and hit.text.startswith("第二十九条")
