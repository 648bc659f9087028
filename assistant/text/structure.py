"""Numbered sub-items and part headings in report prose.

Official documents number their levels 一、 → （一） → 1. / 1、 → （1） → ①, and
list points inline as 一是…二是… (or 一要…二要…). `split_items` finds these markers
where they start a line (or, for bracketed and inline markers, a sentence), so that
第二十条第（一）项 or 统一是 are never taken for items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import cn_numerals


_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CN = "[一二三四五六七八九十]{1,3}"
_SP = r"[ \t\u3000]*"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# style -> (level, pattern of the marker with a group "n"); line-start-only styles first.
_LINE_START = {
    "一、": (1, rf"(?P<n>{_CN}){_SP}[、，,]"),
    "1、": (3, rf"(?P<n>\d{{1,2}}){_SP}、"),
    "1.": (3, rf"(?P<n>\d{{1,2}})\.(?!\d)"),
}
_SENTENCE_START = {
    "（一）": (2, rf"[（(]{_SP}(?P<n>{_CN}){_SP}[）)]"),
    "（1）": (4, rf"[（(]{_SP}(?P<n>\d{{1,2}}){_SP}[）)]"),
    "①": (5, rf"(?P<n>[{_CIRCLED}])"),
    "一是": (6, rf"(?P<n>{_CN})是(?![否非])"),
    "一要": (6, rf"(?P<n>{_CN})要(?![求素点件])"),
}
STYLE_LEVELS = {style: level for style, (level, _) in {**_LINE_START, **_SENTENCE_START}.items()}
# Styles that read as the same sequence (一是…三要… is loose but one list).
_FAMILY = {"一要": "一是", "1、": "1."}

_LINE_RE = re.compile(
    r"(?m)^[ \t\u3000]*(?:" + "|".join(f"(?P<s{i}>{p.replace('(?P<n>', f'(?P<n{i}>')})" for i, (_, p) in enumerate(_LINE_START.values())) + ")"
)
_SENT_RE = re.compile(
    r"(?:^|(?<=[。；;：:！？!?，,\n]))[ \t\u3000]*(?:"
    + "|".join(
        f"(?P<t{i}>{p.replace('(?P<n>', f'(?P<m{i}>')})" for i, (_, p) in enumerate(_SENTENCE_START.values())
    )
    + ")"
)
_HEADING_END = re.compile(r"[。；;：:！？!?\n]")


@dataclass(frozen=True)
class Item:
    marker: str  # as printed, e.g. "（二）", "6、", "一是"
    style: str  # e.g. "（一）", "（1）", "1.", "一是", "一、"
    level: int  # 1 = 一、 … 6 = inline 一是
    number: int
    heading: str  # text after the marker up to the first sentence break
    start: int
    end: int  # up to the next item of the same or a higher level (or paragraph end for minor items)


def _number(raw: str) -> int | None:
    if raw in _CIRCLED:
        return _CIRCLED.index(raw) + 1
    if raw.isdigit():
        return int(raw)
    plain = cn_numerals.parse(raw)
    if plain is not None:
        return plain
    import cn2an  # 0.3–0.8 s to import: only for numerals the plain reader leaves

    try:
        return int(cn2an.cn2an(raw, "smart"))
    except Exception:  # not a numeral after all
        return None


def _markers(norm: str) -> list[tuple[int, int, str, int]]:
    """(start, end, style, number) of every marker, in text order."""
    found: dict[int, tuple[int, int, str, int]] = {}
    line_styles = list(_LINE_START)
    for m in _LINE_RE.finditer(norm):
        for i, style in enumerate(line_styles):
            if m.group(f"s{i}"):
                n = _number(m.group(f"n{i}"))
                if n:
                    start = m.start(f"s{i}")
                    found[start] = (start, m.end(f"s{i}"), style, n)
                break
    sent_styles = list(_SENTENCE_START)
    for m in _SENT_RE.finditer(norm):
        for i, style in enumerate(sent_styles):
            if m.group(f"t{i}"):
                n = _number(m.group(f"m{i}"))
                start = m.start(f"t{i}")
                if n and start not in found:
                    found[start] = (start, m.end(f"t{i}"), style, n)
                break
    return [found[k] for k in sorted(found)]


def split_items(text: str) -> list[Item]:
    """The numbered sub-items of a section's text, in order."""
    if not text:
        return []
    norm = text.translate(_FULLWIDTH)
    marks = _markers(norm)
    items: list[Item] = []
    for idx, (start, mend, style, n) in enumerate(marks):
        level = STYLE_LEVELS[style]
        end = len(text)
        for later in marks[idx + 1 :]:
            if STYLE_LEVELS[later[2]] <= level:
                end = later[0]
                break
        if level >= 3:
            nl = text.find("\n", mend)
            if nl != -1 and nl < end:
                end = nl
        rest = text[mend:end].lstrip(" \t\u3000")
        brk = _HEADING_END.search(rest)
        heading = (rest[: brk.start()] if brk else rest)[:60].strip()
        items.append(Item(text[start:mend].strip(), style, level, n, heading, start, end))
    return items


def heading_number(heading: str) -> tuple[str, int] | None:
    """The numbering of a part heading: "一、总体情况" -> ("一、", 1), "6、 其他…" -> ("1、", 6).
    None when the heading carries no number."""
    items = split_items((heading or "").strip())
    if items and items[0].start == 0:
        return items[0].style, items[0].number
    return None


def _shape(style: str) -> str:
    """The style without its numeral: （一） and （1） share the shape （）."""
    return re.sub(r"[一1]", "", style)


def same_family(a: str, b: str) -> bool:
    return _FAMILY.get(a, a) == _FAMILY.get(b, b)


@dataclass(frozen=True)
class NumberingBreak:
    item: Item
    expected: int
    previous: Item | None  # an earlier item of another style numbered one less (（1） before （二）)


def numbering_breaks(items: list[Item]) -> list[NumberingBreak]:
    """Items whose number does not continue their list: （1） then （二）, 一、二、四、.

    A list continues the last item of the same level and style family since the last item
    of a higher level; a number 1 always starts a new list (a fresh 一是… is normal).
    """
    last: dict[int, Item] = {}
    breaks: list[NumberingBreak] = []
    broken: set[int] = set()  # starts of the items reported
    seen: list[Item] = []
    for item in items:
        for lvl in [k for k in last if k > item.level]:
            del last[lvl]  # a higher-level item restarts every list under it
        before = last.get(item.level)
        if before is not None and not same_family(before.style, item.style):
            before = None
        expected = before.number + 1 if before else 1
        if item.number != 1 and item.number != expected:
            candidates = [p for p in reversed(seen) if p.number == item.number - 1 and p.style != item.style]
            prior = next((p for p in candidates if _shape(p.style) == _shape(item.style)), None)
            prior = prior or next(iter(candidates), None)
            if not (prior is not None and prior.start in broken and _shape(prior.style) == _shape(item.style)):
                breaks.append(NumberingBreak(item, expected, prior))
                broken.add(item.start)
            # else: "（一）（2）（三）" — the list went on past a mis-styled item already reported
        last[item.level] = item
        seen.append(item)
    return breaks
