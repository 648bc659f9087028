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


def changes_of(doc) -> dict[int, set]:
    """suggestion id -> its tracked-change elements (runs and paragraph marks), via the comments."""
    import re

    names = {c.comment_id: int(re.search(r"#(\d+)", c.text).group(1)) for c in doc.comments}
    out: dict[int, set] = {}
    open_ranges: set[int] = set()
    for el in doc.element.body.iter(w("commentRangeStart"), w("commentRangeEnd"), w("ins"), w("del")):
        if el.tag == w("commentRangeStart"):
            open_ranges.add(int(el.get(w("id"))))
        elif el.tag == w("commentRangeEnd"):
            open_ranges.discard(int(el.get(w("id"))))
        elif el.getparent().tag != w("rPr"):
            for c in open_ranges:
                out.setdefault(names[c], set()).add(el)
    for els in out.values():  # the paragraph marks of the paragraphs they touch
        for el in list(els):
            par = next(a for a in el.iterancestors() if a.tag == w("p"))
            els.update(par.findall(f"{w('pPr')}/{w('rPr')}/{w('ins')}") + par.findall(f"{w('pPr')}/{w('rPr')}/{w('del')}"))
    return out


def resolve(data: bytes, accept: bool, only=None, edit=None) -> list[str] | bytes:
    """Accept or reject tracked changes the way Word does (all, or those of the suggestions
    `only`); without `only`, the body paragraphs' texts; with it, the saved file."""
    doc = Document(io.BytesIO(data))
    body = doc.element.body
    chosen = None
    if only is not None:
        groups = changes_of(doc)
        chosen = set().union(*(groups[i] for i in only))
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    for el in [e for e in body.iter(w(drop)) if chosen is None or e in chosen]:
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
    for el in [e for e in body.iter(w(keep)) if chosen is None or e in chosen]:
        parent = el.getparent()
        if parent.tag == w("rPr"):
            parent.remove(el)
            continue
        for t in el.iter(w("delText")):
            t.tag = w("t")
        for child in list(el):
            el.addprevious(child)
        parent.remove(el)
    if edit is not None:
        edit(doc)
    if only is None:
        return ["".join(t.text or "" for t in p.iter(w("t"))) for p in body.iter(w("p"))]
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


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


def test_a_file_reviewed_in_word_comes_back_as_decisions_and_edits(reviewed):
    settings, data, (inline, insert, whole, empty), overlap, _, _ = reviewed
    data = resolve(data, True, only=[inline.id])
    data = resolve(data, False, only=[whole.id])

    def retouch(doc):  # the reviewer also rewrites a sentence no suggestion touches
        for p in doc.paragraphs:
            if p.text == "2024年，本区加强政策解读工作。":
                for r in p.runs:
                    r.text = r.text.replace("本区加强", "本区全面加强")

    data = resolve(data, True, only=[], edit=retouch)
    result = rv.import_docx(settings, "reviewer_a", data)
    assert result["accepted"] == [inline.id] and result["rejected"] == [whole.id]
    assert result["edited"] == ["overview"] and result["unmatched"] == []
    assert sorted(result["pending"]) == sorted([insert.id, empty.id])
    view = {s.key: s.text for s in reports.show(settings, "reviewer_a", A).sections}
    assert view["overview"] == OVERVIEW.replace("120", "135").replace("本区加强", "本区全面加强")
    assert view["problems"] == PROBLEMS
    assert rv.show(settings, "reviewer_a", insert.id).status == "待处理"
    assert rv.show(settings, "reviewer_a", overlap.id).status == "待处理"  # not in the file: untouched
    history = reports.history(settings, "reviewer_a", A, "overview")
    assert history[-1].author == "reviewer_a" and history[-1].note == "在 Word 审阅稿中直接修改"
    # the same file again: the report has moved on, nothing is overwritten
    with pytest.raises(Exception, match="重新导出"):
        rv.import_docx(settings, "reviewer_a", data)


def test_an_unreadable_or_foreign_file_is_refused(reviewed, tmp_path):
    from assistant.errors import NianbaoError

    settings = reviewed[0]
    with pytest.raises(NianbaoError, match="不是可读的 Word 文件"):
        rv.import_docx(settings, "reviewer_a", b"not a zip")
    plain = io.BytesIO()
    Document().save(plain)
    with pytest.raises(NianbaoError, match="不是 nianbao export-docx 输出的审阅稿"):
        rv.import_docx(settings, "reviewer_a", plain.getvalue())


LO_SCRIPT = __import__("pathlib").Path(__file__).with_name("lo_review.py")


def _libreoffice_ready() -> str | None:
    import shutil
    import subprocess

    if not shutil.which("soffice"):
        return "未安装 LibreOffice（scripts/system-deps.sh 会安装）"
    if subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode != 0:
        return "未安装 LibreOffice 的 Python 接口 python3-uno（scripts/system-deps.sh 会安装）"
    return None


def _without_comments(data: bytes) -> bytes:
    """LibreOffice 7.4 headless aborts opening a document with comments through UNO (its
    comment sidebar needs a window): the copy handed to it has the comment anchors removed."""
    doc = Document(io.BytesIO(data))
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for el in list(doc.element.body.iter(w(tag))):
            target = el.getparent() if tag == "commentReference" else el
            target.getparent().remove(target)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("action", ["accept", "reject"])
def test_libreoffice_as_the_reviewer(reviewed, tmp_path, action):
    import subprocess

    why = _libreoffice_ready()
    if why:
        pytest.skip(why)
    settings, data, suggestions, overlap, tracked, _ = reviewed
    source, target = tmp_path / "in.docx", tmp_path / "out.docx"
    source.write_bytes(_without_comments(data))
    subprocess.run(["/usr/bin/python3", str(LO_SCRIPT), str(source), str(target), action, str(tmp_path / "profile")],
                   check=True, timeout=300, capture_output=True)
    before = {s.key: s.text for s in reports.show(settings, "reviewer_a", A).sections}
    result = rv.import_docx(settings, "reviewer_a", target.read_bytes())
    assert result["unmatched"] == [] and result["edited"] == []
    assert sorted(result["accepted" if action == "accept" else "rejected"]) == sorted(tracked)
    after = {s.key: s.text for s in reports.show(settings, "reviewer_a", A).sections}
    if action == "reject":
        assert after == before
    else:
        assert after["other"] == "本年度无其他需要报告的事项。"
        assert after["overview"] == OVERVIEW.replace("120", "135").replace("优化栏目设置", "持续优化栏目设置")
        assert after["problems"] == "一是公开内容有缺项。\n二是解读形式单一。\n三是平台更新不及时。"
    assert rv.show(settings, "reviewer_a", overlap.id).status in ("待处理", "已过时")
