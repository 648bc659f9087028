"""Chunking along the structure of reports and regulations."""

from __future__ import annotations

from retrieval_helpers import COURT, EVAL_CORPUS, LAW, SAMPLE_TXT, SAMPLE_YAML

from assistant.report.io import read_report
from assistant.retrieval.chunking import MAX_CHARS, chunk_note, chunk_regulation, chunk_report, windows
from assistant.retrieval.sources import kind_of, load, read_text


def test_regulation_is_cut_by_article_with_chapter():
    text = LAW.read_text(encoding="utf-8")
    chunks = chunk_regulation(text, "中华人民共和国政府信息公开条例")
    articles = [c.meta["article"] for c in chunks]
    # Every article of the regulation is there once (a long one may be split, never merged).
    numbered = [line.split()[0] for line in text.splitlines() if line.startswith("第") and "条" in line.split()[0]]
    assert list(dict.fromkeys(articles)) == numbered
    fee = [c for c in chunks if c.meta["article"] == "第四十二条"]
    assert len(fee) == 1 and "信息处理费" in fee[0].text
    assert fee[0].meta["chapter"].startswith("第四章")
    for c in chunks:
        assert text[c.meta["start"]:c.meta["end"]] == c.text
        assert len(c.text) <= MAX_CHARS
        assert c.meta["doc_type"] == "regulation"


def test_report_file_is_cut_into_parts_and_sub_items():
    report = read_report(SAMPLE_YAML)
    chunks = chunk_report(report)
    parts = [c.meta["part"] for c in chunks]
    assert parts[0] == "intro"
    assert parts.index("overview") < parts.index("problems") < parts.index("other")
    overview_heads = [c.meta.get("heading") for c in chunks if c.meta["part"] == "overview" and c.meta.get("heading")]
    # The sample numbers its sub-items "（1）" then "（二）…（五）": five sub-items all the same.
    assert len(overview_heads) == 5 and overview_heads[0].startswith("组织推动")
    problems = [c.meta.get("heading") for c in chunks if c.meta["part"] == "problems"]
    assert any("问题" in (h or "") for h in problems) and any("改进" in (h or "") for h in problems)
    for c in chunks:
        section = report.sections.text(c.meta["part"])
        assert section[c.meta["start"]:c.meta["end"]] == c.text
        assert c.meta["agency"] == report.agency and c.meta["year"] == 2021
        # No table debris: a passage is prose, not a column of zeros.
        assert not c.text.strip().isdigit()


def test_published_text_goes_through_the_importer():
    loaded = load(SAMPLE_TXT)
    assert loaded.doc_type == "report" and loaded.year == 2021 and "中韩示范区" in loaded.agency
    assert {"intro", "overview", "problems", "other"} <= {c.meta["part"] for c in loaded.chunks}


def test_kind_is_decided_by_content():
    assert kind_of(LAW.read_text(encoding="utf-8")) == "regulation"
    assert kind_of(COURT.read_text(encoding="utf-8")) == "regulation"
    assert kind_of(SAMPLE_TXT.read_text(encoding="utf-8")) == "report"
    for path in sorted(EVAL_CORPUS.glob("*.txt")):
        assert kind_of(read_text(path)) == "report", path.name
    assert kind_of("# 说明\n\n这是一份说明，提到第四十二条。") == "note"


def test_note_is_cut_by_heading():
    text = "# 标题\n\n开头一段说明文字，介绍本说明的用途。\n\n## 信息处理费\n\n未收取的也要写明未收取信息处理费。\n"
    chunks = chunk_note(text, "说明")
    assert [c.meta.get("heading") for c in chunks] == ["标题", "信息处理费"]
    assert all(text[c.meta["start"]:c.meta["end"]] == c.text for c in chunks)


def test_long_text_is_split_at_sentence_ends_with_offsets():
    sentence = "本机关严格按照条例规定办理政府信息公开申请，确保在法定期限内答复。"
    text = sentence * 30
    pieces = windows(text, 100, limit=200)
    assert len(pieces) > 1
    assert "".join(p for p, _, _ in pieces) == text
    for piece, start, end in pieces:
        assert len(piece) <= 200 and piece.endswith("。")
        assert text[start - 100:end - 100] == piece
