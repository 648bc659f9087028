"""The template drafter: deterministic 公文 text from figures, facts and last year's structure.

It writes placeholders exactly as the model would, so its output goes through the same
substitution and checks. It never copies last year's sentences: only the sub-item
headings of last year's 总体情况 are reused (year updated), and only over text of their
own subject. It asserts nothing it has no source for (assertions.py): duty statements,
table figures, facts in their catalogued place (factbook.py), last year's listed problems
answered one by one; where only staff can know the answer it leaves a 〔请填写…〕 note that
names what is needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from ..report.format import FormatVersion
from ..report.model import Report
from .assertions import BY_ID as ASSERTIONS
from .evidence import LateReply
from .factbook import FEE_KEYS, clause, counted
from .facts import Fact
from .figures import FigureSet
from .lastyear import contact_office, listed_problems, same_agency
from .outline import GOV_SUPERVISION, TOPIC_HEADINGS, TOPICS, body_topic, topic_of
from .phrasebook import PHRASES

CN_ORDINALS = "一二三四五六七八九十"
STYLES = 3  # phrasing variants per slot in phrasebook.py
GOOD_ENOUGH = 0.3  # share of text repeating last year's below which the first style is kept


def previous_narrative(previous: Report | None) -> str:
    """Last year's narrative except the opening formula: what N-SIMILAR-LAST-YEAR compares with."""
    if previous is None:
        return ""
    return "\n".join(t for k, t in previous.sections.items() if k != "intro" and t)


class _Missing(Exception):
    """A figure the sentence needs is not available (blank cell, no previous report)."""


class TemplateDrafter:
    def __init__(self, report: Report, figures: FigureSet, facts: list[Fact], previous: Report | None = None,
                 late: list[LateReply] | None = None):
        self.report = report
        self.figures = figures
        self.facts = facts
        self.previous = previous
        self.late = late  # None: no ledger given, so nothing is known about reply times
        self.short = _short_name(report.agency)
        self._style = 0

    # -- helpers -------------------------------------------------------------------
    def p(self, key: str) -> str:
        if key not in self.figures:
            raise _Missing(key)
        return "{{" + key + "}}"

    def v(self, key: str) -> Decimal:
        value = self.figures.value(key)
        if value is None:
            raise _Missing(key)
        return value

    def has(self, key: str) -> bool:
        return key in self.figures

    def sentence(self, build: Callable[[], str]) -> str:
        try:
            return build()
        except _Missing:
            return ""

    def change_phrase(self, key: str, unit: str = "件") -> str:
        """同比 phrase for a figure, e.g. 同比增加{{…change_abs}}件（增长{{…pct_change_abs}}）."""
        base = f"derived.{key}"
        if not self.has(f"{base}.change"):
            return ""
        change = self.v(f"{base}.change")
        if change == 0:
            return "，与上年持平"
        word, rate = ("增加", "增长") if change > 0 else ("减少", "下降")
        text = f"，同比{word}{self.p(f'{base}.change_abs')}{unit}"
        if self.has(f"{base}.pct_change_abs"):
            text += f"（{rate}{self.p(f'{base}.pct_change_abs')}）"
        return text

    def fact_sentences(self, place: str) -> list[str]:
        """Clauses for the facts whose place (catalogue or the file's `section`) is `place`."""
        return [fact_phrase(f) for f in self.facts if f.place == place]

    def fact(self, key: str) -> Fact | None:
        return next((f for f in self.facts if f.key == key), None)

    # -- sections ------------------------------------------------------------------
    def draft(self, section: str) -> str:
        """The section text; with last year's report, the phrasing style that repeats it least."""
        build = getattr(self, f"_{section}")
        self._style = 0
        last = previous_narrative(self.previous)
        if not last or section == "intro":
            return build().strip()
        from ..text.similarity import repeated_fraction
        from .placeholders import substitute

        best: tuple[float, str] | None = None
        for style in range(STYLES):
            self._style = style
            raw = build().strip()
            score = repeated_fraction(substitute(raw, self.figures).text, last)
            if best is None or score < best[0]:
                best = (score, raw)
            if score <= GOOD_ENOUGH:
                break
        return best[1]

    def pick(self, slot: str, **values: str) -> str:
        """The current style's variant of a fixed phrasing, with its fields filled in."""
        variants = PHRASES[slot]
        text = variants[self._style % len(variants)]
        return text.format(**values) if values else text

    def _intro(self) -> str:
        r, year = self.report, self.report.year
        text = (
            f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现公布{r.agency}{year}年政府信息公开工作年度报告。"
            "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
            "存在的主要问题及改进情况、其他需要报告的事项组成。"
            f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        )
        contact = contact_of(r, self.previous)
        if contact and contact.website:
            text += f"本报告电子版可在{contact.website}查阅或下载。"
        details = []
        if contact:
            if contact.address:
                details.append(f"地址：{contact.address}")
            if contact.phone:
                details.append(f"联系电话：{contact.phone}")
            if contact.postcode:
                details.append(f"邮编：{contact.postcode}")
            if contact.email:
                details.append(f"电子邮箱：{contact.email}")
        office = self.contact_office()
        if details:
            text += f"如对本报告有任何疑问，请与{office}联系（{'；'.join(details)}）。"
        else:
            text += f"如对本报告有任何疑问，请与{office}联系〔请填写地址、联系电话和邮编〕。"
        return text

    def contact_office(self) -> str:
        """The office named for questions: this year's text, else last year's (same agency), else the agency."""
        own = contact_office(self.report)
        if own:
            return own
        if self.previous is not None and same_agency(self.previous.agency, self.report.agency):
            return contact_office(self.previous) or self.report.agency
        return self.report.agency

    def _overview(self) -> str:
        year = self.report.year
        headings = self._overview_headings()
        lead = self.pick("lead", year=str(year), agency=self.short)
        bodies = {
            "active": self._active_body,
            "requests": self._requests_overview_body,
            "management": self._management_body,
            "platform": self._platform_body,
            "supervision": self._supervision_body,
        }
        parts = [lead]
        for i, topic in enumerate(TOPICS):
            heading = headings[topic]
            parts.append(f"（{CN_ORDINALS[i]}）{heading}。{bodies[topic]()}")
        return "\n".join(parts)

    def _overview_headings(self) -> dict[str, str]:
        """Canonical five sub-items; last year's own heading for a topic when it had one."""
        chosen = {t: TOPIC_HEADINGS[t] for t in TOPICS}
        if self.report.is_government:
            chosen["supervision"] = GOV_SUPERVISION
        for heading, body in previous_overview_items(self.previous):
            topic = topic_of(heading)
            # last year's text under the heading tells its subject: 「组织推动……」 over text about
            # 主动公开 and 依申请 is not a heading for 监督保障
            if topic and body_topic(body) != topic:
                continue
            if topic and chosen[topic] in (TOPIC_HEADINGS[topic], GOV_SUPERVISION):
                if topic == "supervision" and self.report.is_government and "考核" not in heading:
                    heading = f"{heading}（含工作考核、社会评议和责任追究结果情况）"
                chosen[topic] = heading.replace(str(self.previous.year), str(self.report.year))
        return chosen

    def _active_body(self) -> str:
        v2021 = self.report.format is FormatVersion.V2021
        items = []
        if v2021:
            items.append(self.sentence(self._documents_2021))
        else:
            items.append(self.sentence(lambda: (
                f"本年度新制作规章{self.p('t2.rules.made')}件、规范性文件{self.p('t2.normative_docs.made')}件，"
                f"新公开规章{self.p('t2.rules.published')}件、规范性文件{self.p('t2.normative_docs.published')}件"
            )))
        decisions = [(label, f"t2.{row}.decisions") for row, label in
                     (("licensing", "行政许可"), ("punishment", "行政处罚"), ("coercion", "行政强制"))]
        listed = [f"{label}决定{self.p(key)}件" for label, key in decisions if self.has(key) and self.v(key) != 0]
        if listed:
            items.append("作出" + "、".join(listed))
        if v2021 and self.has("t2.fees.amount") and self.v("t2.fees.amount") != 0:
            items.append(f"行政事业性收费金额{self.p('t2.fees.amount')}万元")
        items += self.fact_sentences("overview.active")
        figures = "；".join(i for i in items if i)
        text = self.pick("active")
        if figures:
            text += figures + "。"
        return text

    def _documents_2021(self) -> str:
        made = [f"{label}{self.p(f't2.{row}.{col}')}件"
                for col, verb in (("issued", "制发"), ("repealed", "废止"))
                for row, label in (("rules", verb + "规章"), ("normative_docs", verb + "行政规范性文件"))
                if self.v(f"t2.{row}.{col}") != 0]
        in_force = (f"现行有效规章{self.p('t2.rules.in_force')}件、"
                    f"行政规范性文件{self.p('t2.normative_docs.in_force')}件")
        if not made:
            return f"本年度未制发、废止规章和行政规范性文件，{in_force}"
        return f"本年度{'、'.join(made)}，{in_force}"

    def _requests_overview_body(self) -> str:
        text = self.pick("requests")
        if all(self.has(k) and self.v(k) == 0 for k in ("t3.new.total", "t3.carried_in.total", "t3.carried_out.total")):
            s = self.pick("ov_requests_none")
        else:
            s = self.sentence(lambda: self.pick(
                "ov_requests", new=self.p("t3.new.total"), chg=self.change_phrase("t3.new.total"),
                ci=self.p("t3.carried_in.total"), done=self.p("t3.results_total.total"),
                co=self.p("t3.carried_out.total")))
        extra = "；".join(self.fact_sentences("overview.requests"))
        return text + s + (extra + "。" if extra else "")

    def _management_body(self) -> str:
        text = self.pick("management")
        extra = "；".join(self.fact_sentences("overview.management"))
        return text + (extra + "。" if extra else "")

    def _platform_body(self) -> str:
        text = self.pick("platform")
        extra = "；".join(self.fact_sentences("overview.platform"))
        return text + (extra + "。" if extra else "")

    def _supervision_body(self) -> str:
        gov_keys = ("assessment_included", "social_reviews", "accountability_cases")
        placed = [f for f in self.facts if f.place == "overview.supervision"
                  and not (self.report.is_government and f.key in gov_keys)]
        if placed:
            text = self.pick("supervision") + "；".join(fact_phrase(f) for f in placed) + "。"
        else:
            text = self.pick("supervision") + "〔请填写政务公开工作机构和人员配备、业务培训等情况〕"
        if self.report.is_government:
            text += self._gov_assessment()
        return text

    def _gov_assessment(self) -> str:
        """工作考核、社会评议和责任追究结果 (条例第五十条): from facts, else a note for each."""
        parts = []
        for key, need in (("assessment_included", "assessment"), ("social_reviews", "social_review"),
                          ("accountability_cases", "accountability")):
            f = self.fact(key)
            parts.append(fact_phrase(f) if f is not None else ASSERTIONS[need].need)
        return self.pick("gov_assessment_head") + "；".join(parts) + "。"

    def _requests(self) -> str:
        year, agency = str(self.report.year), self.short
        if all(self.has(k) and self.v(k) == 0 for k in ("t3.new.total", "t3.carried_in.total", "t3.carried_out.total")):
            return self.pick("req_none", year=year, agency=agency)
        parts = [self.sentence(lambda: self.pick(
            "req_lead", new=self.p("t3.new.total"), chg=self.change_phrase("t3.new.total"),
            ci=self.p("t3.carried_in.total"), year=year, agency=agency, prev_year=str(self.report.year - 1)))]
        parts.append(self.sentence(lambda: self.pick(
            "req_applicants", nat=self.p("t3.new.natural"), org=self.p("derived.t3.new.organizations"))))
        other_key = "derived.t3.other.total" if self.report.format is FormatVersion.V2021 else "t3.other.total"
        results = [
            ("予以公开", "t3.granted.total"),
            ("部分公开", "t3.partly_granted.total"),
            ("不予公开", "derived.t3.refused.total"),
            ("无法提供", "derived.t3.unable.total"),
            ("不予处理", "derived.t3.not_processed.total"),
            ("其他处理", other_key),
        ]
        listed = [self.pick("item", label=label, n=self.p(key))
                  for label, key in results if self.has(key) and self.v(key) != 0]
        detail = f"，其中{'，'.join(listed)}" if listed else ""
        parts.append(self.sentence(lambda: self.pick(
            "req_results", done=self.p("t3.results_total.total"), detail=detail, co=self.p("t3.carried_out.total"))))
        text = "".join(p for p in parts if p)
        return text or "〔表三数据尚未填写完整，请先填写表三〕"

    def _review_litigation(self) -> str:
        try:
            review = self.v("t4.review.total")
            suit = self.v("derived.t4.suit.total")
        except _Missing:
            return "〔表四数据尚未填写完整，请先填写表四〕"
        if review == 0 and suit == 0:
            return self.pick("rl_none", year=str(self.report.year), agency=self.short)
        parts = []
        if review:
            parts.append(self.pick("rl_review", n=self.p("t4.review.total"), outcomes=self._outcomes("t4.review")))
        else:
            parts.append(self.pick("rl_no_review"))
        if suit:
            parts.append(self.pick("rl_suit", n=self.p("derived.t4.suit.total"), d=self.p("t4.suit_direct.total"),
                                   a=self.p("t4.suit_after_review.total"), outcomes=self._outcomes("derived.t4.suit")))
        else:
            parts.append(self.pick("rl_no_suit"))
        return "".join(parts)

    def _outcomes(self, prefix: str) -> str:
        labels = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
        listed = [self.pick("item", label=label, n=self.p(f"{prefix}.{col}")) for col, label in labels
                  if self.has(f"{prefix}.{col}") and self.v(f"{prefix}.{col}") != 0]
        return f"，其中{'、'.join(listed)}" if listed else ""

    def _problems(self) -> str:
        """（一）problems the records show; （二）one paragraph per problem last year's report named."""
        ordinal = ("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是")
        problems = self._evidence_problems()
        if problems:
            head = self.pick("pr_head") + "".join(
                f"{ordinal[i]}{p}{'。' if i == len(problems) - 1 else '；'}" for i, p in enumerate(problems[:8]))
            head += self.pick("note_problem_more")
        else:
            head = self.pick("pr_head") + self.pick("note_problem")
        lines = [head]
        last = listed_problems(self.previous.sections.problems) \
            if self.previous is not None and same_agency(self.previous.agency, self.report.agency) else []
        measures = self.pick("pr_measures_head")
        if last:
            lines.append(measures + self.pick("pr_last_year_lead"))
            lines += [f"针对上年度报告提出的“{p}”问题，〔请填写本年度采取的措施和成效〕。" for p in last]
            lines.append(self.pick("note_measure"))
        else:
            lines.append(measures + self.pick("note_measure"))
        return "\n".join(lines)

    def _evidence_problems(self) -> list[str]:
        """Problems that the ledger, the tables or the office's facts show, never a guess:
        late replies beyond 20 + 20 working days, 复议/诉讼 results corrected, facts the office
        placed under 存在的主要问题. More requests, or a carry-over inside the limit, is no problem."""
        out = []
        if self.late:
            out.append(self.pick("problem_late", n="{{ledger.late_replies}}"))
        if self.has("t4.review.corrected") and self.v("t4.review.corrected") > 0:
            out.append(self.pick("problem_corrected", n=self.p("t4.review.corrected")))
        if self.has("derived.t4.suit.corrected") and self.v("derived.t4.suit.corrected") > 0:
            out.append(self.pick("problem_suit_corrected", n=self.p("derived.t4.suit.corrected")))
        out += self.fact_sentences("problems")
        return out

    def _other(self) -> str:
        fee = next((f for f in self.facts if f.key in FEE_KEYS), None)
        if fee is None:
            fee_text = self.pick("note_fee")
        elif fee.value > 0:
            fee_text = self.pick("fee_charged", n=f"{{{{fact.{fee.key}}}}}", unit=fee.measure or "元")
        else:
            fee_text = self.pick("fee_none")
        points = self.fact_sentences("other.points")
        points_text = self.pick("points") + ("；".join(points) + "。" if points else self.pick("note_points"))
        npc = self.fact_sentences("other.npc")
        npc_text = (self.pick("npc", listed="，".join(npc)) if npc else self.pick("note_npc"))
        if npc and not any("results_published" in (f.kind.claims if f.kind else ()) for f in self.facts
                           if f.place == "other.npc"):
            npc_text += self.pick("note_results_published")
        innovation = self.fact_sentences("other.innovation")
        innovation_text = ("；".join(innovation) + "。") if innovation else self.pick("note_innovation")
        return "\n".join([
            self.pick("ot_fee_head") + fee_text,
            self.pick("ot_points_head") + points_text,
            self.pick("ot_npc_head") + npc_text,
            self.pick("ot_innovation_head") + innovation_text,
        ])


def fact_phrase(fact: Fact) -> str:
    """The clause a fact makes: the catalogue's sentence pattern (measure word and verb), else
    one built from its description: 关停整合政务新媒体账号数 + 个 -> 关停整合政务新媒体账号{{fact.x}}个."""
    ph = f"{{{{fact.{fact.key}}}}}"
    kind = fact.kind
    if kind is not None and fact.value == 0 and kind.zero:
        return kind.zero
    own_words = bool(fact.description) and counted(fact.description)
    pattern = kind.pattern if kind is not None and not own_words else None
    return clause(pattern, fact.description or fact.key, ph, fact.measure)


def contact_of(report: Report, previous: Report | None):
    """This year's contact details, else last year's (its contact field, else as its own text
    printed them) when the agency is the same: address, telephone and postcode kept exactly."""
    if report.contact and any(report.contact.model_dump().values()):
        return report.contact
    if previous is not None and same_agency(previous.agency, report.agency):
        if previous.contact and any(previous.contact.model_dump().values()):
            return previous.contact
        from ..ingest.recognition.narrative import contact_of as read_contact

        return read_contact(previous.sections.text("intro")) or previous.contact
    return report.contact


def _short_name(agency: str) -> str:
    """本机关 for long names in running text would be vague; keep the full name."""
    return agency


_MARKER = re.compile(r"^\s*[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*")


def previous_overview_items(previous: Report | None) -> list[tuple[str, str]]:
    """Last year's 总体情况 sub-items (top level): (heading without marker, text under it)."""
    if previous is None or not previous.sections.overview:
        return []
    from ..text.structure import split_items

    text = previous.sections.overview
    out = []
    items = split_items(text)
    top = min((it.level for it in items), default=None)
    for it in items:
        if it.level != top or not it.heading:
            continue
        h = _MARKER.sub("", it.heading).strip().rstrip("。；;：:")
        if 2 <= len(h) <= 30:
            body = text[it.start:it.end]
            out.append((h, body[body.find(it.heading) + len(it.heading):]))
    return out


def previous_overview_headings(previous: Report | None) -> list[str]:
    """Last year's 总体情况 sub-item headings (top level), markers and full stops removed."""
    return [h for h, _ in previous_overview_items(previous)]
