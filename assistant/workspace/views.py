"""What the services return: plain pydantic models, ready for the CLI to print and the web
app to serialise (`.model_dump(mode="json")`). No database object leaves a transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..report.format import SECTION_LABELS
from .models import Agency, Comment, ReportRow, Revision, Section, Suggestion, User
from .texts import Op, char_diff


class View(BaseModel):
    """Times come back from SQLite without a zone: they are UTC, say so."""

    @field_validator("*", mode="after")
    @classmethod
    def _utc(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value


class AgencyView(View):
    id: int
    name: str
    issuer_kind: str
    parent: str | None = None


class UserView(View):
    id: int
    name: str
    roles: list[str]
    agencies: list[str]
    active: bool
    can_sign_in: bool


class ReportSummary(View):
    id: int
    agency: str
    year: int
    format: str
    status: str
    version: int
    pending: int = 0

    @property
    def ref(self) -> str:
        return f"{self.agency}/{self.year}"


class SectionView(View):
    key: str
    label: str
    version: int
    text: str
    pending: int = 0


class ReportView(ReportSummary):
    sections: list[SectionView]
    cells: dict[str, str | None]  # key -> printed value ("/" for n/a), None when blank


class DiffRun(View):
    op: Op
    text: str


class SuggestionView(View):
    id: int
    report_id: int
    report: str
    section: str
    label: str
    status: str
    base_revision: int
    anchor_revision: int
    start: int
    end: int
    quote: str
    before: str
    after: str
    new_text: str
    applied_text: str | None
    citations: list[Any]
    findings: list[dict[str, Any]]
    source: str
    author: str | None
    model: str | None
    prompt_version: str | None
    resolved_by: str | None
    resolved_at: dt.datetime | None
    reason: str | None
    produced_revision: int | None
    created_at: dt.datetime
    diff: list[DiffRun] = Field(default_factory=list)  # quote -> new text, character by character
    comments: list[CommentView] = Field(default_factory=list)

    @property
    def blocking(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f.get("severity") in ("error", "inconsistency")]


class CommentView(View):
    id: int
    author: str
    text: str
    created_at: dt.datetime
    suggestion: int | None = None
    section: str | None = None
    revision: int | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None


class RevisionView(View):
    section: str
    number: int
    author: str | None
    source: str
    model: str | None
    prompt_version: str | None
    note: str | None
    text_hash: str
    created_at: dt.datetime
    text: str


class AuditView(View):
    at: dt.datetime
    user: str | None
    action: str
    entity: str
    entity_id: int | None
    hash_before: str | None
    hash_after: str | None
    detail: dict[str, Any]


class AcceptResult(View):
    suggestion: SuggestionView
    revision: int
    text: str
    stale: list[int]  # pending suggestions that went out of date with this change
    findings: list[dict[str, Any]]  # the validator on the result (validate --format json items)
    summary: dict[str, int]
    seconds: float = 0.0  # the transaction (commit included)
    check_seconds: float = 0.0  # the validator on the result


SuggestionView.model_rebuild()


def names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(User.id, User.name).where(User.id.in_(wanted))).all())


def agency_view(agency: Agency) -> AgencyView:
    return AgencyView(
        id=agency.id, name=agency.name, issuer_kind=agency.issuer_kind, parent=agency.parent.name if agency.parent else None
    )


def user_view(session: Session, user: User) -> UserView:
    agencies = (
        list(session.scalars(select(Agency.name).where(Agency.id.in_(user.agency_ids)).order_by(Agency.name)))
        if user.agency_ids
        else []
    )
    return UserView(
        id=user.id, name=user.name, roles=sorted(user.role_names), agencies=agencies, active=user.active,
        can_sign_in=bool(user.password_hash) and user.active,
    )


def report_summary(report: ReportRow, pending: int = 0) -> ReportSummary:
    return ReportSummary(
        id=report.id, agency=report.agency.name, year=report.year, format=report.format, status=report.status,
        version=report.version, pending=pending,
    )


def suggestion_view(session: Session, sug: Suggestion, *, with_comments: bool = False) -> SuggestionView:
    section: Section = sug.section
    report: ReportRow = section.report
    numbers = dict(
        session.execute(
            select(Revision.id, Revision.number).where(
                Revision.id.in_({sug.base_revision_id, sug.anchor_revision_id, sug.produced_revision_id or -1})
            )
        ).all()
    )
    who = names(session, {sug.author_id, sug.resolved_by})
    view = SuggestionView(
        id=sug.id,
        report_id=report.id,
        report=f"{report.agency.name}/{report.year}",
        section=section.key,
        label=SECTION_LABELS.get(section.key, section.key),
        status=sug.status,
        base_revision=numbers[sug.base_revision_id],
        anchor_revision=numbers[sug.anchor_revision_id],
        start=sug.start,
        end=sug.end,
        quote=sug.quote,
        before=sug.before,
        after=sug.after,
        new_text=sug.new_text,
        applied_text=sug.applied_text,
        citations=sug.citations or [],
        findings=sug.findings or [],
        source=sug.source,
        author=who.get(sug.author_id) if sug.author_id else None,
        model=sug.model,
        prompt_version=sug.prompt_version,
        resolved_by=who.get(sug.resolved_by) if sug.resolved_by else None,
        resolved_at=sug.resolved_at,
        reason=sug.reason,
        produced_revision=numbers.get(sug.produced_revision_id) if sug.produced_revision_id else None,
        created_at=sug.created_at,
        diff=[DiffRun(op=op, text=t) for op, t in char_diff(sug.quote, sug.applied_text or sug.new_text)],
    )
    if with_comments:
        rows = list(session.scalars(select(Comment).where(Comment.suggestion_id == sug.id).order_by(Comment.id)))
        view.comments = comment_views(session, rows)
    return view


def comment_views(session: Session, rows: list[Comment]) -> list[CommentView]:
    who = names(session, {c.author_id for c in rows})
    sections = dict(session.execute(select(Section.id, Section.key).where(Section.id.in_({c.section_id for c in rows if c.section_id}))).all()) if rows else {}
    revs = dict(session.execute(select(Revision.id, Revision.number).where(Revision.id.in_({c.revision_id for c in rows if c.revision_id}))).all()) if rows else {}
    return [
        CommentView(
            id=c.id, author=who.get(c.author_id, "?"), text=c.text, created_at=c.created_at, suggestion=c.suggestion_id,
            section=sections.get(c.section_id), revision=revs.get(c.revision_id), start=c.start, end=c.end, quote=c.quote,
        )
        for c in rows
    ]
