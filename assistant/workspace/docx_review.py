"""The review copy in Word: the 公文-style DOCX with every pending suggestion as a real
tracked change (w:ins / w:del with author and date) and its notes as Word comments, so a
reviewer can accept or reject in Word or WPS (修订).

The document comes from the renderer (assistant.render, draft mode); this module only
rewrites the paragraphs of the sections that have pending suggestions:
- a change inside one line whose new text has no line break becomes inline ins/del runs;
- anything else (a whole-section draft, a span over several lines) deletes the affected
  paragraphs whole and inserts the new ones, which accepts to exactly the same text.
Overlapping suggestions cannot all be tracked at once: the later ones are listed as skipped.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Change:
    """One pending suggestion on the current text of a section."""

    id: int
    section: str
    start: int
    end: int
    new_text: str
    author: str
    date: dt.datetime
    note: str  # the comment shown beside it (who, model, citations, number check)


@dataclass
class Outcome:
    data: bytes
    tracked: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # suggestion -> why it is not in the file


@dataclass
class _Line:
    start: int
    end: int  # without the line break
    par: object  # the w:p element


class _Ids:
    def __init__(self, start: int = 9000) -> None:
        self.next = start

    def __call__(self) -> str:
        self.next += 1
        return str(self.next)


def _when(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _run(text: str, rpr, *, deleted: bool = False):
    r = etree.Element(w("r"))
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    t = etree.SubElement(r, w("delText" if deleted else "t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return r


def _mark(kind: str, change: Change, ids: _Ids, *children):
    el = etree.Element(w(kind))
    el.set(w("id"), ids())
    el.set(w("author"), change.author)
    el.set(w("date"), _when(change.date))
    for child in children:
        el.append(child)
    return el


def _paragraph_mark(par, kind: str, change: Change, ids: _Ids) -> None:
    """Mark the paragraph mark itself inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    ppr = par.find(w("pPr"))
    if ppr is None:
        ppr = etree.SubElement(par, w("pPr"))
        par.remove(ppr)
        par.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, w("rPr"))
    rpr.append(_mark(kind, change, ids))


def _segments(par) -> list[tuple[str, object]]:
    """The paragraph's text as (text, w:rPr) runs, in order."""
    out = []
    for r in par.findall(w("r")):
        text = "".join(t.text or "" for t in r.findall(w("t")))
        if text:
            out.append((text, r.find(w("rPr"))))
    return out


def _slice(segments, start: int, end: int) -> list[tuple[str, object]]:
    out, pos = [], 0
    for text, rpr in segments:
        a, b = max(start, pos), min(end, pos + len(text))
        if a < b:
            out.append((text[a - pos : b - pos], rpr))
        pos += len(text)
    return out


def _rpr_at(segments, at: int):
    pos = 0
    for text, rpr in segments:
        if at <= pos + len(text):
            return rpr
        pos += len(text)
    return segments[-1][1] if segments else None


def _inline(par, line: _Line, edits: list[Change], ids: _Ids, comments) -> None:
    segments = _segments(par)
    length = line.end - line.start
    for r in par.findall(w("r")):
        par.remove(r)
    pos = 0
    for ch in edits:
        s, e = ch.start - line.start, ch.end - line.start
        par.extend(_run(t, rpr) for t, rpr in _slice(segments, pos, s))
        parts = []
        if e > s:
            parts.append(_mark("del", ch, ids, *(_run(t, rpr, deleted=True) for t, rpr in _slice(segments, s, e))))
        if ch.new_text:
            parts.append(_mark("ins", ch, ids, _run(ch.new_text, _rpr_at(segments, s))))
        par.extend(parts)
        comments(ch, parts[0], parts[-1])
        pos = e
    par.extend(_run(t, rpr) for t, rpr in _slice(segments, pos, length))


def _block(lines: list[_Line], text: str, ch: Change, anchor, template, ids: _Ids, comments) -> None:
    """Delete the affected paragraphs whole; insert the new ones before them (or after `anchor`)."""
    if lines:
        first, last = lines[0], lines[-1]
        new_block = text[first.start : ch.start] + ch.new_text + text[ch.end : last.end]
    else:
        new_block = ch.new_text
    new_pars = []
    for body in (b for b in new_block.splitlines() if b.strip()):
        p = etree.Element(w("p"))
        ppr = template.find(w("pPr")) if template is not None else None
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            for old in ppr.findall(w("rPr")):
                ppr.remove(old)
            p.append(ppr)
        rpr = _segments(template)[-1][1] if template is not None and _segments(template) else None
        p.append(_mark("ins", ch, ids, _run(body, rpr)))
        _paragraph_mark(p, "ins", ch, ids)
        new_pars.append(p)
    for line in lines:
        segments = _segments(line.par)
        for r in line.par.findall(w("r")):
            line.par.remove(r)
        line.par.append(_mark("del", ch, ids, *(_run(t, rpr, deleted=True) for t, rpr in segments)))
        _paragraph_mark(line.par, "del", ch, ids)
    if lines:
        for p in new_pars:
            lines[0].par.addprevious(p)
    else:
        at = anchor
        for p in new_pars:
            at.addnext(p)
            at = p
    marks = [el for p in new_pars + [ln.par for ln in lines] for el in p if el.tag in (w("ins"), w("del"))]
    if marks:
        comments(ch, marks[0], marks[-1])


# What the review copy was made from, kept in the core property `subject` (Word, WPS and
# LibreOffice all keep it when they save; LibreOffice drops `identifier`).
MARK = "nianbao-review:"


def track(data: bytes, report, changes: list[Change], made_from: dict | None = None) -> Outcome:
    """Rewrite the rendered DOCX `data` of `report` (current texts) with `changes` tracked.

    `made_from` (report id, section versions, suggestion ids) is kept in the file, so
    `review import-docx` knows what the reviewer saw."""
    import json

    from docx import Document

    from ..render.outline import outline

    doc = Document(io.BytesIO(data))
    body_pars = [p._p for p in doc.paragraphs]
    ids = _Ids()
    outcome = Outcome(data=b"")
    # where each section's lines and heading are in the document
    cursor = 1  # after the title
    located: dict[str, tuple[object, list[_Line]]] = {}
    for part in outline(report).parts:
        anchor = body_pars[0]
        if part.heading:
            while cursor < len(body_pars) and _text(body_pars[cursor]) != part.heading:
                cursor += 1
            anchor = body_pars[min(cursor, len(body_pars) - 1)]
            cursor += 1
        lines = []
        text = report.sections.text(part.key)
        offset = 0
        for raw in text.splitlines(keepends=True):
            body = raw.rstrip("\r\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e")
            if body.strip():
                while cursor < len(body_pars) and _text(body_pars[cursor]) != body:
                    cursor += 1
                if cursor < len(body_pars):
                    lines.append(_Line(offset, offset + len(body), body_pars[cursor]))
                    cursor += 1
            offset += len(raw)
        located[part.key] = (anchor, lines)  # anchor: the heading, or the title for the opening

    comment_for = _Commenter(doc)
    by_section: dict[str, list[Change]] = {}
    for ch in sorted(changes, key=lambda c: (c.section, c.start, c.end, c.id)):
        by_section.setdefault(ch.section, []).append(ch)
    for key, edits in by_section.items():
        head, lines = located[key]
        text = report.sections.text(key)
        template = lines[0].par if lines else _any_body(located)
        kept: list[tuple[Change, bool, set[int]]] = []  # (change, inline?, line indexes)
        for ch in sorted(edits, key=lambda c: c.id):  # the older suggestion goes first
            within = [i for i, ln in enumerate(lines) if ln.start <= ch.start and ch.end <= ln.end]
            inline = bool(within) and "\n" not in ch.new_text and "\r" not in ch.new_text
            used = {within[0]} if inline else (
                {i for i, ln in enumerate(lines) if ln.start < ch.end and ch.start < ln.end}
                or {i for i, ln in enumerate(lines) if ln.start <= ch.start <= ln.end}
            )
            clash = next((k for k, k_inline, k_used in kept if _overlap(ch, k)
                          or (used & k_used and not (inline and k_inline))), None)
            if clash is not None:
                outcome.skipped[ch.id] = f"与修改建议 #{clash.id} 涉及同一处文字，请先处理那一条"
                continue
            kept.append((ch, inline, used))
        grouped: dict[int, list[Change]] = {}
        for ch, inline, used in sorted(kept, key=lambda k: (k[0].start, k[0].end)):
            outcome.tracked.append(ch.id)
            if inline:
                grouped.setdefault(min(used), []).append(ch)
                continue
            hit = sorted(used)
            before = [ln for ln in lines if ln.end <= ch.start]
            _block([lines[i] for i in hit], text, ch, before[-1].par if before else head, template, ids, comment_for)
        for i, group in grouped.items():
            _inline(lines[i].par, lines[i], group, ids, comment_for)
    if made_from is not None:
        made_from = {**made_from, "tracked": sorted(outcome.tracked)}
        doc.core_properties.subject = MARK + json.dumps(made_from, ensure_ascii=False)
    buffer = io.BytesIO()
    doc.save(buffer)
    outcome.data = buffer.getvalue()
    return outcome


def _overlap(a: Change, b: Change) -> bool:
    """Two spans that cannot both be tracked: they share text, or insert at the same point."""
    if a.start < b.end and b.start < a.end:
        return True
    return a.start == b.start and (a.start == a.end or b.start == b.end)


def _any_body(located):
    for _, lines in located.values():
        if lines:
            return lines[0].par
    return None


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


class _Commenter:
    """A Word comment beside each tracked suggestion (python-docx makes the comments part)."""

    def __init__(self, doc) -> None:
        self.doc = doc

    def __call__(self, ch: Change, first_el, last_el) -> None:
        """Comment `ch` over the elements from `first_el` to `last_el` (both already in place)."""
        comment = self.doc.comments.add_comment(text=ch.note, author=ch.author, initials="")
        cid = str(comment.comment_id)
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), cid)
        end = etree.Element(w("commentRangeEnd"))
        end.set(w("id"), cid)
        ref = etree.Element(w("r"))
        rpr = etree.SubElement(ref, w("rPr"))
        etree.SubElement(rpr, w("rStyle")).set(w("val"), "CommentReference")
        etree.SubElement(ref, w("commentReference")).set(w("id"), cid)
        first_el.addprevious(start)
        last_el.addnext(end)
        end.addnext(ref)
