"""The six parts of the report: keys, printed headings, and the variants real reports print.

The one home of this knowledge: the importer's readers (text, HTML, PDF), the narrative
reader, the retrieval chunker and filters, the CLI and the drafter all read it from here.
Headings are kept exactly as printed in the 2021 template (国办公开办函〔2021〕30号).
"""

from __future__ import annotations

from dataclasses import dataclass

CN_NUMBERS = "一二三四五六"


@dataclass(frozen=True)
class Part:
    key: str
    number: int  # 1..6 as printed (「一、」); 0 for the opening paragraph
    label: str  # the template's name, without its number
    short: str  # a short name for lists (「依申请公开」)
    table: str | None = None  # the statistical table the part prints
    drafted: bool = True  # the drafter writes this section
    # every name of the part a real report prints as its heading (the template's first)
    names: tuple[str, ...] = ()
    # words that make a numbered heading (「三、…」) this part's
    words: tuple[str, ...] = ()
    # without a number (Word's automatic numbering is not in the text) a heading must name
    # its part fully: 「主动公开」「依申请公开」 alone are the sub-items of 总体情况
    full_words: tuple[str, ...] = ()
    # the one word that marks the part's heading line anywhere in a document (a table
    # reader stops there; a page holding two marks holds the report)
    mark: str = ""
    # what a user may type for the part besides its key (retrieval filters)
    aliases: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """「一、总体情况」; the opening paragraph has no heading and answers its label."""
        return f"{CN_NUMBERS[self.number - 1]}、{self.label}" if self.number else self.label

    @property
    def short_heading(self) -> str:
        return f"{CN_NUMBERS[self.number - 1]}、{self.short}" if self.number else self.short


INTRO = Part("intro", 0, "开头段落", "开头段落", aliases=("开头", "开头段落", "引言", "前言"))

PARTS: tuple[Part, ...] = (
    Part(
        "overview", 1, "总体情况", "总体情况",
        names=("总体情况",),
        words=("总体情况",),
        full_words=("总体情况",),
        mark="总体情况",
    ),
    Part(
        "active", 2, "主动公开政府信息情况", "主动公开", table="t2", drafted=False,
        names=("主动公开政府信息情况",),
        words=("主动公开",),
        full_words=("主动公开政府信息",),
        mark="主动公开政府信息情况",
    ),
    Part(
        "requests", 3, "收到和处理政府信息公开申请情况", "依申请公开", table="t3",
        names=("收到和处理政府信息公开申请情况",),
        words=("收到和处理", "依申请公开", "公开申请情况", "申请情况"),
        full_words=("收到和处理", "公开申请情况"),
        mark="收到和处理",
    ),
    Part(
        "review_litigation", 4, "政府信息公开行政复议、行政诉讼情况", "复议诉讼", table="t4",
        names=("政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议和提起行政诉讼情况"),
        words=("行政复议", "行政诉讼"),
        full_words=("行政复议", "行政诉讼"),
        mark="行政复议",
    ),
    Part(
        "problems", 5, "存在的主要问题及改进情况", "问题及改进",
        names=("存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况"),
        words=("存在的主要问题", "问题及改进", "主要问题", "存在问题", "改进情况"),
        full_words=("存在的主要问题", "问题及改进"),
        mark="存在的主要问题",
    ),
    Part(
        "other", 6, "其他需要报告的事项", "其他事项",
        names=("其他需要报告的事项",),
        words=("其他需要报告",),
        full_words=("其他需要报告",),
        mark="其他需要报告",
    ),
)

SECTIONS: tuple[Part, ...] = (INTRO, *PARTS)
BY_KEY: dict[str, Part] = {p.key: p for p in SECTIONS}

# Sections of the report file, in printed order. `intro` is the opening paragraph.
SECTION_KEYS = tuple(p.key for p in SECTIONS)
PART_KEYS = tuple(p.key for p in PARTS)
PART_HEADINGS = {p.key: p.heading for p in PARTS}
SECTION_LABELS = {p.key: p.label for p in SECTIONS}
PART_MARKS = tuple(p.mark for p in PARTS)
TABLE_OF_PART = {p.key: p.table for p in PARTS if p.table}
# the sections the drafter writes, in printed order (表二 needs no words of its own)
DRAFT_SECTIONS = tuple(p.key for p in SECTIONS if p.drafted)


def part_of_heading(body: str, *, numbered: bool = True) -> str | None:
    """The part whose words a heading's text (number removed, normalized) carries, or None.

    First match in printed order wins.
    """
    for part in PARTS:
        if any(w in body for w in (part.words if numbered else part.full_words)):
            return part.key
    return None


def part_by_number(number: int) -> Part:
    return PARTS[number - 1]
