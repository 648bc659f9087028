"""Reports in the workspace: create, list, show, status, cells, direct edits, export/import.

A report is named by 「机关/年度」 or its number; the acting user sees only his agencies'.
"""

from __future__ import annotations

from sqlalchemy import func, select

from ..errors import NianbaoError
from ..report.cells import CellValue
from ..report.format import SECTION_LABELS
from ..report.model import Report, blank_report
from ..settings import Settings
from ..validate import validate
from ..validate.catalogue import blocking, blocking_findings
from ..workspace import review
from ..workspace.models import FINAL, PENDING, Cell, ReportRow, Section, Suggestion
from ..workspace.scope import Actor
from ..workspace.views import ReportSummary, ReportView, RevisionView, SectionView, names, report_summary
from .workspace import store


def _pending_counts(session, report_ids: list[int]) -> dict[int, int]:
    if not report_ids:
        return {}
    rows = session.execute(
        select(Section.report_id, func.count(Suggestion.id))
        .join(Suggestion, Suggestion.section_id == Section.id)
        .where(Section.report_id.in_(report_ids), Suggestion.status == PENDING)
        .group_by(Section.report_id)
    )
    return dict(rows.all())


def create(
    settings: Settings, user: str | None, agency: str, year: int | None = None, *, report: Report | None = None,
    source: str = "person",
) -> ReportSummary:
    """A new report of `agency`: blank for `year`, or holding `report` (an imported file)."""
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        row = actor.agency(session, agency)
        if report is None:
            if year is None:
                raise NianbaoError("请给出报告年度")
            report = blank_report(year, row.name, row.issuer_kind)
        elif report.issuer_kind != row.issuer_kind:
            raise NianbaoError(f"报告的发布机关类型是「{report.issuer_kind}」，机关「{row.name}」登记的是「{row.issuer_kind}」")
        created = review.create_report(session, actor, row, report, source=source)
        return report_summary(created)


def list_reports(settings: Settings, user: str | None, *, year: int | None = None) -> list[ReportSummary]:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        query = actor.reports(session)
        if year is not None:
            query = query.where(ReportRow.year == year)
        rows = list(session.scalars(query))
        rows.sort(key=lambda r: (r.agency.name, -r.year))
        pending = _pending_counts(session, [r.id for r in rows])
        return [report_summary(r, pending.get(r.id, 0)) for r in rows]


def show(settings: Settings, user: str | None, ref: str) -> ReportView:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        pending = dict(
            session.execute(
                select(Suggestion.section_id, func.count(Suggestion.id))
                .where(Suggestion.status == PENDING)
                .join(Section, Section.id == Suggestion.section_id)
                .where(Section.report_id == row.id)
                .group_by(Suggestion.section_id)
            ).all()
        )
        sections = [
            SectionView(
                key=s.key, label=SECTION_LABELS.get(s.key, s.key), version=s.version,
                text=review.current_revision(session, s).text, pending=pending.get(s.id, 0),
            )
            for s in review.sections(session, row)
        ]
        cells = {
            c.key: (c.number if c.number is not None else c.na_mark)
            for c in session.scalars(select(Cell).where(Cell.report_id == row.id))
        }
        summary = report_summary(row, sum(pending.values()))
        return ReportView(**summary.model_dump(), sections=sections, cells=cells)


def load(settings: Settings, user: str | None, ref: str, *, final: bool = False) -> tuple[Report, Report | None]:
    """The report as the typed model (and last year's, when in the workspace).

    `final=True` is for a final copy: refused unless the report is 定稿.
    """
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        if final and row.status != FINAL:
            raise NianbaoError(f"报告「{row.agency.name}/{row.year}」的状态是「{row.status}」，定稿后才能输出正式文本", status=409)
        return review.to_model(session, row), review.previous_model(session, row)


def check(settings: Settings, user: str | None, ref: str) -> tuple[Report, list]:
    """The validator on the workspace report (with last year's report when there is one)."""
    report, previous = load(settings, user, ref)
    return report, validate(report, previous)


def set_status(settings: Settings, user: str | None, ref: str, status: str, *, reason: str | None = None) -> ReportSummary:
    reasons: list[str] = []
    if status == FINAL:
        report, findings = check(settings, user, ref)
        if blocking(findings):
            reasons = [f"{f.code}：{f.message}" for f in blocking_findings(findings)]
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        review.set_status(session, actor, row, status, reason=reason, blocking=reasons)
        return report_summary(row)


def set_cells(
    settings: Settings, user: str | None, ref: str, values: dict[str, CellValue],
    provenance: dict[str, dict] | None = None, *, expected: dict[str, CellValue] | None = None,
) -> list[str]:
    """Enter cells. `expected`: the values the change was based on; a cell that no longer
    holds them is refused (someone else changed it meanwhile) and nothing is written."""
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        return review.set_cells(session, actor, row, values, provenance or {}, expected=expected)


def edit_section(
    settings: Settings, user: str | None, ref: str, section: str, text: str, *, base: int, note: str | None = None
) -> SectionView:
    """A person's direct edit, based on revision `base` (refused with the newer text if it moved)."""
    with store(settings).write() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        sec = actor.section(session, row, section)
        rev = review.edit_section(session, actor, sec, base, text, note=note)
        return SectionView(key=sec.key, label=SECTION_LABELS.get(sec.key, sec.key), version=rev.number, text=rev.text)


def history(settings: Settings, user: str | None, ref: str, section: str | None = None) -> list[RevisionView]:
    with store(settings).read() as session:
        actor = Actor.load(session, user)
        row = actor.report(session, ref)
        secs = [actor.section(session, row, section)] if section else review.sections(session, row)
        out: list[RevisionView] = []
        for sec in secs:
            from ..workspace.models import Revision

            revs = list(session.scalars(select(Revision).where(Revision.section_id == sec.id).order_by(Revision.number)))
            who = names(session, {r.author_id for r in revs})
            out += [
                RevisionView(
                    section=sec.key, number=r.number, author=who.get(r.author_id), source=r.source, model=r.model,
                    prompt_version=r.prompt_version, note=r.note, text_hash=r.text_hash, created_at=r.created_at,
                    text=r.text,
                )
                for r in revs
            ]
        return out


def export_report(settings: Settings, user: str | None, ref: str) -> dict:
    """The report, its whole history, suggestions and comments as one JSON-ready document."""
    from ..workspace import transfer

    with store(settings).read() as session:
        actor = Actor.load(session, user)
        return transfer.dump(session, actor.report(session, ref))


def import_report(settings: Settings, user: str | None, data: dict, *, agency: str | None = None) -> ReportSummary:
    """Add an exported report to `agency` (default: the agency named in the document)."""
    from ..workspace import transfer

    with store(settings).write() as session:
        actor = Actor.load(session, user)
        name = agency or (data.get("agency") or {}).get("name") if isinstance(data, dict) else agency
        if not name:
            raise NianbaoError("报告文件没有写明机关，请用 --agency 指定")
        row = transfer.load(session, actor, actor.agency(session, name), data)
        return report_summary(row)


def render(
    settings: Settings, user: str | None, ref: str, fmt: str, output, *, draft: bool = False, compare: bool = False
):
    """The report from the workspace to a file: the final copy only from a 定稿 report
    (and only when the renderer's own checks allow it); `draft=True` renders any state, marked 草稿."""
    from pathlib import Path

    from ..render import render as render_bytes
    from ..report.io import write_atomic

    report, previous = load(settings, user, ref, final=not draft)
    data = render_bytes(report, fmt, draft=draft, previous=previous if compare else None)
    write_atomic(Path(output), data)
    return Path(output)


def through_file(settings: Settings, user: str | None, ref: str, run, *, source: str) -> tuple[list[str], object]:
    """Run a file-based workflow (fill, set) on a workspace report.

    The report (and last year's, when the workspace has it) is written to a private
    temporary folder; `run(path, previous_path)` changes the file there; the cells it
    changed come back into the workspace with their provenance, entered by the user. A cell
    someone else changed meanwhile is refused, never overwritten. Returns (keys, run's result).
    """
    import tempfile
    from pathlib import Path

    from ..report.io import read_report, write_report

    report, previous = load(settings, user, ref)
    with tempfile.TemporaryDirectory(prefix="nianbao-ws-") as tmp:
        path = Path(tmp) / f"{report.year}.yaml"
        write_report(report, path)
        last = None
        if previous is not None:
            last = Path(tmp) / f"{previous.year}.yaml"
            write_report(previous, last)
        result = run(path, last)
        changed = read_report(path)
    values = {k: v for k, v in changed.cells.items() if v != report.cells[k]}
    provenance = {k: dict(changed.provenance.get(k) or {"kind": source}) for k in values}
    expected = {k: report.cells[k] for k in values}
    return set_cells(settings, user, ref, values, provenance, expected=expected), result
