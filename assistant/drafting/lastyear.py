"""What last year's own report says, read for this year's draft: the problems it named in
part 五, the office it gave for questions, and the subject of the text under each heading."""

from __future__ import annotations

import re

from ..report.model import Report
from ..text.structure import split_items

# Words that make a sentence a problem statement (when part 五 is written as plain sentences).
_PROBLEM_WORDS = re.compile(
    r"不够|不足|有待|仍需|尚需|还需|欠缺|差距|薄弱|滞后|不高|不强|不到位|较少|不及时|不全面|不规范|"
    r"不完善|不健全|不平衡|不深入|不精准|需进一步|亟待|亟需|短板|问题"
)
# Where the improvement half starts when there are no （一）（二） headings.
_MEASURES_START = re.compile(r"改进(?:情况|措施|举措)|下一步|今后|针对(?:上述|以上)问题|[（(][二2][）)]")
_HEADING_WORDS = re.compile(r"^(?:存在的?)?(?:主要)?问题(?:及改进情况)?[。：:]?$|^存在的主要问题")
_MAX_QUOTE = 40
_INLINE_NUMBER = re.compile(r"(?:^|(?<=[：:；;。\n]))\s*\d{1,2}[.、．]")
_NAMELY = re.compile(r"(?:主要|具体|集中)(?:是|表现(?:在|为)|有|体现在)[：:]?")
_LEAD_IN = re.compile(r"存在|问题|不足|差距|短板")


def problems_half(text: str) -> str:
    """The 存在的主要问题 half of part 五 (without the improvement half)."""
    items = split_items(text)
    top = min((it.level for it in items if it.level <= 2), default=None)
    if top is not None:
        for it in items:
            if it.level == top and "问题" in it.heading and "改进" not in it.heading:
                return text[it.start:it.end]
    m = _MEASURES_START.search(text, 1)
    return text[: m.start()] if m else text


def _clean(piece: str) -> str:
    piece = re.sub(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}是|\d{1,2}[.、．]|[①-⑳])\s*",
                   "", piece.strip())
    piece = piece.strip().rstrip("。；;，,")
    if len(piece) > _MAX_QUOTE:
        # a long item: its first clause names the problem, the rest explains it
        first = re.split(r"[，,；;]", piece, maxsplit=1)[0]
        piece = first if len(first) >= 6 else piece[: _MAX_QUOTE - 1] + "…"
    return piece


def listed_problems(text: str | None) -> list[str]:
    """Last year's listed problems: 一是/二是…, （一）（二）… or (1)… items, else sentences."""
    if not text or not text.strip():
        return []
    text = re.sub(r"〔[^〔〕]*〕", "", text)  # notes for staff left in a draft are not problems
    half = problems_half(text)
    items = split_items(half)
    # the list: the deepest items under the half's own heading, the first style that repeats
    heading = items[0] if items and items[0].start == 0 and items[0].level <= 2 else None
    inner = [it for it in items if it is not heading]
    for level in sorted({it.level for it in inner}):
        same = [it for it in inner if it.level == level]
        if len(same) >= 2 or (len(same) == 1 and not heading):
            out = [_clean(half[it.start:it.end].split("。")[0]) for it in same]
            return [p for p in out if len(p) >= 4]
    body = half[heading.start + len(heading.marker):] if heading else half
    numbered = [p for p in _INLINE_NUMBER.split(body)[1:] if p.strip()]
    pieces = numbered if len(numbered) >= 2 else re.split(r"[。！？；;\n]", body)
    out = []
    for piece in pieces:
        piece = piece.strip()
        lead, colon, rest = piece.partition("：") if "：" in piece else piece.partition(":")
        if colon and _LEAD_IN.search(lead):
            piece = rest.strip()  # 「……但也存在一些不足：」 introduces the problems
        m = _NAMELY.search(piece)
        if m and _LEAD_IN.search(piece[: m.start()]):
            piece = piece[m.end():].strip()  # 「还存在一些问题，主要是……」
        if not piece or _HEADING_WORDS.match(piece) or (not numbered and not _PROBLEM_WORDS.search(piece)):
            continue
        out.append(_clean(piece))
    return [p for p in out if len(p) >= 4]


_OFFICE = (
    re.compile(r"请与\s*((?:[^（(，,。；;\n：:]|[（(][^）)]{1,12}[）)]){2,50}?)\s*联系"),
    re.compile(r"请(?:联系|致电|咨询)\s*([^（(，,。；;\n：:]{2,40}?)\s*[（(：:，,]"),
)


def contact_office(report: Report | None) -> str | None:
    """The office last year's report named for questions: 「请与某某区人民政府办公室联系」."""
    if report is None:
        return None
    for key in ("intro", "other"):
        for rx in _OFFICE:
            m = rx.search(report.sections.text(key))
            if m:
                return m.group(1).strip()
    return None


def same_agency(a: str, b: str) -> bool:
    """One agency under two spellings (spaces, brackets of either width) is the same agency."""
    def norm(name: str) -> str:
        return re.sub(r"[\s（）()]", "", name or "")

    return norm(a) == norm(b)
