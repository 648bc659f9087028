"""Draft the narrative sections one by one: gather, prompt, generate, substitute, check.

The model (when configured and reachable) or the template drafter writes placeholders;
both outputs go through the same substitution and checks. If the endpoint is missing or
unreachable the drafter says so and falls back to the template for the remaining sections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..report.model import Report
from ..settings import Settings
from .assertions import Support, ids_in
from .checks import check_draft, number_support
from .evidence import LateReply
from .factbook import FEE_KEYS
from .facts import Fact
from .figures import Figure, FigureSet, build_figures
from .form import check_form, repair
from .lastyear import listed_problems, same_agency
from .llm import ChatClient, LLMUnavailable
from .outline import SECTION_ORDER, figures_for, overview_sub_items
from .placeholders import StreamSubstituter, substitute
from .prompts import (
    CONTEXTS,
    ContactLine,
    FigureLine,
    RevisionContext,
    SourceLine,
    SystemContext,
    prompt_version,
    render,
    render_messages,
)
from .result import SectionDraft
from .sources import Retriever, Source, citations_for, gather_sources
from .store import DraftStore
from .template import TemplateDrafter, contact_of, previous_narrative, previous_overview_headings

Notify = Callable[[str], None]


class Drafter:
    def __init__(
        self,
        report: Report,
        *,
        previous: Report | None = None,
        facts: Iterable[Fact] = (),
        retriever: Retriever | None = None,
        chat: ChatClient | None = None,
        store: DraftStore | None = None,
        notes: dict[str, str] | None = None,
        on_token: Callable[[str, str], None] | None = None,
        notify: Notify | None = None,
        late: list[LateReply] | None = None,
        ask_again: bool = False,
    ):
        self.report = report
        self.previous = previous
        self.facts = list(facts)
        self.late = late  # None: no ledger given
        self.ask_again = ask_again  # a model's draft with findings is asked for once more
        self.figures: FigureSet = build_figures(report, previous, self.facts)
        if late is not None:
            from decimal import Decimal

            self.figures.add(Figure("ledger.late_replies", Decimal(len(late)), "count", "ledger",
                                    "台账中答复超过法定期限（含延长期限）的申请件数"))
        self.retriever = retriever
        self.chat = chat
        self.store = store
        self.notes = notes or {}
        self.on_token = on_token
        self.notify = notify or (lambda message: None)
        self.version = prompt_version()
        self.fallback_reason: str | None = None
        self._template = TemplateDrafter(report, self.figures, self.facts, previous, late)
        # Facts the catalogue does not know and the file gives no section: listed, never placed.
        self.unplaced = [f for f in self.facts if f.place is None]
        if self.unplaced:
            listed = "、".join(f"{f.key}（{f.description or '无说明'}）" for f in self.unplaced)
            self.notify(f"以下事实数据不知道应写在哪一部分，未写入草稿：{listed}；"
                        "请在事实数据文件中用 section 注明位置（如 overview.platform 或「平台建设」）")

    # -- support ---------------------------------------------------------------------
    def support(self, section: str) -> Support:
        """What each assertion may rest on: facts, the ledger, the staff's notes, last year's text."""
        from .assertions import BY_ID

        s = Support()
        for f in self.facts:
            claims = set(f.kind.claims if f.kind else ()) | ids_in(f.description)
            if f.key in FEE_KEYS:
                claims.add("fee")
            s.add(sorted(claims), f"事实数据 {f.key}")
        if self.late is not None:
            s.add(["on_time"] if not self.late else [], "台账")
        note = self.notes.get(section)
        if note:
            s.add(sorted(ids_in(note)), "工作人员补充说明")
        if self.previous is not None and same_agency(self.previous.agency, self.report.agency):
            s.last_year = ids_in(previous_narrative(self.previous)) & set(BY_ID)
        return s

    # -- inputs ----------------------------------------------------------------------
    def sources(self, section: str) -> list[Source]:
        try:
            found = gather_sources(self.retriever, self.report, section)
        except Exception as exc:  # noqa: BLE001 - a broken index must not stop drafting
            self.notify(f"检索参考材料失败（{exc}），本节不使用参考材料")
            self.retriever = None
            found = []
        own = self._previous_source(section)
        if own is not None and not any(s.kind == "own" and s.year == own.year for s in found):
            found = [own] + found
        return [s.model_copy(update={"n": i}) for i, s in enumerate(found, start=1)]

    def _previous_source(self, section: str) -> Source | None:
        """Last year's text of this section (from --previous) when the index did not offer it."""
        prev = self.previous
        if prev is None or not same_agency(prev.agency, self.report.agency) or not prev.sections.text(section).strip():
            return None
        text = prev.sections.text(section).strip()
        if len(text) > 600:
            text = text[:599] + "…"
        return Source(n=0, kind="own", source=prev.source or prev.title, agency=prev.agency, year=prev.year,
                      part=section, text=text)

    def context(self, section: str, sources: list[Source]):
        r = self.report
        common = dict(
            agency=r.agency,
            issuer_kind=r.issuer_kind,
            is_government=r.is_government,
            year=r.year,
            previous_year=r.year - 1,
            figures=[FigureLine(key=f.key, value=f.text, description=f.description)
                     for f in figures_for(section, self.figures)],
            sources=[SourceLine(n=s.n, label=s.label, text=s.text) for s in sources],
            notes=self.notes.get(section),
        )
        extra: dict = {}
        if section == "intro":
            c = contact_of(r, self.previous)
            extra["contact"] = ContactLine(**(c.model_dump(include={"address", "phone", "postcode", "website"})
                                              if c else {}))
        elif section == "overview":
            extra["sub_items"] = overview_sub_items(r)
            extra["previous_headings"] = previous_overview_headings(self.previous)
        elif section == "problems":
            own = self.previous is not None and same_agency(self.previous.agency, r.agency)
            extra["previous_problems"] = self.previous.sections.problems if own else None
            extra["previous_listed"] = listed_problems(self.previous.sections.problems) if own else []
        elif section == "other":
            fee = next((f for f in self.facts if f.key in FEE_KEYS), None)
            extra["fee_charged"] = None if fee is None else fee.value > 0
        return CONTEXTS[section](**common, **extra)

    def messages(self, section: str, sources: list[Source]) -> tuple[str, str]:
        system = SystemContext(agency=self.report.agency, short_name=self.report.agency,
                               year=self.report.year, previous_year=self.report.year - 1)
        return render_messages(section, system, self.context(section, sources))

    # -- drafting --------------------------------------------------------------------
    def draft(self, section: str) -> SectionDraft:
        if section not in SECTION_ORDER:
            raise ValueError(section)
        sources = self.sources(section)
        notice = None
        if self.chat is not None:
            system, user = self.messages(section, sources)
            try:
                shown = StreamSubstituter(self.figures)
                tokens = (lambda piece: self.on_token(section, shown.feed(piece))) if self.on_token else None
                gen = self.chat.generate(system, user, tokens)
                if self.on_token and (rest := shown.flush()):
                    self.on_token(section, rest)
                if self.ask_again:
                    gen = self._continue(section, system, user, gen)
                gen.text = gen.text.strip()
            except LLMUnavailable as exc:
                self.fallback_reason = exc.reason
                self.chat = None
                notice = f"{exc.reason}，本节及以后各节改用模板起草"
                self.notify(notice)
            else:
                draft = self._finish(section, "llm", gen.text, sources, complete=gen.complete,
                                     notice=None if gen.complete else f"{gen.error}，已保留已生成的部分文字")
                if not gen.complete:
                    self.notify(f"「{section}」{draft.notice}")
                if gen.interrupted:
                    if self.store is not None:
                        self.notify(f"已生成的部分保存在 {self.store.dir}")
                    raise KeyboardInterrupt
                if self.ask_again and any(f.code in ASK_AGAIN_CODES for f in draft.findings):
                    draft = self._revise(section, system, user, draft, sources)
                return draft
        if notice is None and self.fallback_reason:
            notice = f"{self.fallback_reason}，已改用模板起草"
        raw = self._template.draft(section)
        template_sources = [s for s in sources if s.kind == "regulation"]
        return self._finish(section, "template", raw, template_sources, notice=notice, cite_all=True)

    def _continue(self, section: str, system: str, user: str, gen):
        """A draft cut at the output limit is continued (up to MAX_CONTINUATIONS times) instead of
        delivered as a fragment; an endpoint lost on the way keeps what was written."""
        from .prompts import ContinuationContext

        for _ in range(MAX_CONTINUATIONS):
            if gen.complete or not gen.cut_for_length or gen.interrupted:
                break
            self.notify(f"「{section}」草稿达到长度上限，已请大模型接着写")
            ask = render("continue", ContinuationContext(draft=gen.text))
            try:
                more = self.chat.generate(system, user + "\n\n" + ask, None)
            except LLMUnavailable as exc:
                self.notify(f"续写时{exc.reason}，保留已写出的部分")
                break
            more.text = gen.text + more.text
            gen = more
        return gen

    def _revise(self, section: str, system: str, user: str, first: SectionDraft,
                sources: list[Source]) -> SectionDraft:
        """Ask the model once more with the findings in plain Chinese; the result keeps both
        attempts' findings. An endpoint lost on the way keeps the first draft."""
        problems = [f.message for f in first.findings if f.code in ASK_AGAIN_CODES]
        ask = render("revise", RevisionContext(year=self.report.year, draft=first.raw, problems=problems))
        self.notify(f"「{section}」草稿有 {len(problems)} 处问题，已请大模型按检查结果重写一次")
        try:
            gen = self.chat.generate(system, user + "\n\n" + ask, None)
        except LLMUnavailable as exc:
            self.notify(f"重写时{exc.reason}，保留第一稿")
            return first
        second = self._finish(section, "llm", gen.text.strip(), sources, complete=gen.complete,
                              notice=None if gen.complete else f"{gen.error}，已保留已生成的部分文字")
        second.earlier_findings = list(first.findings)
        second.notice = (second.notice + "；" if second.notice else "") + \
            f"已按检查结果请大模型重写一次（第一稿有 {len(first.findings)} 条提示）"
        return second

    def draft_all(self, sections: Iterable[str] = SECTION_ORDER) -> list[SectionDraft]:
        return [self.draft(s) for s in sections]

    def _report_rules(self, section: str, text: str):
        findings = _rule_findings(self.report, self.previous, section, text)
        # S-GOV-ASSESSMENT looks at the whole report: only the overview draft is asked to cover it
        return [f for f in findings if f.code != "S-GOV-ASSESSMENT" or section == "overview"]

    def _finish(self, section: str, mode: str, raw: str, sources: list[Source], *, complete: bool = True,
                notice: str | None = None, cite_all: bool = False) -> SectionDraft:
        fixed, repairs = repair(raw)  # harmless Markdown made 公文 form, and said so
        sub = substitute(fixed, self.figures)
        # Compared with all of last year's narrative, as N-SIMILAR-LAST-YEAR does; the opening
        # paragraph is a prescribed formula, the same every year, and is not checked.
        previous_text = previous_narrative(self.previous) if section != "intro" else None
        literals = [self.report.agency]
        contact = contact_of(self.report, self.previous)
        if contact:
            literals += [v for v in contact.model_dump().values() if v]
        support = self.support(section)
        findings = check_draft(section, sub, self.figures, source_count=len(sources),
                               previous_text=previous_text, literals=literals, support=support,
                               report=self.report)
        own = self.previous if self.previous is not None and same_agency(self.previous.agency,
                                                                          self.report.agency) else None
        # the length is compared for a model's draft only: the template's follows the facts given
        findings += check_form(sub.text, section,
                               own.sections.text(section) if own is not None and mode == "llm" else None)
        rules = self._report_rules(section, sub.text)
        stale = [(f.span.start, f.span.end) for f in rules if f.code == "N-STALE-YEAR" and f.span is not None]
        # one fact, one finding: a year N-STALE-YEAR names (another year written as this one) is its
        findings = [f for f in findings if not (f.code == "NUM-YEAR" and f.span is not None and any(
            f.span.start < e and s < f.span.end for s, e in stale))] + rules
        if not complete:
            from ..validate.catalogue import make

            findings.insert(0, make("DRAFT-INCOMPLETE", reason=notice or ""))
        citations = [s.citation() for s in sources] if cite_all else citations_for(sub.text, sources)
        reused = [h for h in previous_overview_headings(self.previous) if h in sub.text] \
            if mode == "template" and section == "overview" else []
        if reused:
            citations.append({
                "n": None, "kind": "previous", "source": self.previous.source or self.previous.title,
                "agency": self.previous.agency, "year": self.previous.year, "part": "overview",
                "part_name": "总体情况（沿用的小标题）", "article": None, "passage": "；".join(reused),
            })
        if self.late and section == "problems":
            citations.append({
                "n": None, "kind": "ledger", "source": "台账", "agency": self.report.agency, "year": self.report.year,
                "part": None, "part_name": "答复超过法定期限的申请", "article": None,
                "passage": "；".join(f"{x.id}（{x.received.isoformat()}收到，"
                                    f"{x.answered.isoformat() + '答复' if x.answered else '年底仍未答复'}，"
                                    f"期限至{x.deadline.isoformat()}）" for x in self.late),
            })
        if repairs:
            notice = (notice + "；" if notice else "") + "已自动调整格式：" + "，".join(repairs)
        if any(f.code == "DRAFT-CLAIM-LAST-YEAR" for f in findings):
            notice = (notice + "；" if notice else "") + "部分表述沿用上年表述，请核实"
        draft = SectionDraft(
            section=section,
            mode=mode,  # type: ignore[arg-type]
            text=sub.text,
            raw=raw,
            citations=citations,
            placeholders=sub.used,
            findings=findings,
            model=self.chat.name if mode == "llm" and self.chat else None,
            prompt_version=self.version,
            complete=complete,
            notice=notice or ("模板起草稿：请结合实际修改后使用" if mode == "template" else None),
            claims={i: src for i in sorted(ids_in(sub.text)) if (src := support.source_of(i))},
            unplaced_facts=[f.key for f in self.unplaced],
            numbers=number_support(sub.text, self.figures, literals, sub.filled),
            literals=[x for x in literals if x],
            repairs=repairs,
        )
        if self.store is not None:
            self.store.save(draft)
        return draft


# A draft cut at the output limit is continued at most this many times.
MAX_CONTINUATIONS = 2

# Findings a model can put right when told in plain words (not a missing source or a length).
ASK_AGAIN_CODES = {
    "NUM-CONCEPT", "NUM-UNSUPPORTED", "NUM-YEAR", "PLACEHOLDER-UNKNOWN", "CITE-UNKNOWN", "N-STALE-YEAR",
    "FORM-MARKDOWN", "FORM-DATA-BLOCK", "FORM-ENGLISH", "FORM-EMOJI", "FORM-HEADING",
}

# The validator's own text rules, run on the report with this draft in place: another year
# spoken of as this one, a missing required statement. A row named with the wrong number is
# NUM-CONCEPT's (checks.py reads it with the same reader, sure that the draft is this office's).
SECTION_RULES = {
    "overview": {"S-GOV-ASSESSMENT"},
    "problems": {"S-PROBLEMS-EMPTY"},
    "other": {"S-FEE-REPORT"},
}
ALL_SECTION_RULES = {"N-STALE-YEAR"}


def _rule_findings(report: Report, previous: Report | None, section: str, text: str):
    from ..validate import validate

    trial = report.model_copy(deep=True)
    setattr(trial.sections, section, text)
    codes = ALL_SECTION_RULES | SECTION_RULES.get(section, set())
    return [f for f in validate(trial, previous, codes=codes) if f.span is None or f.span.section == section]


class QueryCache:
    """Wraps the index's embedder: each section asks its own and its peers' reports the same
    question, so the query vector is computed once. Created lazily, like the index does."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._inner = None
        self._queries: dict[str, list[float]] = {}

    @property
    def inner(self):
        if self._inner is None:
            from ..retrieval.embedders import make_embedder

            self._inner = make_embedder(self.settings)
        return self._inner

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        if text not in self._queries:
            self._queries[text] = self.inner.embed_query(text)
        return self._queries[text]


def default_retriever(settings: Settings, notify: Notify | None = None) -> Retriever | None:
    """The workspace index when it exists and is usable; None means draft without sources."""
    try:
        from ..retrieval.index import Index  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        return Index(settings, embedder=QueryCache(settings))
    except Exception as exc:  # noqa: BLE001
        if notify:
            notify(f"检索库不可用（{exc}），起草时不使用参考材料")
        return None


def default_chat(settings: Settings, *, offline: bool, notify: Notify | None = None) -> ChatClient | None:
    from .llm import configured

    if offline:
        return None
    if not configured(settings):
        if notify:
            notify("未配置大模型（NIANBAO_LLM_BASE_URL、NIANBAO_LLM_MODEL），使用模板起草")
        return None
    return ChatClient.from_settings(settings)
