"""公文 form of a draft: what a model writes that a 公文 may not contain, and its repair.

Repaired before the checks (`repair`), and shown on the draft (SectionDraft.repairs):
Markdown emphasis (**…**, __…__) and heading marks (### …) are removed, and a bulleted or
numbered Markdown list becomes one paragraph 「一是…；二是…。」. What cannot be repaired
without rewriting is flagged (`check_form`), each with its own code:
- FORM-MARKDOWN: Markdown left in the text (a table, a quote, code marks);
- FORM-DATA-BLOCK: a line per cell restating the data (「1. 表四「行政复议」「结果维持」：1」),
  never turned into 一是… (it is not prose to keep);
- FORM-ENGLISH: English words (acronyms like APP and web addresses are fine);
- FORM-EMOJI: emoji and pictographs;
- FORM-HEADING: a sub-heading that restates the part's own heading, or numbering that does
  not continue （一）（二）…;
- FORM-LENGTH: much shorter or longer than the agency's own section last year.
"""

from __future__ import annotations

import re

from ..report.parts import SECTION_LABELS
from ..validate.catalogue import make
from ..validate.finding import Finding, Span

_CN_NUMERALS = "一二三四五六七八九十"
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]*(.*?)[ \t#]*$", re.M)
_BULLET = re.compile(r"^[ \t\u3000]*(?:[-*+•·]|\d{1,2}[.)）](?!\d))[ \t\u3000]+(?P<item>\S.*)$")
# 「表四「行政复议」「结果维持」：1」, 「本年新收：21件」: a label, a colon and a bare figure
_DATA_LINE = re.compile(
    r"^[ \t\u3000]*(?:[-*+•·]|\d{1,2}[.、)）]|[（(][一二三四五六七八九十\d]{1,2}[)）])?[ \t\u3000]*"
    r"(?=[^\n]*(?:表[一二三四]|「|【))[^。，,\n]{1,60}[：:][ \t]*\{{0,2}[\w.]*\}{0,2}[ \t]*\d*(?:\.\d+)?[ \t]*"
    r"(?:件|个|项|条|次|万元|元|%)?[ \t]*[；;。]?[ \t]*$"
)
_MARKDOWN = re.compile(r"^[ \t]*(?:\|.*\||>[ \t]|```|-{3,}[ \t]*$)|`[^`\n]+`|\*\*|\[[^\]\n]+\]\([^)\n]+\)", re.M)
_URL = re.compile(r"(?:https?://|www\.)[\w./:%#?=&-]+|[\w.-]+@[\w.-]+|[\w-]+(?:\.[\w-]+)*\.(?:gov\.cn|com|cn|org|net)\b")
_ENGLISH = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
# placeholders, and the 〔请填写…〕 notes that name a fact key for the person who fills them
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|〔[^〕\n]*〕")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")
_END_PUNCT = re.compile(r"[。；;，,：:！!\s]+$")

# FORM-LENGTH: last year's section at least this long, and the draft outside [LOW, HIGH] of it
MIN_LENGTH_COMPARED = 120
LOW, HIGH = 0.4, 2.5


def _numeral(n: int) -> str:
    if n <= 10:
        return _CN_NUMERALS[n - 1]
    return ("" if n < 20 else _CN_NUMERALS[n // 10 - 1]) + "十" + (_CN_NUMERALS[n % 10 - 1] if n % 10 else "")


def is_data_line(line: str) -> bool:
    return bool(_DATA_LINE.match(line))


def repair(text: str) -> tuple[str, list[str]]:
    """The text with harmless Markdown made 公文 form, and what was changed (in plain Chinese)."""
    repairs: list[str] = []
    fixed, n = _EMPHASIS.subn(lambda m: m.group(1) or m.group(2), text)
    if n:
        repairs.append(f"去掉了 {n} 处 Markdown 加粗标记")
    fixed, n = _HEADING.subn(lambda m: m.group(1), fixed)
    if n:
        repairs.append(f"去掉了 {n} 个 Markdown 标题符号（#）")
    lines = fixed.split("\n")
    out: list[str] = []
    lists = 0
    i = 0
    while i < len(lines):
        run = []
        while i + len(run) < len(lines) and (m := _BULLET.match(lines[i + len(run)])) and not is_data_line(
                lines[i + len(run)]):
            run.append(m.group("item"))
        if len(run) >= 2:
            items = [_END_PUNCT.sub("", item) for item in run]
            out.append("；".join(f"{_numeral(k)}是{item}" for k, item in enumerate(items, start=1)) + "。")
            lists += 1
            i += len(run)
        else:
            out.append(lines[i])
            i += 1
    if lists:
        repairs.append(f"把 {lists} 组 Markdown 列表改为“一是……二是……”的写法")
    return "\n".join(out), repairs


def _finding(code: str, section: str, start: int, end: int, **args) -> Finding:
    return make(code, span=Span(section=section, start=start, end=end), **args)


def _excerpt(text: str, limit: int = 30) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_form(text: str, section: str, previous_text: str | None = None) -> list[Finding]:
    out: list[Finding] = []
    # restated data: two or more data lines in a row
    pos = 0
    block: list[tuple[int, int]] = []
    lines = []
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    for start, end, line in lines + [(len(text), len(text), "")]:
        if line and is_data_line(line):
            block.append((start, end))
            continue
        if len(block) >= 2:
            out.append(_finding("FORM-DATA-BLOCK", section, block[0][0], block[-1][1], lines=len(block),
                                excerpt=_excerpt(text[block[0][0]:block[0][1]])))
        block = []
    in_block = [(f.span.start, f.span.end) for f in out]
    for m in _MARKDOWN.finditer(text):
        if not any(s <= m.start() < e for s, e in in_block):
            out.append(_finding("FORM-MARKDOWN", section, m.start(), m.end(), raw=_excerpt(m.group())))
    skipped = [(m.start(), m.end()) for rx in (_URL, _PLACEHOLDER) for m in rx.finditer(text)]
    words = [m for m in _ENGLISH.finditer(text)
             if not m.group().isupper() and not any(s <= m.start() < e for s, e in skipped)]
    if words:
        out.append(_finding("FORM-ENGLISH", section, words[0].start(), words[-1].end(),
                            words="、".join(dict.fromkeys(m.group() for m in words))))
    emoji = list(_EMOJI.finditer(text))
    if emoji:
        out.append(_finding("FORM-EMOJI", section, emoji[0].start(), emoji[-1].end(), count=len(emoji)))
    out += _headings(text, section)
    if previous_text and len(previous_text.strip()) >= MIN_LENGTH_COMPARED and text.strip():
        now, before = len(text.strip()), len(previous_text.strip())
        if not LOW * before <= now <= HIGH * before:
            out.append(make("FORM-LENGTH", variant="short" if now < before else None,
                            span=Span(section=section, start=0, end=0), chars=now, previous=before))
    return out


def _headings(text: str, section: str) -> list[Finding]:
    from ..text.structure import numbering_breaks, split_items

    out = []
    label = SECTION_LABELS.get(section, "")
    for start, end, line in _lines(text):
        bare = line.strip().strip("#").strip()
        if label and len(bare) <= len(label) + 6 and label in bare:
            out.append(_finding("FORM-HEADING", section, start, end, variant="part", raw=bare, label=label))
    for brk in numbering_breaks(split_items(text)):
        item = brk.item
        out.append(_finding("FORM-HEADING", section, item.start, item.start + len(item.marker),
                            raw=item.marker, expected=brk.expected))
    return out


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1
