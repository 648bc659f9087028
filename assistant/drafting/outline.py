"""The outline: which sections are drafted, in what order, with which figures and sub-items."""

from __future__ import annotations

from ..report.model import Report
from ..report.parts import DRAFT_SECTIONS
from .figures import Figure, FigureSet

SECTION_ORDER = DRAFT_SECTIONS
SECTION_CHOICES = SECTION_ORDER + ("all",)

# 总体情况 sub-items (2021 notice), with the keywords that recognise them in past headings.
TOPICS = ("active", "requests", "management", "platform", "supervision")
TOPIC_HEADINGS = {
    "active": "主动公开",
    "requests": "依申请公开",
    "management": "政府信息管理",
    "platform": "政府信息公开平台建设",
    "supervision": "监督保障",
}
GOV_SUPERVISION = "监督保障及工作考核、社会评议和责任追究结果情况"
# Order matters: 平台…保障 is a platform heading, not a supervision one.
TOPIC_KEYWORDS = (
    ("platform", ("平台", "网站", "新媒体", "公众号", "专栏")),
    ("requests", ("依申请", "申请公开")),
    ("active", ("主动公开", "主动",)),
    ("management", ("管理", "审查", "规范", "目录", "指南")),
    ("supervision", ("监督", "保障", "培训", "考核", "组织", "领导", "评议", "责任")),
)


# Words that tell the subject of a passage (last year's text under a heading), counted.
BODY_WORDS = {
    "active": ("主动公开", "主动", "解读", "回应", "发布", "重点领域", "预决算"),
    "requests": ("依申请", "申请", "答复", "补正", "受理"),
    "management": ("审查", "保密", "目录", "指南", "管理", "规范性文件", "登记"),
    "platform": ("平台", "网站", "新媒体", "公众号", "专栏", "微博", "栏目"),
    "supervision": ("培训", "考核", "监督", "评议", "领导", "责任", "学习", "队伍", "人员"),
}


def body_topic(text: str) -> str | None:
    """The subject of a passage: the topic whose words it uses most (None when it uses none)."""
    counts = {t: sum(text.count(w) for w in words) for t, words in BODY_WORDS.items()}
    best = max(counts, key=lambda t: counts[t])
    return best if counts[best] > 0 else None


def topic_of(heading: str) -> str | None:
    for topic, words in TOPIC_KEYWORDS:
        if any(w in heading for w in words):
            return topic
    return None


def overview_sub_items(report: Report) -> list[str]:
    items = [TOPIC_HEADINGS[t] for t in TOPICS]
    if report.is_government:
        items[-1] = GOV_SUPERVISION
    return items


# Figures offered to the model per section (key prefixes).
SECTION_FIGURES: dict[str, tuple[str, ...]] = {
    "intro": (),
    "overview": (
        "t2.", "t3.new.total", "t3.carried_in.total", "t3.results_total.total", "t3.carried_out.total",
        "derived.t3.new.total", "derived.t3.disclosed.total", "derived.t2.", "t4.review.total",
        "derived.t4.suit.total", "fact.",
    ),
    "requests": ("t3.", "derived.t3.", "fact."),
    "review_litigation": ("t4.", "derived.t4.", "fact."),
    "problems": (
        "t3.new.total", "t3.carried_out.total", "derived.t3.", "t4.review.corrected", "t4.review.total",
        "derived.t4.suit.", "fact.", "ledger.",
    ),
    "other": ("fact.", "t2.fees.amount"),
}


# 表三 rows the model hears about by name; sub-rows only when not zero (the prompt stays short;
# every figure can still be substituted and passes the number check).
T3_MAIN_ROWS = ("new", "carried_in", "granted", "partly_granted", "results_total", "carried_out")
T3_GROUPS = ("disclosed", "refused", "unable", "not_processed", "other")


def _t3_row(key: str) -> str:
    """The 表三 row of a cell or derived key: t3.refused.third_party.total -> refused.third_party."""
    body = key.removeprefix("derived.").removeprefix("t3.")
    for suffix in (".total.previous", ".total.change_abs", ".total.change", ".total.pct_change_abs",
                   ".total.pct_change", ".total.share", ".total"):
        if body.endswith(suffix):
            return body[: -len(suffix)]
    return body.rsplit(".", 1)[0]


def _offered(f: Figure) -> bool:
    key = f.key
    if not (key.startswith("t3.") or key.startswith("derived.t3.")):
        return True
    if key.startswith("t3.new.") or key.startswith("derived.t3.new.organizations"):
        return True
    if key.startswith("t3.") and not key.endswith(".total"):
        return False  # applicant columns of the other rows
    row = _t3_row(key)
    if row in T3_MAIN_ROWS or row in T3_GROUPS:
        return not (key.endswith(".share") and f.value == 0)
    # a sub-row (refused.third_party …): its count and share when not zero, no 同比
    if key.endswith(".total") or key.endswith(".share"):
        return f.value != 0
    return False


def figures_for(section: str, figures: FigureSet) -> list[Figure]:
    selected = figures.select(SECTION_FIGURES.get(section, ()))
    return [f for f in selected if _offered(f)]
