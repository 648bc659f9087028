"""Printed pieces of a document as tokens: a label, a value, a blank, with provenance.

Every reader's output (paragraph lines, table rows) becomes a list of `Line`s of
`Token`s; the recognizer only ever sees these. A token keeps the exact printed text
and its `Where`, so a number can be traced back and re-checked by the source gate.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from decimal import Decimal

from ...report.cells import CellValue, parse_number_text
from ...report.format import NA_MARKS
from ..document import Document, Paragraph, Table, Where

# n/a marks as printed in the wild (the format's list plus dash variants)
_NA = set(NA_MARKS) | {"–", "—", "─", "一一", "--", "/ ", "\\", "无。", "无数据"}
_CN_DIGITS = "零〇一二两三四五六七八九十百千万"
_UNIT = re.compile(r"(件|个|项|条|人次|次|万元|元)$")
_SPACE = re.compile(r"[\s\u3000\xa0]+")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Comparable form of a label: NFKC, no whitespace, no quotes."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)


@dataclass
class Token:
    text: str  # as printed (stripped)
    where: Where
    line: int  # index of its Line in the document's line list

    @property
    def norm(self) -> str:
        return norm(self.text)


@dataclass
class Line:
    tokens: list[Token]
    index: int
    in_table: bool = False  # a row of a real table (HTML/DOCX/PDF), not a text line
    empty: bool = False  # an empty text line: ends a run of one-cell-per-line values
    raw: str = ""  # the paragraph text (text lines) or the row's cells joined
    block: int = 0
    extra: dict = field(default_factory=dict)


# -- values ----------------------------------------------------------------------------


def na_mark(text: str) -> str | None:
    t = text.strip()
    if t in _NA:
        return t
    n = unicodedata.normalize("NFKC", t)
    return t if n in {"/", "-", "--", "无", "不适用"} else None


def chinese_number(text: str) -> Decimal | None:
    """三 -> 3, 十二 -> 12, 零 -> 0; None for anything else (incl. 无)."""
    t = text.strip()
    if not t or len(t) > 8 or any(ch not in _CN_DIGITS for ch in t):
        return None
    try:
        import cn2an

        return Decimal(int(cn2an.cn2an(t, "strict")))
    except Exception:  # not a well-formed numeral: not a number
        return None


@lru_cache(maxsize=65536)
def cell_value(text: str) -> CellValue | None:
    """The value a printed cell text stands for, or None when it is a label (text)."""
    t = text.strip()
    if t == "":
        return CellValue()
    mark = na_mark(t)
    if mark is not None:
        return CellValue.na(mark)
    number = parse_number_text(_UNIT.sub("", t))
    if number is None:
        number = chinese_number(t)
    if number is None:
        return None
    return CellValue(number=number)


def is_value(text: str) -> bool:
    return cell_value(text) is not None or ocr_number(text) is not None


_OCR_DIGIT = str.maketrans("OoIl", "0011")
_OCR_NUMBER = re.compile(r"-?[0-9OoIl]{1,6}")


@lru_cache(maxsize=65536)
def ocr_number(text: str) -> CellValue | None:
    """A number OCR misread with letters (「O」 for 0, 「l」「I」 for 1: 「1O」 -> 10), or None.

    Only a candidate: the recognizer takes it when the row's own arithmetic confirms it."""
    t = unicodedata.normalize("NFKC", text.strip())
    if cell_value(t) is not None or not _OCR_NUMBER.fullmatch(t):
        return None
    return CellValue(number=Decimal(int(t.translate(_OCR_DIGIT))))


def reading(text: str) -> CellValue | None:
    """The value of a printed cell, OCR misreadings included (see `ocr_number`)."""
    value = cell_value(text)
    return value if value is not None else ocr_number(text)


def is_digit_run(text: str) -> bool:
    """'000' or '0100': digits that may be several single-digit cells run together."""
    t = unicodedata.normalize("NFKC", text.strip())
    return len(t) > 1 and t.isdigit()


# -- lines from a document -----------------------------------------------------------


def _sub(where: Where, start: int, end: int) -> Where:
    """Provenance of a piece [start, end) of a text line."""
    base = where.start or 0
    return moved(where, base + start, base + end)


def moved(where: Where, start: int | None, end: int | None) -> Where:
    """The same place with other offsets (a direct constructor call: this runs per token)."""
    return Where(where.kind, where.page, where.line, where.table, where.row, where.col, start, end, where.extra)


_PIPE_SEP = re.compile(r"^\|?\s*:?-{2,}")
_TRAILING_GLUE = re.compile(r"^(.*?[^\d\s.,，])(\d+)$")


def split_text_line(text: str, where: Where, index: int) -> list[Token]:
    """Tokens of one text line: pipe rows, tab-separated cells, or a label + numbers."""
    text = text.replace("｜", "|")  # full-width bar: same length, offsets unchanged
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    if not stripped:
        return [Token("", _sub(where, lead, lead), index)]
    if stripped.startswith("|") or stripped.count("|") >= 2:
        if _PIPE_SEP.match(stripped) and set(stripped) <= set("|-: "):
            return []
        return _split_on(text, "|", where, index, drop_outer=True)
    if "\t" in stripped:
        return _split_on(text, "\t", where, index, drop_outer=False)
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^\s\u3000\xa0]+", text)]
    if len(parts) >= 2:
        values = 0
        for s, e in reversed(parts):
            if is_value(text[s:e]):
                values += 1
            else:
                break
        tail = parts[len(parts) - values :]
        if values and values < len(parts) and all(na_only_word(text[s:e]) for s, e in tail):
            if parts[len(parts) - values - 1][1] - parts[0][0] > 40:
                values = 0  # 「……情况 无」: a sentence ending in 无, not a row of n/a cells
        if values == len(parts):
            return [Token(text[s:e], _sub(where, s, e), index) for s, e in parts]
        if values:
            head = parts[: len(parts) - values]
            s0, e0 = head[0][0], head[-1][1]
            out = [Token(text[s0:e0], _sub(where, s0, e0), index)]
            out += [Token(text[s:e], _sub(where, s, e), index) for s, e in parts[len(parts) - values :]]
            return out
    return [Token(stripped, _sub(where, lead, lead + len(stripped)), index)]


def na_only_word(text: str) -> bool:
    """'无' closing a sentence is prose, not a cell; only count it inside tables."""
    return text.strip() in ("无", "不适用")


def _split_on(text: str, sep: str, where: Where, index: int, *, drop_outer: bool) -> list[Token]:
    pieces: list[tuple[int, int]] = []
    pos = 0
    for chunk in text.split(sep):
        pieces.append((pos, pos + len(chunk)))
        pos += len(chunk) + 1
    if drop_outer:
        if pieces and not text[pieces[0][0] : pieces[0][1]].strip():
            pieces = pieces[1:]
        if pieces and not text[pieces[-1][0] : pieces[-1][1]].strip():
            pieces = pieces[:-1]
    else:
        # leading tabs are indentation, not empty cells
        while pieces and not text[pieces[0][0] : pieces[0][1]].strip():
            pieces = pieces[1:]
    out = []
    for s, e in pieces:
        chunk = text[s:e]
        ls = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        out.append(Token(body, _sub(where, s + ls, s + ls + len(body)), index))
    return out


def glued_label(token: Token) -> tuple[Token, Token] | None:
    """'规章000' -> ('规章', '000'): a label with its numbers run on, for the recognizer to try."""
    m = _TRAILING_GLUE.match(token.text)
    if not m:
        return None
    cut = len(m.group(1))
    w = token.where
    start = w.start
    label = Token(m.group(1), replace(w, end=(start + cut) if start is not None else None), token.line)
    digits = Token(m.group(2), replace(w, start=(start + cut) if start is not None else None), token.line)
    return label, digits


# a page number printed by itself: 「- 3 -」「— 12 —」「第 3 页」「第3页 共9页」 (a bare 「3」 may be a cell)
PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$")


def document_lines(doc: Document) -> list[Line]:
    """Every paragraph line and table row of the document, in reading order."""
    lines: list[Line] = []
    for b, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            for sub_start, sub in _paragraph_lines(block):
                if PAGE_NUMBER.match(sub):
                    continue  # page furniture a converter left inside a table: 「- 3 -」 is no cell
                i = len(lines)
                if block.where.start is None and sub_start == 0:
                    where = block.where
                else:
                    where = moved(block.where, (block.where.start or 0) + sub_start, block.where.end)
                # an empty line carries no cell; a whitespace-only text line is a blank cell
                keep_blank = doc.kind == "text" and sub != ""
                toks = split_text_line(sub, where, i) if (sub.strip() or keep_blank) else []
                lines.append(Line(toks, i, empty=(sub == ""), raw=sub, block=b))
        elif isinstance(block, Table):
            for row in block.rows:
                i = len(lines)
                toks = [t for c in row for t in _cell_tokens(c, i)]
                lines.append(Line(toks, i, in_table=True, raw="\t".join(c.text for c in row), block=b))
            # a table ends a run of values just as an empty line does
            lines.append(Line([], len(lines), empty=True, block=b))
    return lines


def _paragraph_lines(p: Paragraph) -> list[tuple[int, str]]:
    if "\n" not in p.text:
        return [(0, p.text)]
    out, pos = [], 0
    for part in p.text.split("\n"):
        out.append((pos, part))
        pos += len(part) + 1
    return out


def _cell_tokens(cell, index: int) -> list[Token]:
    """A table cell is one token, unless it holds several numbers side by side ('0 24')."""
    text = cell.text
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^\s\u3000\xa0]+", text)]
    if len(parts) >= 2 and all(parse_number_text(text[s:e]) is not None for s, e in parts):
        w = cell.where
        if w.start is not None:
            return [Token(text[s:e], replace(w, start=w.start + s, end=w.start + e, extra=dict(w.extra)), index) for s, e in parts]
    return [Token(text.strip(), _strip_where(cell.where, text), index)]


def _strip_where(where: Where, text: str) -> Where:
    """Offsets of the stripped text, so the gate looks at exactly the printed characters."""
    if where.start is None or text == text.strip():
        return where
    lead = len(text) - len(text.lstrip())
    return replace(where, start=where.start + lead, end=where.start + lead + len(text.strip()), extra=dict(where.extra))
