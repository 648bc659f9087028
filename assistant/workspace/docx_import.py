"""Reading back a review copy (export-docx) after a reviewer worked on it in Word or WPS.

Per section, the text of the returned file is compared with the text it was made from:
- a suggestion whose tracked change is gone was decided in Word: accepted when its new
  text stands where it was, rejected when the quoted text still does;
- a suggestion whose tracked change is still there stays pending;
- what differs beyond that is a direct edit by the reviewer (a new revision);
- anything that cannot be matched exactly is reported and left as it was, never guessed.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from ..errors import NianbaoError
from .docx_review import MARK, W, w
from .texts import Quote, reanchor

_SUGGESTION = re.compile(r"修改建议 #(\d+)")


@dataclass
class Reading:
    report_id: int
    versions: dict[str, int]
    sections: dict[str, str]  # section -> text with every remaining tracked change rejected
    still_tracked: set[int]  # suggestions whose tracked change is still in the file
    tracked: set[int]  # suggestions written into the file as tracked changes


@dataclass
class Plan:
    accept: list[int] = field(default_factory=list)
    reject: list[int] = field(default_factory=list)
    edits: dict[str, str] = field(default_factory=dict)  # section -> the reviewer's text
    unmatched: list[str] = field(default_factory=list)


def _paragraph_text(p) -> tuple[str, bool]:
    """The paragraph as it was before the reviewer's pending changes; is its mark inserted?"""
    out = []
    for el in p.iter(w("t"), w("delText")):
        inside_ins = any(a.tag == w("ins") for a in el.iterancestors())
        if el.tag == w("t") and not inside_ins:
            out.append(el.text or "")
        elif el.tag == w("delText"):
            out.append(el.text or "")
    inserted = p.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}") is not None
    return "".join(out), inserted


def read(data: bytes, headings: dict[str, str], order: list[str]) -> Reading:
    """Parse a returned review copy. `headings`: part key -> heading as printed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        body = etree.fromstring(archive.read("word/document.xml")).find(w("body"))
        core = archive.read("docProps/core.xml").decode("utf-8")
        comments = archive.read("word/comments.xml") if "word/comments.xml" in archive.namelist() else b""
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        raise NianbaoError("不是可读的 Word 文件（.docx）") from None
    match = re.search(re.escape(MARK) + r"(.*?)</dc:subject>", core, re.S)
    if not match:
        raise NianbaoError("这个 Word 文件不是 nianbao export-docx 输出的审阅稿，无法对应到修改建议")
    made_from = json.loads(_unescape(match.group(1)))
    # comment id -> suggestion id, and which comment ranges still hold a tracked change
    by_comment = {}
    if comments:
        for c in etree.fromstring(comments).iter(w("comment")):
            found = _SUGGESTION.search("".join(t.text or "" for t in c.iter(w("t"))))
            if found:
                by_comment[c.get(w("id"))] = int(found.group(1))
    still, open_ranges = set(), set()
    for el in body.iter(w("commentRangeStart"), w("commentRangeEnd"), w("ins"), w("del")):
        if el.tag == w("commentRangeStart"):
            open_ranges.add(el.get(w("id")))
        elif el.tag == w("commentRangeEnd"):
            open_ranges.discard(el.get(w("id")))
        else:
            still |= {by_comment[c] for c in open_ranges if c in by_comment}
    # the body's paragraphs by part, under their headings
    heading_of = {text: key for key, text in headings.items()}
    texts: dict[str, list[str]] = {key: [] for key in order}
    current = None
    for p in body.findall(w("p")):
        text, inserted = _paragraph_text(p)
        if current is None:  # the title
            current = "intro"
            continue
        if text in heading_of:
            current = heading_of[text]
            continue
        if inserted and not text:  # a paragraph the pending changes would add: not there yet
            continue
        if text.strip():
            texts[current].append(text)
    return Reading(
        report_id=int(made_from["report"]), versions={k: int(v) for k, v in made_from["versions"].items()},
        sections={k: "\n".join(v) for k, v in texts.items()}, still_tracked=still,
        tracked={int(i) for i in made_from.get("tracked", [])},
    )


def _unescape(text: str) -> str:
    return text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def normal(text: str) -> str:
    """A section as the document shows it: its non-empty lines."""
    return "\n".join(line for line in text.splitlines() if line.strip())


def plan(section: str, current: str, returned: str, decided: list) -> Plan:
    """Decisions for the suggestions `decided` in Word (their tracked change is gone).

    `decided`: objects with id, start, end, quote, before, after, new_text on `current`.
    """
    out = Plan()
    if normal(current) != current:
        if normal(current) != returned:
            out.unmatched.append(f"「{section}」含空行，无法逐条对应，未改动")
        return out
    text = current
    for sug in sorted(decided, key=lambda s: -s.start):  # from the end: earlier offsets stay valid
        span = Quote(sug.start, sug.end, sug.quote, sug.before, sug.after)
        accepted = text[: span.start] + sug.new_text + text[span.end :]
        took, left = _stands(accepted, returned, span.start, len(sug.new_text)), _stands(text, returned, span.start, len(sug.quote))
        if took and not left:
            out.accept.append(sug.id)
            text = accepted
        elif left and not took:
            out.reject.append(sug.id)
        else:
            out.unmatched.append(f"修改建议 #{sug.id}：在返回的文件里找不到采纳或拒绝的明确结果，仍为待处理")
    if out.unmatched:
        return Plan(unmatched=out.unmatched)  # never half a section: nothing is applied
    if text != returned:
        out.edits[section] = returned
    return out


def _stands(candidate: str, returned: str, start: int, length: int) -> bool:
    """Does candidate[start:start+length] stand unchanged in `returned` at the same place?"""
    if candidate == returned:
        return True
    span = Quote.of(candidate, start, start + length)
    if not span.quote:
        return reanchor(span, candidate, returned) is not None
    moved = reanchor(span, candidate, returned)
    return moved is not None
