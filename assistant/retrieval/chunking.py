"""Cut reports and regulations into retrievable passages along their structure.

Reports: the opening paragraph, each part, and each numbered sub-item of 总体情况 and of
parts 五 and 六. Regulations: one passage per article (第N条) with its chapter. Tables
are never embedded: their numbers are facts in the report file, not prose.
Long passages are split at sentence ends so the embedder sees all of them (e5: 512 tokens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..report.parts import BY_KEY, SECTION_KEYS
from ..report.model import Report
from ..text.structure import split_items

MAX_CHARS = 420  # below e5-small's 512-token window with the context prefix
MIN_CHARS = 12  # shorter fragments carry no meaning on their own

# Parts whose numbered sub-items become passages of their own.
ITEMIZED = ("overview", "problems", "other")

SECTION_NAMES = {key: part.heading for key, part in BY_KEY.items()}


@dataclass
class Chunk:
    text: str  # the passage as printed (what a hit shows)
    meta: dict[str, Any] = field(default_factory=dict)  # doc_type, part, heading, article, start, end …

    def context(self) -> str:
        """The passage with where it sits (agency, year, part, heading): what gets embedded and indexed."""
        m = self.meta
        bits = [m.get("title") or "", f"{m['year']}年" if m.get("year") else "", m.get("part_label") or "",
                m.get("chapter") or "", m.get("heading") or ""]
        prefix = " ".join(b for b in bits if b)
        text = f"{prefix}\n{self.text}" if prefix else self.text
        # an article's plain-language gloss (retrieval/data/guide.yaml) is searched with it, never shown
        return f"{text}\n{m['gloss']}" if m.get("gloss") else text


# -- numbered sub-items -------------------------------------------------------------------
def _top_items(text: str) -> list[tuple[Any, int, int]]:
    """(item, start, end) of the outermost numbered sub-items (（一）, 1. …; not inline 一是)."""
    items = [i for i in split_items(text) if i.level <= 4]
    if not items:
        return []
    top = min(i.level for i in items)
    first_top = min(i.start for i in items if i.level == top)
    # An item before the first top-level one is a mis-numbered sibling (the sample's "（1）…（二）").
    tops = [i for i in items if i.level == top or i.start < first_top]
    spans = []
    for n, item in enumerate(tops):
        end = tops[n + 1].start if n + 1 < len(tops) else len(text)
        spans.append((item, item.start, end))
    return spans


# -- splitting long passages ------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[。；！？!?;])|\n")


def windows(text: str, start: int, limit: int = MAX_CHARS) -> list[tuple[str, int, int]]:
    """Split text (at absolute offset start) into pieces of at most `limit` chars at sentence ends."""
    pieces: list[tuple[str, int, int]] = []
    cur_start, cur_end = 0, 0
    cuts = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for cut in cuts:
        if cut - cur_start > limit and cur_end > cur_start:
            pieces.append((cur_start, cur_end))
            cur_start = cur_end
        while cut - cur_start > limit:  # one endless sentence: hard cut
            pieces.append((cur_start, cur_start + limit))
            cur_start += limit
        cur_end = cut
    if cur_end > cur_start:
        pieces.append((cur_start, cur_end))
    out = []
    for a, b in pieces:
        chunk = text[a:b]
        stripped = chunk.strip()
        if len(stripped) >= MIN_CHARS:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((stripped, start + a + lead, start + a + lead + len(stripped)))
    return out


# -- reports ------------------------------------------------------------------------------
_TABLE_LINE = re.compile(r"^[\s　]*$|^\t|^[\s　]*[-+−]?[\d,，.]+[\s　]*$|^[\s　]*[/／—－-]+[\s　]*$")


def narrative_only(text: str) -> str:
    """Drop table debris (tab-indented cells, bare numbers) that text copies of reports carry.

    Offsets stay valid: dropped lines become blank lines of the same length.
    """
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append(" " * len(body) + line[len(body):] if _TABLE_LINE.match(body) else line)
    return "".join(out)


def report_meta(report: Report) -> dict[str, Any]:
    return {
        "doc_type": "report",
        "agency": report.agency,
        "issuer_kind": report.issuer_kind,
        "year": report.year,
        "title": report.title,
    }


def chunk_report(report: Report) -> list[Chunk]:
    """Passages of a report's narrative; offsets are into each section's text."""
    base = report_meta(report)
    chunks: list[Chunk] = []
    for key in SECTION_KEYS:
        raw = report.sections.text(key)
        if not raw.strip():
            continue
        text = narrative_only(raw)
        label = report.headings.get(key) or SECTION_NAMES[key]
        spans: list[tuple[str | None, int, int]] = []
        items = _top_items(text) if key in ITEMIZED else []
        if items:
            first = items[0][1]
            if text[:first].strip():
                spans.append((None, 0, first))
            spans.extend(((i.heading or "")[:40] or None, a, b) for i, a, b in items)
        else:
            spans.append((None, 0, len(text)))
        for heading, a, b in spans:
            for piece, s, e in windows(text[a:b], a):
                meta = {**base, "part": key, "part_label": label, "start": s, "end": e}
                if heading:
                    meta["heading"] = heading
                chunks.append(Chunk(piece, meta))
    return chunks


# -- regulations --------------------------------------------------------------------------
_CN = "一二三四五六七八九十"
_CHAPTER = re.compile(rf"^[#\s　]*(第[{_CN}百零]+章)[\s　]*(.*)$")
_ARTICLE = re.compile(rf"^[\s　]*(第[{_CN}百零]+条)(?:[\s　]+|(?=[^\s　]))")


def count_articles(text: str) -> int:
    return sum(1 for line in text.splitlines() if _ARTICLE.match(line))


def regulation_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("# "):
            return line[2:].strip()
        if line and not line.startswith("#"):
            break
    return fallback


def chunk_regulation(text: str, title: str) -> list[Chunk]:
    """One passage per article, with its chapter; offsets are into the document text."""
    chunks: list[Chunk] = []
    chapter: str | None = None
    current: tuple[str, str | None, int] | None = None  # (article, chapter, start)
    pos = 0

    def close(end: int) -> None:
        if current is None:
            return
        article, chap, start = current
        for piece, s, e in windows(text[start:end], start, limit=MAX_CHARS):
            meta = {"doc_type": "regulation", "title": title, "article": article, "start": s, "end": e}
            if chap:
                meta["chapter"] = chap
                meta["heading"] = chap
            chunks.append(Chunk(piece, meta))

    for line in text.splitlines(keepends=True):
        ch = _CHAPTER.match(line.rstrip("\n"))
        art = _ARTICLE.match(line)
        if ch:
            close(pos)
            current = None
            chapter = (ch.group(1) + " " + ch.group(2).strip()).strip()
        elif art:
            close(pos)
            current = (art.group(1), chapter, pos + len(line) - len(line.lstrip()))
        pos += len(line)
    close(len(text))
    return chunks


# -- notes (our own guides) -----------------------------------------------------------------
def chunk_note(text: str, title: str) -> list[Chunk]:
    """Anything else readable: one passage per heading section (markdown `#` lines)."""
    chunks: list[Chunk] = []
    heading: str | None = None
    starts = [(m.start(), m.group(1).strip()) for m in re.finditer(r"(?m)^#{1,6}\s*(.+)$", text)]
    bounds = [(0, None)] + starts
    for n, (start, head) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else len(text)
        body_start = text.find("\n", start) + 1 if head is not None else start
        if head is not None and body_start == 0:
            body_start = end
        heading = head
        for piece, s, e in windows(text[body_start:end], body_start):
            meta = {"doc_type": "note", "title": title, "start": s, "end": e}
            if heading:
                meta["heading"] = heading
            chunks.append(Chunk(piece, meta))
    return chunks
