"""The catalogue of assertions: phrases that say the office did or achieved something.

A duty statement (「严格落实《条例》第二十条规定……」) is a set phrase and needs no source.
An assertion (纳入考核, 开展评议, 组织培训, 办理结果已公开, 未收取信息处理费, 满意率…)
needs one: a fact (facts.yaml), a table, the ledger, the staff's own notes, or last year's
own text (then it is marked 「沿用上年表述，请核实」). Without a source the drafter writes a
〔请填写……〕 placeholder naming what is needed, and the check below flags any assertion
that a model, a template or a person wrote without one. The same catalogue serves the
drafter, the draft check and the validator rule N-CLAIM.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Assertion:
    id: str
    label: str  # what the sentence claims, as the reviewer reads it
    pattern: re.Pattern[str]
    need: str  # the placeholder naming what a person must supply


def _a(id_: str, label: str, pattern: str, need: str) -> Assertion:
    return Assertion(id_, label, re.compile(pattern), need)


CATALOGUE: tuple[Assertion, ...] = (
    _a("training", "组织业务培训", r"培训|以会代训|集中学习|专题学习|组织学习",
       "〔请填写本年度组织政务公开业务培训的场次和参训人次〕"),
    _a("assessment", "纳入工作考核", r"纳入[^。；，]{0,10}考核|列入[^。；，]{0,10}考核|考核结果",
       "〔请填写政务公开工作纳入考核的情况及考核结果〕"),
    _a("social_review", "开展社会评议", r"社会评议|公众评价|满意度测评|群众评议",
       "〔请填写本年度社会评议开展情况和结果〕"),
    _a("accountability", "责任追究", r"责任追究|追责|问责|追究[^。；，]{0,6}责任",
       "〔请填写本年度责任追究结果情况（没有的写明未发生）〕"),
    _a("results_published", "办理结果已公开",
       r"(?:办理结果|办理复文|答复情况)[^。；]{0,8}(?:已|均已|全部)[^。；]{0,6}公开",
       "〔请填写建议提案办理结果公开的件数〕"),
    _a("fee", "信息处理费收取情况",
       r"(?:未|没有|不曾|均未)(?:向申请人)?收取[^。；，]{0,6}信息处理费|收取(?:了)?信息处理费",
       "〔请填写本年度是否收取信息处理费及金额（请在事实数据文件中填写 processing_fee）〕"),
    _a("rate", "满意率、回复率等比率", r"满意率|回复率|办结率|好评率|公开率",
       "〔请填写有关比率及其统计依据〕"),
    _a("inspection", "开展检查、自查", r"季度检查|自查|督查|抽查|检查通报",
       "〔请填写本年度开展检查的次数和发现问题的整改情况〕"),
    _a("staffing", "配备工作人员、明确分管负责同志",
       r"分管负责同志|专职工作人员|专人负责|指定专人|明确专人|充实[^。；，]{0,6}力量",
       "〔请填写政务公开工作机构和人员配备情况〕"),
    _a("leadership", "研究部署、会议", r"研究部署|专题会议|领导小组|党组会|常务会",
       "〔请填写本年度研究部署政务公开工作的情况〕"),
    _a("interpretation", "发布政策解读", r"(?:发布|配发|开展|制作)[^。；，]{0,6}解读",
       "〔请填写本年度发布政策解读材料的篇数〕"),
    _a("response", "回应关切、办理网民留言", r"网络问政|网民留言|新闻发布会|热点回应",
       "〔请填写回应社会关切的具体情况〕"),
    _a("points", "落实工作要点的成效", r"(?:各项|重点)任务[^。；]{0,10}(?:落实|完成|推进)|逐项细化任务|任务清单",
       "〔请填写落实上级年度政务公开工作要点的具体情况〕"),
    _a("on_time", "按时答复", r"(?:均|全部|按时|按期)[^。；，]{0,6}(?:答复|办结)|在法定(?:期限|时限)内(?:答复|办结)",
       "〔请根据台账核实是否均在法定期限内答复〕"),
    _a("achievement", "工作成效", r"取得(?:了)?(?:新|明显|积极|显著)?(?:进展|成效)|更加(?:规范|有序)|明显提升|显著提高|圆满完成",
       "〔请填写本年度工作取得的具体成效〕"),
    _a("innovation", "创新做法", r"(?:推出|探索|实施|形成)[^。；，]{0,10}创新",
       "〔请补充本年度政务公开工作创新做法〕"),
    _a("catalogue", "更新公开指南和目录", r"(?:更新|调整|修订|编制)[^。；，]{0,8}(?:指南|目录)",
       "〔请填写本年度更新政府信息公开指南和目录的情况〕"),
)
BY_ID = {a.id: a for a in CATALOGUE}

# Spans that assert nothing: placeholders for staff, book titles, quoted problems.
_INERT = (re.compile(r"〔[^〔〕]{0,200}〕"), re.compile(r"《[^》\n]{0,80}》"), re.compile(r"“[^”\n]{0,200}”"))
_MARKER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[是、])\s*")
_CLAUSE = re.compile(r"[^，,；;。！？!?\n：:]+")
# A duty statement: a clause that says what the rules require, not what was done.
_DUTY = re.compile(r"^(?:严格|认真)?(?:落实|执行|按照|依照|依据|根据|遵循|对照|坚持)[^，；。]{0,40}"
                   r"(?:《[^》]*》|规定|要求|部署|制度|原则)")


@dataclass(frozen=True)
class Found:
    id: str
    start: int
    end: int
    clause: str


def find(text: str) -> Iterator[Found]:
    """Every assertion in the text, one per clause and kind; duty clauses and 〔〕 notes skipped."""
    inert = [(m.start(), m.end()) for rx in _INERT for m in rx.finditer(text)]
    for cm in _CLAUSE.finditer(text):
        clause = cm.group()
        body = clause.strip()
        if not body:
            continue
        plain = _INERT[0].sub("", body)
        unmarked = _MARKER.sub("", plain)
        if _DUTY.match(unmarked):
            continue
        after = text[cm.end(): cm.end() + 1]
        if after in ("。", "\n", "", "：", ":") and len(unmarked) <= 32 and (unmarked != plain or unmarked.endswith("情况")):
            continue  # a heading or label: 「（五）监督保障及工作考核、社会评议和责任追究结果情况。」
        seen: set[str] = set()
        for a in CATALOGUE:
            for m in a.pattern.finditer(clause):
                start, end = cm.start() + m.start(), cm.start() + m.end()
                if a.id in seen or any(s <= start and end <= e for s, e in inert):
                    continue
                seen.add(a.id)
                yield Found(a.id, start, end, clause.strip())


def ids_in(text: str | None) -> set[str]:
    return {f.id for f in find(text or "")}


@dataclass
class Support:
    """Which assertions have a source, and which one: id -> e.g. 「事实数据 training_sessions」."""

    sources: dict[str, str] = field(default_factory=dict)
    last_year: set[str] = field(default_factory=set)  # found in last year's own text

    def add(self, ids: Iterable[str], source: str) -> None:
        for i in ids:
            self.sources.setdefault(i, source)

    def source_of(self, id_: str) -> str | None:
        if id_ in self.sources:
            return self.sources[id_]
        if id_ in self.last_year:
            return "上年报告原文"
        return None

    def to_json(self) -> dict[str, str]:
        out = {i: s for i, s in self.sources.items()}
        for i in self.last_year:
            out.setdefault(i, "上年报告原文")
        return out
