"""The catalogue of known fact keys: where each fact belongs and how it is said.

A fact (facts.yaml) is a number only staff know. Each known key has its part, its
subsection, the sentence it makes (with the measure word and verb of proper 公文
Chinese: 「开展季度检查{n}次」, never 「季度检查为4次」) and the assertions it supports
(assertions.py). A facts file may name the `section` of a key not listed here; an
unknown key without a section is listed for the user, never placed by keyword.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import NianbaoError
from ..report.parts import BY_KEY, PART_HEADINGS

# Where a fact may stand: part key + subsection. Overview subsections are the five sub-items
# of 一、总体情况; part 六 has its four required items.
PLACES: dict[str, tuple[str, str | None]] = {
    "overview.active": ("overview", "active"),
    "overview.requests": ("overview", "requests"),
    "overview.management": ("overview", "management"),
    "overview.platform": ("overview", "platform"),
    "overview.supervision": ("overview", "supervision"),
    "problems": ("problems", None),
    "other.fee": ("other", "fee"),
    "other.points": ("other", "points"),
    "other.npc": ("other", "npc"),
    "other.innovation": ("other", "innovation"),
}
# What a facts file may write as `section`: a place key, or its Chinese name.
PLACE_NAMES: dict[str, str] = {
    "主动公开": "overview.active",
    "依申请公开": "overview.requests",
    "政府信息管理": "overview.management",
    "平台建设": "overview.platform",
    "政府信息公开平台建设": "overview.platform",
    "监督保障": "overview.supervision",
    BY_KEY["problems"].mark: "problems",
    "问题": "problems",
    "信息处理费": "other.fee",
    "工作要点": "other.points",
    "建议提案": "other.npc",
    "人大代表建议和政协提案": "other.npc",
    "创新": "other.innovation",
    "工作创新": "other.innovation",
}
_OVERVIEW, _PROBLEMS, _OTHER = (PART_HEADINGS[k] for k in ("overview", "problems", "other"))
PLACE_LABELS = {
    "overview.active": f"{_OVERVIEW}（主动公开）",
    "overview.requests": f"{_OVERVIEW}（依申请公开）",
    "overview.management": f"{_OVERVIEW}（政府信息管理）",
    "overview.platform": f"{_OVERVIEW}（政府信息公开平台建设）",
    "overview.supervision": f"{_OVERVIEW}（监督保障）",
    "problems": _PROBLEMS,
    "other.fee": f"{_OTHER}（信息处理费）",
    "other.points": f"{_OTHER}（落实工作要点）",
    "other.npc": f"{_OTHER}（建议提案办理）",
    "other.innovation": f"{_OTHER}（工作创新）",
}


@dataclass(frozen=True)
class FactKind:
    key: str
    place: str  # a key of PLACES
    pattern: str  # the clause, with {n} for the value placeholder and {unit} for the measure word
    unit: str  # the default measure word
    claims: tuple[str, ...] = ()  # assertion ids (assertions.py) this fact supports
    zero: str | None = None  # the clause when the value is 0 (「未发生……」), if it differs


KNOWN: tuple[FactKind, ...] = (
    FactKind("policy_interpretations", "overview.active", "发布政策解读材料{n}{unit}", "篇", ("interpretation",)),
    FactKind("online_inquiries", "overview.active", "受理网络问政{n}{unit}", "件", ("response",)),
    FactKind("inquiries_answered", "overview.active", "答复网民留言{n}{unit}", "条", ("response",)),
    FactKind("press_conferences", "overview.active", "召开新闻发布会{n}{unit}", "场", ("response",)),
    FactKind("website_posts", "overview.platform", "门户网站政府信息公开专栏发布信息{n}{unit}", "条"),
    FactKind("new_media_posts", "overview.platform", "政务新媒体发布信息{n}{unit}", "条"),
    FactKind("quarterly_checks", "overview.platform", "开展政府网站与政务新媒体季度检查{n}{unit}", "次",
             ("inspection",)),
    FactKind("accounts_closed", "overview.platform", "关停整合政务新媒体账号{n}{unit}", "个"),
    FactKind("catalogue_updates", "overview.management", "更新政府信息公开指南和主动公开目录{n}{unit}", "次",
             ("catalogue",)),
    FactKind("confidentiality_reviews", "overview.management", "开展公开前保密审查{n}{unit}", "件", ("review",)),
    FactKind("training_sessions", "overview.supervision", "组织政务公开业务培训{n}{unit}", "场", ("training",)),
    FactKind("training_people", "overview.supervision", "参加培训{n}{unit}", "人次", ("training",)),
    FactKind("inspection_reports", "overview.supervision", "组织政务公开季度检查通报{n}{unit}", "次",
             ("inspection",)),
    FactKind("staff", "overview.supervision", "配备政务公开工作人员{n}{unit}", "名", ("staffing",)),
    FactKind("assessment_included", "overview.supervision", "将政务公开工作纳入年度绩效考核", "",
             ("assessment",), zero="〔请填写政务公开工作纳入考核的情况〕"),
    FactKind("social_reviews", "overview.supervision", "开展社会评议{n}{unit}", "次", ("social_review",),
             zero="本年度未开展社会评议"),
    FactKind("accountability_cases", "overview.supervision", "因政务公开工作追究责任{n}{unit}", "件",
             ("accountability",), zero="本年度未发生因政务公开工作被责任追究的情况"),
    FactKind("processing_fee", "other.fee", "收取信息处理费{n}{unit}", "元", ("fee",)),
    FactKind("info_processing_fee", "other.fee", "收取信息处理费{n}{unit}", "元", ("fee",)),
    FactKind("fee_charged", "other.fee", "收取信息处理费{n}{unit}", "元", ("fee",)),
    FactKind("work_points_done", "other.points", "落实上级年度政务公开工作要点任务{n}{unit}", "项", ("points",)),
    FactKind("npc_suggestions", "other.npc", "承办人大代表建议{n}{unit}", "件"),
    FactKind("cppcc_proposals", "other.npc", "承办政协提案{n}{unit}", "件"),
    FactKind("proposal_results_published", "other.npc", "公开建议提案办理结果{n}{unit}", "件",
             ("results_published",)),
    FactKind("proposal_satisfaction", "other.npc", "建议提案办理满意率为{n}{unit}", "%", ("rate",)),
    FactKind("innovations", "other.innovation", "推出政务公开创新举措{n}{unit}", "项", ("innovation",)),
)
BY_KEY: dict[str, FactKind] = {k.key: k for k in KNOWN}
FEE_KEYS = tuple(k.key for k in KNOWN if k.place == "other.fee")

# Count words that end a description and are said by the measure word instead:
# 「关停整合政务新媒体账号数」 + 3 + 个 -> 「关停整合政务新媒体账号3个」.
_COUNT_SUFFIX = re.compile(r"(?:的)?(?:条数|篇数|场次|件数|次数|个数|人数|人次数|期数|项数|数量|总数|数)$")
_RATE = re.compile(r"率$")


def place_of(raw: str | None, *, key: str = "", where: str = "") -> str | None:
    """The place key a facts file names; a clear error for anything else."""
    if raw is None or not str(raw).strip():
        return None
    text = str(raw).strip()
    if text in PLACES:
        return text
    if text in PLACE_NAMES:
        return PLACE_NAMES[text]
    names = "、".join(list(PLACE_NAMES)[:8])
    raise NianbaoError("事实数据文件有误", details=[
        f"{where}（{key}）：section「{text}」不是可用的位置；可写 {', '.join(PLACES)}，或中文名称如 {names}"])


def counted(description: str) -> bool:
    """A description that names a count (「……条数」「……场次」): the office's own words make the clause."""
    return bool(_COUNT_SUFFIX.search(description.strip())) and not _RATE.search(description.strip())


def clause(kind_pattern: str | None, description: str, placeholder: str, unit: str) -> str:
    """The clause a fact makes: the catalogue's pattern, else one built from the description."""
    if kind_pattern is not None:
        return kind_pattern.format(n=placeholder, unit=unit)
    desc = description.strip().rstrip("：:。；")
    if unit in ("%", "％") or _RATE.search(desc):
        return f"{desc}为{placeholder}{unit}"
    stem = _COUNT_SUFFIX.sub("", desc)
    return f"{stem or desc}{placeholder}{unit}"
