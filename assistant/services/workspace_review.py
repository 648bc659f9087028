"""The review: suggestions (from people and from drafting), accept / edit / reject, comments.

Accepting runs the validator on the result and returns its findings. A change always
names the section revision it was based on (`base`); when the section has moved on it
is refused with the newer text (`ConflictError`, status 409) and nothing is lost.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from sqlalchemy import select

from ..drafting.result import SectionDraft
from ..settings import Settings
from ..validate import summarize, validate
from ..workspace import review
from ..workspace.models import PENDING, SUGGESTION_STATUSES, AuditEntry, Comment, Section, Suggestion
from ..workspace.scope import Actor
from ..workspace.texts import char_diff
from ..workspace.views import (
    AcceptResult,
    AuditView,
    CommentView,
    DiffRun,
    SuggestionView,
    comment_views,
    names,
    suggestion_view,
)
from .workspace import store

ConflictError = review.ConflictError


def list_suggestions(
    settings: Settings, user: str | None, ref: str, *, status: str | None = PENDING, section: str | None = None
) -> list[SuggestionView]:
    if status is not None and status not in SUGGESTION_STATUSES:
        from ..errors import NianbaoError

        raise NianbaoError(f"没有「{status}」这个状态，可用的有：{'、'.join(SUGGESTION_STATUSES)}")
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        query = select(Suggestion).join(Section, Section.id == Suggestion.section_id).where(Section.report_id == row.id)
        if status is not None:
            query = query.where(Suggestion.status == status)
        if section is not None:
            query = query.where(Section.id == actor.section(session, row, section).id)
        return [suggestion_view(session, s) for s in session.scalars(query.order_by(Suggestion.id))]


def show(settings: Settings, user: str | None, suggestion_id: int) -> SuggestionView:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        return suggestion_view(session, actor.suggestion(session, suggestion_id), with_comments=True)


def diff(settings: Settings, user: str | None, suggestion_id: int) -> tuple[SuggestionView, str, list[DiffRun]]:
    """The suggestion against its section's current text: (suggestion, current text, diff runs)."""
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        sug = actor.suggestion(session, suggestion_id)
        current = review.current_revision(session, sug.section).text
        view = suggestion_view(session, sug)
    if view.status != PENDING:
        return view, current, view.diff
    result = current[: view.start] + view.new_text + current[view.end :]
    return view, current, [DiffRun(op=op, text=t) for op, t in char_diff(current, result)]


def suggest(
    settings: Settings, user: str | None, ref: str, section: str, new_text: str, *, base: int | None = None,
    start: int | None = None, end: int | None = None,
) -> SuggestionView:
    """A person proposes a text for [start, end) of revision `base` (default: the current one, whole)."""
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        sec = actor.section(session, row, section)
        sug = review.suggest(session, actor, sec, sec.version if base is None else base, new_text, start=start, end=end)
        return suggestion_view(session, sug)


def suggest_drafts(
    settings: Settings, user: str | None, ref: str, drafts: Iterable[SectionDraft], *, base: dict[str, int] | None = None,
    spans: dict[str, tuple[int, int]] | None = None,
) -> list[SuggestionView]:
    """Drafts (template or LLM) land as suggestions replacing their section; never as edits.

    `base`: the revision of each section the drafts were made from (default: the current).
    `spans`: a draft of one passage replaces only [start, end) of that revision (the chat's
    rewrite of a selected passage). Incomplete or empty drafts are not suggested.
    """
    out = []
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        for draft in drafts:
            if not draft.complete or not draft.text.strip():
                continue
            sec = actor.section(session, row, draft.section)
            span = (spans or {}).get(draft.section)
            sug = review.suggest(
                session, actor, sec, (base or {}).get(draft.section, sec.version), draft.text,
                source="llm" if draft.mode == "llm" else "template", model=draft.model,
                prompt_version=draft.prompt_version, citations=draft.citations,
                findings=[f.to_json() for f in draft.findings],
                start=span[0] if span else None, end=span[1] if span else None,
            )
            out.append(suggestion_view(session, sug))
    return out


def _accept(
    settings: Settings, user: str | None, suggestion_id: int, base: int, *, edited_text: str | None,
    override: str | None,
) -> AcceptResult:
    started = time.perf_counter()
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        sug = actor.suggestion(session, suggestion_id)
        before = {s.id for s in session.scalars(select(Suggestion).where(
            Suggestion.section_id == sug.section_id, Suggestion.status == PENDING))}
        rev = review.accept(session, actor, sug, base, edited_text=edited_text, override=override)
        stale = [
            s.id for s in session.scalars(select(Suggestion).where(Suggestion.id.in_(before), Suggestion.status == "已过时"))
        ]
        view = suggestion_view(session, sug)
        report_row = sug.section.report
        report, previous = review.to_model(session, report_row), review.previous_model(session, report_row)
    saved = time.perf_counter()
    findings = validate(report, previous)
    return AcceptResult(
        suggestion=view, revision=rev.number, text=rev.text, stale=stale,
        findings=[f.to_json() for f in findings], summary=summarize(findings),
        seconds=saved - started, check_seconds=time.perf_counter() - saved,
    )


def accept(
    settings: Settings, user: str | None, suggestion_id: int, *, base: int, override: str | None = None
) -> AcceptResult:
    """Accept as proposed. `base`: the section revision the reviewer saw the suggestion against."""
    return _accept(settings, user, suggestion_id, base, edited_text=None, override=override)


def accept_edited(
    settings: Settings, user: str | None, suggestion_id: int, text: str, *, base: int, override: str | None = None
) -> AcceptResult:
    """修改后采纳: the reviewer's version of the proposed text replaces the quoted span."""
    return _accept(settings, user, suggestion_id, base, edited_text=text, override=override)


def reject(settings: Settings, user: str | None, suggestion_id: int, *, reason: str | None = None) -> SuggestionView:
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        sug = actor.suggestion(session, suggestion_id)
        review.reject(session, actor, sug, reason)
        return suggestion_view(session, sug)


def comment(
    settings: Settings, user: str | None, text: str, *, suggestion_id: int | None = None, ref: str | None = None,
    section: str | None = None, start: int | None = None, end: int | None = None,
) -> CommentView:
    """A comment on a suggestion, or on a span of a section's current text."""
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        if suggestion_id is not None:
            sug = actor.suggestion(session, suggestion_id)
            row = review.comment(session, actor, sug.section.report, text, suggestion=sug)
        else:
            from ..errors import NianbaoError

            if ref is None or section is None:
                raise NianbaoError("请指明修改建议编号，或报告和部分")
            report = actor.report(session, ref)
            row = review.comment(
                session, actor, report, text, section=actor.section(session, report, section), start=start, end=end
            )
        return comment_views(session, [row])[0]


def comments(settings: Settings, user: str | None, ref: str) -> list[CommentView]:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        return comment_views(session, list(session.scalars(select(Comment).where(Comment.report_id == row.id).order_by(Comment.id))))


def audit_log(settings: Settings, user: str | None, ref: str) -> list[AuditView]:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.report_id == row.id).order_by(AuditEntry.id)))
        who = names(session, {e.user_id for e in entries})
        return [
            AuditView(
                at=e.at, user=who.get(e.user_id), action=e.action, entity=e.entity, entity_id=e.entity_id,
                hash_before=e.hash_before, hash_after=e.hash_after, detail=e.detail or {},
            )
            for e in entries
        ]


def draft(
    settings: Settings, user: str | None, ref: str, *, sections: Iterable[str] | None = None,
    facts: list | None = None, notes: dict[str, str] | None = None, offline: bool = False,
    notify=None, on_token=None,
) -> list[SuggestionView]:
    """Draft sections of a workspace report (model or template) and land them as suggestions.

    The drafting service does the writing; last year's report comes from the workspace. Each
    suggestion is anchored on the revision the draft was made from, so text changed while
    the model was writing is never overwritten.
    """
    from ..drafting.outline import SECTION_ORDER
    from . import draft as drafting
    from .workspace_reports import load, show as current

    with store(settings).read() as session:
        actor = Actor.load(session, user)
        actor.require("report.write")
    report, previous = load(settings, user, ref)
    versions = {s.key: s.version for s in current(settings, user, ref).sections}
    drafts = drafting.draft_sections(
        settings, report, sections=tuple(sections or SECTION_ORDER), previous=previous, facts=facts or [],
        notes=notes, offline=offline, notify=notify, on_token=on_token,
    )
    return suggest_drafts(settings, user, ref, drafts, base=versions)


def export_docx(settings: Settings, user: str | None, ref: str, output) -> tuple:
    """The review copy: the report as DOCX with every pending suggestion as a tracked change.

    Returns (path, tracked suggestion ids, {skipped id: why}).
    """
    from pathlib import Path

    from ..render import render
    from ..report.io import write_atomic
    from ..workspace import docx_review

    with store(settings).read() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        report = review.to_model(session, row)
        changes = []
        versions = {sec.key: sec.version for sec in review.sections(session, row)}
        for sec in review.sections(session, row):
            current = review.current_revision(session, sec)
            for sug in session.scalars(
                select(Suggestion).where(Suggestion.section_id == sec.id, Suggestion.status == PENDING)
                .order_by(Suggestion.id)
            ):
                if sug.anchor_revision_id != current.id:  # pragma: no cover - re-anchored on every change
                    continue
                view = suggestion_view(session, sug, with_comments=True)
                changes.append(docx_review.Change(
                    id=sug.id, section=sec.key, start=sug.start, end=sug.end, new_text=sug.new_text,
                    author=_author(view), date=sug.created_at, note=_note(view),
                ))
    data = render(report, "docx", draft=True)
    tracked = [c.id for c in changes]  # skipped ones are removed below
    outcome = docx_review.track(data, report, changes, {"report": row.id, "versions": versions, "tracked": tracked})
    write_atomic(Path(output), outcome.data)
    return Path(output), outcome.tracked, outcome.skipped


def _author(view: SuggestionView) -> str:
    if view.source == "llm":
        return f"{view.author or '大模型'}（大模型 {view.model}）"
    if view.source == "template":
        return f"{view.author or '模板'}（模板起草）"
    return view.author or "—"


def _note(view: SuggestionView) -> str:
    lines = [f"修改建议 #{view.id}（nianbao）"]
    for c in view.citations:
        lines.append(f"引用：{c.get('title') or c.get('source') or c}")
    for f in view.findings:
        lines.append(f"数字核对 {f.get('code')}：{f.get('message')}")
    for c in view.comments:
        lines.append(f"{c.author}：{c.text}")
    return "\n".join(lines)


def import_docx(settings: Settings, user: str | None, data: bytes) -> dict:
    """Read back a review copy a reviewer worked on in Word/WPS (see workspace.docx_import).

    Returns {"report", "accepted", "rejected", "edited", "pending", "unmatched"}.
    """
    from ..errors import NianbaoError
    from ..render.outline import heading_of
    from ..report.format import SECTION_KEYS
    from ..workspace import docx_import

    with store(settings).read() as session:
        actor = Actor.load(session, user)
        actor.require("review.decide")
    # headings as printed: read the file once to learn the report, then check it is the user's
    probe = docx_import.read(data, {}, list(SECTION_KEYS))
    with store(settings).read() as session:
        row = actor.report(session, probe.report_id)
        ref = str(row.id)
        report = review.to_model(session, row)
        secs = {s.key: s for s in review.sections(session, row)}
        moved = [k for k, v in probe.versions.items() if k in secs and secs[k].version != v]
        if moved:
            raise NianbaoError(
                f"审阅稿导出后，这些部分已有新的版本：{'、'.join(moved)}；为免覆盖他人的修改，请重新导出后再审阅",
                status=409,
            )
        current = {k: review.current_revision(session, s).text for k, s in secs.items()}
        pending = {
            s.id: s for s in session.scalars(
                select(Suggestion).where(Suggestion.section_id.in_([s.id for s in secs.values()]),
                                         Suggestion.status == PENDING)
            )
        }
        keys = {s.id: k for k, s in secs.items()}
        headings = {k: heading_of(report, k) for k in SECTION_KEYS if k != "intro"}
    reading = docx_import.read(data, headings, list(SECTION_KEYS))
    result: dict = {"report": f"{report.agency}/{report.year}", "accepted": [], "rejected": [], "edited": [],
                    "pending": sorted(reading.still_tracked & set(pending)), "unmatched": []}
    for key in SECTION_KEYS:
        decided = [s for i, s in pending.items() if keys[s.section_id] == key
                   and i in reading.tracked and i not in reading.still_tracked]
        returned = reading.sections.get(key, "")
        if not decided and docx_import.normal(current[key]) == returned:
            continue
        step = docx_import.plan(key, current[key], returned, decided)
        result["unmatched"] += step.unmatched
        for sid in step.accept:
            try:
                base = show(settings, user, sid).anchor_revision
                accept(settings, user, sid, base=base)
                result["accepted"].append(sid)
            except NianbaoError as error:
                result["unmatched"].append(f"修改建议 #{sid}：{error.message}")
        for sid in step.reject:
            reject(settings, user, sid, reason="在 Word 审阅稿中拒绝")
            result["rejected"].append(sid)
        for section, text in step.edits.items():
            from .workspace_reports import edit_section
            from .workspace_reports import show as show_report

            version = next(s.version for s in show_report(settings, user, ref).sections if s.key == section)
            edit_section(settings, user, ref, section, text, base=version, note="在 Word 审阅稿中直接修改")
            result["edited"].append(section)
    return result
