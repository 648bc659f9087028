"""The review rules, inside one database transaction each (the services open it).

- A section's text changes only by a new revision: an accepted suggestion or a person's
  direct edit. Every change names the revision it was based on; the section's version is
  checked in the same UPDATE that moves it on, so of two changes made against the same
  revision exactly one wins and the other is refused with the newer text.
- After every new revision the section's pending suggestions are re-anchored by their
  quoted text; one whose quote is gone becomes 已过时, never applied somewhere else.
- Drafting never changes a section: it adds suggestions.
- A 定稿 report is read-only until a 管理员 reopens it; only a 审核人 finalizes.

Lock order (PostgreSQL): report row (shared), then section, then suggestions, so two
reviewers never wait on each other in a circle.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..errors import NianbaoError
from ..report.cells import CellValue, format_number
from ..report.format import SECTION_KEYS, SECTION_LABELS
from ..report.model import Contact, Report, Sections
from . import audit
from .models import (
    ACCEPTED,
    ACCEPTED_EDITED,
    DRAFTING,
    FINAL,
    IN_REVIEW,
    PENDING,
    REJECTED,
    STALE,
    Agency,
    Cell,
    ReportRow,
    Revision,
    Section,
    Suggestion,
    utcnow,
)
from .scope import Actor
from .texts import Quote, apply, reanchor, text_hash

BLOCKING_SEVERITIES = ("error", "inconsistency")


class ConflictError(NianbaoError):
    """The section moved on since the change was prepared: nothing was written."""

    def __init__(self, message: str, *, section: str, current_version: int, current_text: str) -> None:
        super().__init__(message, status=409, details=[f"现在的文字（第 {current_version} 版）：{current_text}"])
        self.section = section
        self.current_version = current_version
        self.current_text = current_text


def section_label(key: str) -> str:
    return SECTION_LABELS.get(key, key)


# -- reading -------------------------------------------------------------------------------


def current_revision(session: Session, section: Section) -> Revision:
    return session.scalars(
        select(Revision).where(Revision.section_id == section.id, Revision.number == section.version)
    ).one()


def revision(session: Session, section: Section, number: int) -> Revision:
    row = session.scalar(select(Revision).where(Revision.section_id == section.id, Revision.number == number))
    if row is None:
        raise NianbaoError(f"「{section_label(section.key)}」没有第 {number} 版", status=404)
    return row


def sections(session: Session, report: ReportRow) -> list[Section]:
    rows = {s.key: s for s in session.scalars(select(Section).where(Section.report_id == report.id))}
    return [rows[k] for k in SECTION_KEYS if k in rows]


def to_model(session: Session, report: ReportRow) -> Report:
    """The report as the typed model the validator and the renderers take."""
    cells = {
        c.key: CellValue(number=_decimal(c.number)) if c.number is not None else CellValue.na(c.na_mark or "/")
        for c in session.scalars(select(Cell).where(Cell.report_id == report.id))
    }
    provenance = {
        c.key: c.provenance
        for c in session.scalars(select(Cell).where(Cell.report_id == report.id))
        if c.provenance
    }
    texts = {s.key: current_revision(session, s).text for s in sections(session, report)}
    meta = dict(report.meta or {})
    return Report(
        agency=report.agency.name,
        issuer_kind=report.agency.issuer_kind,  # type: ignore[arg-type]
        year=report.year,
        format=report.format,  # type: ignore[arg-type]
        published=dt.date.fromisoformat(meta["published"]) if meta.get("published") else None,
        contact=Contact(**meta["contact"]) if meta.get("contact") else None,
        source=meta.get("source"),
        cells=cells,
        sections=Sections(**texts),
        headings=meta.get("headings") or {},
        provenance=provenance,
    )


def previous_model(session: Session, report: ReportRow) -> Report | None:
    """Last year's report of the same agency, when the workspace has it."""
    row = session.scalar(
        select(ReportRow).where(ReportRow.agency_id == report.agency_id, ReportRow.year == report.year - 1)
    )
    return to_model(session, row) if row is not None else None


def _decimal(text: str):
    from decimal import Decimal

    return Decimal(text)


# -- guards --------------------------------------------------------------------------------


def writable(session: Session, actor: Actor, report: ReportRow, action: str = "report.write") -> None:
    """The user may change the report now: role, and not 定稿 (row share-locked till commit)."""
    actor.require(action)
    session.execute(select(ReportRow.id).where(ReportRow.id == report.id).with_for_update(read=True))
    session.refresh(report, ["status", "version"])
    if report.status == FINAL:
        raise NianbaoError(
            f"报告「{report.agency.name}/{report.year}」已定稿，不能修改；需要修改请由管理员重新打开", status=409
        )


# -- creating -------------------------------------------------------------------------------


def create_report(
    session: Session, actor: Actor, agency: Agency, report: Report, *, source: str = "person"
) -> ReportRow:
    actor.require("report.create")
    if report.agency != agency.name:
        report = report.model_copy(update={"agency": agency.name})
    exists = session.scalar(select(ReportRow.id).where(ReportRow.agency_id == agency.id, ReportRow.year == report.year))
    if exists is not None:
        raise NianbaoError(f"「{agency.name}」的 {report.year} 年度报告已经存在（编号 {exists}）", status=409)
    row = ReportRow(agency_id=agency.id, year=report.year, format=report.format.value, status=DRAFTING, meta=_meta(report))
    session.add(row)
    session.flush()
    for key, cell in report.cells.items():
        if not cell.is_blank:
            session.add(_cell_row(row, key, cell, report.provenance.get(key) or {}, actor))
    for key in SECTION_KEYS:
        section = Section(report_id=row.id, key=key, version=1)
        session.add(section)
        session.flush()
        body = report.sections.text(key)
        session.add(
            Revision(section_id=section.id, number=1, text=body, text_hash=text_hash(body), author_id=actor.id, source=source)
        )
    session.flush()
    session.refresh(row)
    audit.log(session, actor, "report.create", "report", row.id, report=row, year=report.year, source=source)
    return row


def _meta(report: Report) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if report.published:
        meta["published"] = report.published.isoformat()
    if report.contact:
        meta["contact"] = report.contact.model_dump(exclude_none=True)
    if report.source:
        meta["source"] = report.source
    if report.headings:
        meta["headings"] = dict(report.headings)
    return meta


def _cell_row(row: ReportRow, key: str, cell: CellValue, provenance: dict, actor: Actor) -> Cell:
    return Cell(
        report_id=row.id,
        key=key,
        number=format_number(cell.number) if cell.number is not None else None,
        na_mark=cell.na_mark,
        provenance=provenance,
        entered_by=actor.id,
    )


def set_cells(
    session: Session, actor: Actor, report: ReportRow, values: dict[str, CellValue], provenance: dict[str, dict],
    *, expected: dict[str, CellValue] | None = None,
) -> list[str]:
    """Enter cells (blank removes the value). Returns the keys that changed.

    `expected`: what each cell held when the change was prepared; refused if it moved on."""
    writable(session, actor, report)
    from ..report.format import cell_specs

    specs = cell_specs(report.format)  # type: ignore[arg-type]
    unknown = [k for k in values if k not in specs]
    if unknown:
        raise NianbaoError(f"{report.format} 版格式没有这些单元格：{'、'.join(unknown)}")
    existing = {c.key: c for c in session.scalars(select(Cell).where(Cell.report_id == report.id))}
    moved = [
        key for key, was in (expected or {}).items()
        if (None if was.is_blank else was.display()) != _cell_text(existing.get(key))
    ]
    if moved:
        raise NianbaoError(
            f"这些单元格已被他人修改，本次没有保存：{'、'.join(moved)}", status=409,
            details=[f"{k}：现在是「{_cell_text(existing.get(k)) or '空白'}」" for k in moved],
        )
    changed = []
    for key, cell in values.items():
        old = existing.get(key)
        old_text = _cell_text(old)
        new_text = None if cell.is_blank else cell.display()
        if old_text == new_text and (old is None or old.provenance == (provenance.get(key) or {})):
            continue
        if old is not None:
            session.delete(old)
            session.flush()
        if not cell.is_blank:
            session.add(_cell_row(report, key, cell, provenance.get(key) or {"kind": "person"}, actor))
        audit.log(session, actor, "cell.set", "cell", None, report=report, before=old_text, after=new_text, key=key)
        changed.append(key)
    return changed


def _cell_text(cell: Cell | None) -> str | None:
    return None if cell is None else (cell.number if cell.number is not None else cell.na_mark)


# -- changing a section -------------------------------------------------------------------


def _move_on(session: Session, section: Section, base: int, what: str) -> Revision:
    """Check-and-bump the version in one UPDATE; refused with the newer text when it moved."""
    result = session.execute(
        update(Section)
        .where(Section.id == section.id, Section.version == base)
        .values(version=base + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.refresh(section, ["version"])
        current = current_revision(session, section)
        raise ConflictError(
            f"「{section_label(section.key)}」已被他人修改（您依据的是第 {base} 版，现在是第 {current.number} 版），"
            f"{what}没有保存；请按现在的文字重新审核",
            section=section.key,
            current_version=current.number,
            current_text=current.text,
        )
    parent = revision(session, section, base)
    section.version = base + 1
    return parent


def _new_revision(
    session: Session,
    actor: Actor,
    section: Section,
    parent: Revision,
    text: str,
    *,
    source: str = "person",
    model: str | None = None,
    prompt_version: str | None = None,
    note: str | None = None,
) -> Revision:
    row = Revision(
        section_id=section.id,
        number=parent.number + 1,
        parent_id=parent.id,
        text=text,
        text_hash=text_hash(text),
        author_id=actor.id,
        source=source,
        model=model,
        prompt_version=prompt_version,
        note=note,
    )
    session.add(row)
    session.flush()
    return row


def reanchor_pending(session: Session, actor: Actor | None, section: Section, new: Revision, skip: int | None = None) -> list[int]:
    """Move the section's pending suggestions onto `new`; 已过时 when their quote is gone."""
    stale = []
    anchors: dict[int, Revision] = {}
    pending = session.scalars(
        select(Suggestion)
        .where(Suggestion.section_id == section.id, Suggestion.status == PENDING, Suggestion.id != (skip or -1))
        .order_by(Suggestion.id)
    )
    for sug in pending:
        if sug.anchor_revision_id == new.id:
            continue
        old = anchors.get(sug.anchor_revision_id) or session.get(Revision, sug.anchor_revision_id)
        anchors[old.id] = old
        span = reanchor(Quote(sug.start, sug.end, sug.quote, sug.before, sug.after), old.text, new.text)
        if span is None:
            sug.status = STALE
            sug.resolved_at = utcnow()
            stale.append(sug.id)
            audit.log(session, actor, "suggestion.stale", "suggestion", sug.id, report=section.report, revision=new.number)
        else:
            sug.anchor_revision_id = new.id
            sug.start, sug.end, sug.before, sug.after = span.start, span.end, span.before, span.after
    session.flush()
    return stale


def edit_section(session: Session, actor: Actor, section: Section, base: int, text: str, note: str | None = None) -> Revision:
    """A person's direct edit of a section, based on revision `base`."""
    writable(session, actor, section.report)
    parent = _move_on(session, section, base, "您的修改")
    if parent.text == text:
        raise NianbaoError(f"「{section_label(section.key)}」的文字没有变化，未保存")
    row = _new_revision(session, actor, section, parent, text, note=note)
    reanchor_pending(session, actor, section, row)
    audit.log(
        session, actor, "section.edit", "section", section.id, report=section.report, before=parent.text, after=text,
        section=section.key, revision=row.number,
    )
    return row


def suggest(
    session: Session,
    actor: Actor,
    section: Section,
    base: int,
    new_text: str,
    *,
    start: int | None = None,
    end: int | None = None,
    source: str = "person",
    model: str | None = None,
    prompt_version: str | None = None,
    citations: list[Any] | None = None,
    findings: list[dict[str, Any]] | None = None,
) -> Suggestion:
    """A proposed replacement of [start, end) of revision `base` (the whole text by default)."""
    writable(session, actor, section.report)
    against = revision(session, section, base)
    start = 0 if start is None else start
    end = len(against.text) if end is None else end
    if not 0 <= start <= end <= len(against.text):
        raise NianbaoError(f"修改范围 {start}–{end} 超出了第 {base} 版文字（共 {len(against.text)} 字）")
    span = Quote.of(against.text, start, end)
    if span.quote == new_text:
        raise NianbaoError("建议的文字与原文相同")
    sug = Suggestion(
        section_id=section.id,
        base_revision_id=against.id,
        anchor_revision_id=against.id,
        start=span.start,
        end=span.end,
        quote=span.quote,
        before=span.before,
        after=span.after,
        new_text=new_text,
        citations=citations or [],
        findings=findings or [],
        source=source,
        author_id=actor.id,
        model=model,
        prompt_version=prompt_version,
        status=PENDING,
    )
    session.add(sug)
    session.flush()
    if against.number != section.version:  # made against an older text: anchor it now
        reanchor_pending(session, actor, section, current_revision(session, section))
    audit.log(
        session, actor, "suggestion.create", "suggestion", sug.id, report=section.report, before=span.quote,
        after=new_text, section=section.key, source=source, model=model,
    )
    return sug


def blocking_findings(sug: Suggestion, applied: str) -> list[dict[str, Any]]:
    """Number-check findings that still stand in the text to be applied."""
    found = []
    for f in sug.findings or []:
        if f.get("severity") not in BLOCKING_SEVERITIES:
            continue
        raw = (f.get("args") or {}).get("raw")
        if applied == sug.new_text or not raw or raw in applied:
            found.append(f)
    return found


def _pending(session: Session, sug: Suggestion) -> None:
    session.refresh(sug)
    if sug.status != PENDING:
        raise NianbaoError(f"修改建议 #{sug.id} 的状态是「{sug.status}」，不能再处理", status=409)


def accept(
    session: Session,
    actor: Actor,
    sug: Suggestion,
    base: int,
    *,
    edited_text: str | None = None,
    override: str | None = None,
) -> Revision:
    """Accept (or edit then accept) a suggestion the reviewer saw against revision `base`."""
    section = sug.section
    writable(session, actor, section.report, "review.decide")
    applied = sug.new_text if edited_text is None else edited_text
    parent = _move_on(session, section, base, "采纳")
    _pending(session, sug)
    blocking = blocking_findings(sug, applied)
    if blocking and not (override and override.strip()):
        raise NianbaoError(
            f"修改建议 #{sug.id} 的数字核对有 {len(blocking)} 个问题，不能直接采纳；"
            "确需采纳请说明理由（--override 理由）",
            status=409,
            details=[f.get("message", f.get("code", "")) for f in blocking],
        )
    span = Quote(sug.start, sug.end, sug.quote, sug.before, sug.after)
    if sug.anchor_revision_id != parent.id:
        span = reanchor(span, session.get(Revision, sug.anchor_revision_id).text, parent.text)
    if span is None or not span.holds_in(parent.text):
        raise NianbaoError(f"修改建议 #{sug.id} 引用的原文已不存在，不能采纳", status=409)
    text = apply(parent.text, span, applied)
    row = _new_revision(
        session, actor, section, parent, text, source=sug.source if edited_text is None else "person",
        model=sug.model if edited_text is None else None,
        prompt_version=sug.prompt_version if edited_text is None else None,
        note=f"修改建议 #{sug.id}",
    )
    status = ACCEPTED if edited_text is None else ACCEPTED_EDITED
    done = session.execute(
        update(Suggestion)
        .where(Suggestion.id == sug.id, Suggestion.status == PENDING)
        .values(
            status=status, resolved_by=actor.id, resolved_at=utcnow(), produced_revision_id=row.id,
            applied_text=applied, anchor_revision_id=parent.id, start=span.start, end=span.end,
            before=span.before, after=span.after, reason=override.strip() if blocking and override else sug.reason,
        )
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:  # pragma: no cover - the section update above already serialises
        raise NianbaoError(f"修改建议 #{sug.id} 已被他人处理", status=409)
    session.refresh(sug)
    if blocking:
        audit.log(
            session, actor, "suggestion.override", "suggestion", sug.id, report=section.report,
            reason=override.strip() if override else "", codes=[f.get("code") for f in blocking],
        )
    audit.log(
        session, actor, "suggestion.accept" if edited_text is None else "suggestion.accept_edited", "suggestion",
        sug.id, report=section.report, before=parent.text, after=text, section=section.key, revision=row.number,
        start=span.start, end=span.end,
    )
    reanchor_pending(session, actor, section, row)
    return row


def reject(session: Session, actor: Actor, sug: Suggestion, reason: str | None = None) -> None:
    writable(session, actor, sug.section.report, "review.decide")
    done = session.execute(
        update(Suggestion)
        .where(Suggestion.id == sug.id, Suggestion.status == PENDING)
        .values(status=REJECTED, resolved_by=actor.id, resolved_at=utcnow(), reason=reason)
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:
        session.refresh(sug)
        raise NianbaoError(f"修改建议 #{sug.id} 的状态是「{sug.status}」，不能再处理", status=409)
    session.refresh(sug)
    audit.log(session, actor, "suggestion.reject", "suggestion", sug.id, report=sug.section.report, reason=reason or "")


# -- status ----------------------------------------------------------------------------------

# (from, to) -> the permission it takes
TRANSITIONS = {
    (DRAFTING, IN_REVIEW): "report.submit",
    (IN_REVIEW, DRAFTING): "report.finalize",
    (IN_REVIEW, FINAL): "report.finalize",
    (FINAL, DRAFTING): "report.reopen",
    (FINAL, IN_REVIEW): "report.reopen",
}


def set_status(
    session: Session, actor: Actor, report: ReportRow, status: str, *, reason: str | None = None,
    blocking: list[str] | None = None,
) -> None:
    """Move the report to `status`. `blocking`: the validator's blocking findings (定稿 only)."""
    # Lock first, then check, so a change committed meanwhile is seen.
    session.execute(select(ReportRow.id).where(ReportRow.id == report.id).with_for_update())
    session.refresh(report)
    old = report.status
    action = TRANSITIONS.get((old, status))
    if action is None:
        raise NianbaoError(f"报告状态不能从「{old}」改为「{status}」", status=409)
    actor.require(action)
    if old == FINAL and not (reason and reason.strip()):
        raise NianbaoError("重新打开已定稿的报告须说明理由（--reason）")
    if status == FINAL:
        pending = session.scalar(
            select(func.count(Suggestion.id))
            .join(Section, Section.id == Suggestion.section_id)
            .where(Section.report_id == report.id, Suggestion.status == PENDING)
        )
        if pending:
            raise NianbaoError(f"还有 {pending} 条修改建议待处理，不能定稿", status=409)
        if blocking:
            raise NianbaoError("报告检查还有错误或数据不一致，不能定稿", status=409, details=blocking)
    report.status = status
    report.version += 1
    session.flush()
    audit.log(session, actor, "report.status", "report", report.id, report=report, before=old, after=status,
              reason=reason or "")


def comment(
    session: Session,
    actor: Actor,
    report: ReportRow,
    text: str,
    *,
    suggestion: Suggestion | None = None,
    section: Section | None = None,
    start: int | None = None,
    end: int | None = None,
):
    from .models import Comment

    actor.require("comment")
    writable_status = report.status != FINAL
    if not writable_status:
        raise NianbaoError("报告已定稿，不能再发表意见", status=409)
    if not text.strip():
        raise NianbaoError("意见内容不能为空")
    row = Comment(report_id=report.id, text=text, author_id=actor.id, suggestion_id=suggestion.id if suggestion else None)
    if section is not None:
        rev = current_revision(session, section)
        start = 0 if start is None else start
        end = len(rev.text) if end is None else end
        if not 0 <= start <= end <= len(rev.text):
            raise NianbaoError(f"范围 {start}–{end} 超出了「{section_label(section.key)}」的文字（共 {len(rev.text)} 字）")
        row.section_id, row.revision_id, row.start, row.end, row.quote = section.id, rev.id, start, end, rev.text[start:end]
    session.add(row)
    session.flush()
    audit.log(session, actor, "comment.create", "comment", row.id, report=report, after=text)
    return row
