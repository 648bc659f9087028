"""The Word review copy: pending suggestions as real tracked changes (w:ins/w:del with author
and date) and comments; accepting or rejecting them all in the file (python-docx/lxml, as Word
would) gives exactly the text the workspace gives for the same decisions."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from lxml import etree

from assistant.services import workspace_reports as reports
from assistant.services import workspace_review as rv

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "甲区人民政府/2024"
OVERVIEW = "2024年，本区加强政策解读工作。\n全年主动公开政府信息120条。\n加强平台建设，优化栏目设置。"
PROBLEMS = "一是公开内容不够全面。\n二是解读形式单一。"


def w(tag):
    return f"{{{W}}}{tag}"


def resolve(data: bytes, accept: bool) -> list[str]:
    """Accept or reject every tracked change the way Word does; the body paragraphs' texts."""
    doc = Document(io.BytesIO(data))
    body = doc.element.body
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    for el in list(body.iter(w(drop))):
        parent = el.getparent()
        if parent.tag == w("rPr"):  # a paragraph mark: the paragraph merges into the next one
            par = parent.getparent().getparent()
            nxt = par.getnext()
            runs = [c for c in par if c.tag != w("pPr")]
            if nxt is not None and nxt.tag == w("p"):
                anchor = nxt.find(w("pPr"))
                for r in reversed(runs):
                    (anchor.addnext(r) if anchor is not None else nxt.insert(0, r))
            par.getparent().remove(par)
        else:
            parent.remove(el)
    for el in list(body.iter(w(keep))):
        parent = el.getparent()
        if parent.tag == w("rPr"):
            parent.remove(el)
            continue
        for t in el.iter(w("delText")):
            t.tag = w("t")
        for child in list(el):
            el.addprevious(child)
        parent.remove(el)
    return ["".join(t.text or "" for t in p.iter(w("t"))) for p in body.iter(w("p"))]


def _lines(text):
    return [line for line in text.splitlines() if line.strip()]


def _contains(paragraphs, lines):
    n = len(lines)
    return any(paragraphs[i : i + n] == lines for i in range(len(paragraphs) - n + 1))


@pytest.fixture
def reviewed(office, tmp_path):
    reports.edit_section(office, "drafter_a", A, "overview", OVERVIEW, base=1)
    reports.edit_section(office, "drafter_a", A, "problems", PROBLEMS, base=1)
    at = OVERVIEW.index("120")
    inline = rv.suggest(office, "drafter_a", A, "overview", "135", start=at, end=at + 3)
    at = OVERVIEW.index("优化栏目设置")
    insert = rv.suggest(office, "drafter_a", A, "overview", "持续", start=at, end=at)
    whole = rv.suggest(office, "drafter_a", A, "problems", "一是公开内容有缺项。\n二是解读形式单一。\n三是平台更新不及时。")
    empty = rv.suggest(office, "drafter_a", A, "other", "本年度无其他需要报告的事项。")
    overlap = rv.suggest(office, "drafter_a", A, "overview", "重叠", start=OVERVIEW.index("120") - 2, end=OVERVIEW.index("120") + 1)
    rv.comment(office, "reviewer_a", "请核对台账", suggestion_id=inline.id)
    path, tracked, skipped = rv.export_docx(office, "reviewer_a", A, tmp_path / "review.docx")
    return office, path.read_bytes(), [inline, insert, whole, empty], overlap, tracked, skipped


def test_pending_suggestions_are_tracked_changes_with_author_date_and_comments(reviewed):
    settings, data, suggestions, overlap, tracked, skipped = reviewed
    assert sorted(tracked) == sorted(s.id for s in suggestions)
    assert list(skipped) == [overlap.id]
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    ins, dels = list(xml.iter(w("ins"))), list(xml.iter(w("del")))
    assert ins and dels
    for el in ins + dels:
        assert el.get(w("author")).startswith("drafter_a") and el.get(w("date")).startswith("20")
    assert "".join(t.text for t in xml.iter(w("delText"))).count("120") == 1
    comments = zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml").decode("utf-8")
    assert f"修改建议 #{suggestions[0].id}" in comments and "请核对台账" in comments
    assert len(list(xml.iter(w("commentReference")))) == len(suggestions)


def test_accepting_all_in_word_gives_the_workspace_text(reviewed):
    settings, data, suggestions, _, _, _ = reviewed
    accepted = resolve(data, accept=True)
    for sug in suggestions:
        rv.accept(settings, "reviewer_a", sug.id, base=rv.show(settings, "reviewer_a", sug.id).anchor_revision)
    view = {s.key: s.text for s in reports.show(settings, "reviewer_a", A).sections}
    assert "本年度无其他需要报告的事项。" in accepted
    for key in ("overview", "problems", "other"):
        assert _contains(accepted, _lines(view[key])), (key, view[key])
    assert "全年主动公开政府信息120条。" not in accepted


def test_rejecting_all_in_word_gives_the_current_text(reviewed):
    settings, data, _, _, _, _ = reviewed
    rejected = resolve(data, accept=False)
    assert _contains(rejected, _lines(OVERVIEW)) and _contains(rejected, _lines(PROBLEMS))
    assert "本年度无其他需要报告的事项。" not in rejected and "三是平台更新不及时。" not in rejected
