"""The audit log: one append-only entry per change, with text hashes before and after."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .models import AuditEntry, ReportRow
from .scope import Actor
from .texts import text_hash


def log(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    report: ReportRow | None = None,
    agency_id: int | None = None,
    before: str | None = None,
    after: str | None = None,
    **detail: Any,
) -> AuditEntry:
    entry = AuditEntry(
        user_id=actor.id if actor else None,
        action=action,
        entity=entity,
        entity_id=entity_id,
        report_id=report.id if report else None,
        agency_id=report.agency_id if report else agency_id,
        hash_before=text_hash(before),
        hash_after=text_hash(after),
        detail=detail,
    )
    session.add(entry)
    return entry
