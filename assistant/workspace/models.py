"""The workspace tables (SQLAlchemy 2 declarative). Schema changes go through migrations/.

Revisions and the audit log are append-only: the migrations add triggers that refuse an
UPDATE or DELETE on them in the database itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("起草人", "审核人", "管理员")
DRAFTER, REVIEWER, ADMIN = ROLES
REPORT_STATUSES = ("起草中", "审核中", "定稿")
DRAFTING, IN_REVIEW, FINAL = REPORT_STATUSES
SUGGESTION_STATUSES = ("待处理", "已采纳", "修改后采纳", "已驳回", "已过时")
PENDING, ACCEPTED, ACCEPTED_EDITED, REJECTED, STALE = SUGGESTION_STATUSES
# Where a revision's or suggestion's text came from.
SOURCES = ("person", "template", "llm", "import")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Agency(Base):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    issuer_kind: Mapped[str] = mapped_column(String(10))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    parent: Mapped[Agency | None] = relationship(remote_side=[id])

    __table_args__ = (CheckConstraint(_in("issuer_kind", ("人民政府", "部门")), name="ck_agency_kind"),)


class User(Base):
    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))  # None: cannot sign in
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    memberships: Mapped[list[Membership]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    @property
    def role_names(self) -> set[str]:
        return {r.role for r in self.roles}

    @property
    def agency_ids(self) -> set[int]:
        return {m.agency_id for m in self.memberships}


class UserRole(Base):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(10), primary_key=True)

    __table_args__ = (CheckConstraint(_in("role", ROLES), name="ck_user_role"),)


class Membership(Base):
    __tablename__ = "membership"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), primary_key=True)


class ReportRow(Base):
    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(10), default=DRAFTING)
    # Optimistic concurrency for status and metadata changes.
    version: Mapped[int] = mapped_column(Integer, default=1)
    # published, contact, source, headings of the report file (everything but cells/sections).
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    agency: Mapped[Agency] = relationship(lazy="joined")

    __table_args__ = (
        UniqueConstraint("agency_id", "year", name="uq_report_agency_year"),
        CheckConstraint(_in("status", REPORT_STATUSES), name="ck_report_status"),
        CheckConstraint(_in("format", ("2019", "2021")), name="ck_report_format"),
    )


class Cell(Base):
    """A table cell that is not blank: a number (exact text) or an n/a mark."""

    __tablename__ = "cell"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    number: Mapped[str | None] = mapped_column(String(40))  # Decimal as text: 12.50 stays 12.50
    na_mark: Mapped[str | None] = mapped_column(String(10))
    provenance: Mapped[dict[str, Any]] = mapped_column(default=dict)
    entered_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        CheckConstraint("(number IS NULL) <> (na_mark IS NULL)", name="ck_cell_one_value"),
    )


class Section(Base):
    __tablename__ = "section"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(30))
    # The number of the current revision; every change checks it in the same UPDATE.
    version: Mapped[int] = mapped_column(Integer, default=1)

    report: Mapped[ReportRow] = relationship(lazy="joined")

    __table_args__ = (UniqueConstraint("report_id", "key", name="uq_section_report_key"),)


class Revision(Base):
    """The full text of a section after one change (append-only)."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    source: Mapped[str] = mapped_column(String(10))
    model: Mapped[str | None] = mapped_column(String(200))
    prompt_version: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        UniqueConstraint("section_id", "number", name="uq_revision_section_number"),
        CheckConstraint(_in("source", SOURCES), name="ck_revision_source"),
    )


class Suggestion(Base):
    """A proposed replacement of one span of a section, waiting for a reviewer's decision."""

    __tablename__ = "suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    base_revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))  # made against
    # The revision start/end currently refer to (moves on when re-anchored).
    anchor_revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)  # the exact text replaced
    before: Mapped[str] = mapped_column(Text, default="")  # a little context either side
    after: Mapped[str] = mapped_column(Text, default="")
    new_text: Mapped[str] = mapped_column(Text)
    applied_text: Mapped[str | None] = mapped_column(Text)  # what was applied (the reviewer's edit)
    citations: Mapped[list[Any]] = mapped_column(default=list)
    findings: Mapped[list[Any]] = mapped_column(default=list)  # number-check findings (JSON)
    source: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    model: Mapped[str | None] = mapped_column(String(200))
    prompt_version: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)  # why rejected, or the override reason
    produced_revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    section: Mapped[Section] = relationship(lazy="joined")

    __table_args__ = (
        CheckConstraint(_in("status", SUGGESTION_STATUSES), name="ck_suggestion_status"),
        CheckConstraint(_in("source", SOURCES), name="ck_suggestion_source"),
        CheckConstraint("start >= 0 AND \"end\" >= start", name="ck_suggestion_span"),
    )


class Comment(Base):
    """A remark on a suggestion, or on a span of a section's revision."""

    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    suggestion_id: Mapped[int | None] = mapped_column(ForeignKey("suggestion.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """Who did what to which record, when, with text hashes before and after (append-only)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    agency_id: Mapped[int | None] = mapped_column(Integer, index=True)
    report_id: Mapped[int | None] = mapped_column(Integer, index=True)
    hash_before: Mapped[str | None] = mapped_column(String(64))
    hash_after: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class WebSession(Base):
    """A signed-in browser. The cookie holds a random token; the store keeps only its hash,
    so a copy of the database signs nobody in. Revoked or expired rows stay for the record."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LoginAttempt(Base):
    """Failed and successful sign-ins, counted per user name and per address for throttling."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    ok: Mapped[bool] = mapped_column(default=False)


CHAT_ROLES = ("user", "assistant")
CHAT_STATUSES = ("进行中", "完成", "未完成")
STREAMING, DONE, INCOMPLETE = CHAT_STATUSES


class ChatMessage(Base):
    """One turn of a report's conversation (对话). An answer being written is kept as it grows
    (status 进行中); one cut off stays with its partial text, marked 未完成."""

    __tablename__ = "chat_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=DONE)
    intent: Mapped[str | None] = mapped_column(String(20))
    section: Mapped[str | None] = mapped_column(String(30))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)  # citations, suggestions, findings, notices
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        CheckConstraint(_in("role", CHAT_ROLES), name="ck_chat_message_role"),
        CheckConstraint(_in("status", CHAT_STATUSES), name="ck_chat_message_status"),
    )
