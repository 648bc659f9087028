"""One report as one JSON document: its cells, every revision, suggestions and comments.

`dump` then `load` into any workspace then `dump` again gives the same document. People
are named, not numbered; a named person missing from the target workspace is added as
an inactive user without password, roles or agency (an author, not an account).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NianbaoError
from . import audit
from .models import (
    REPORT_STATUSES,
    SUGGESTION_STATUSES,
    Agency,
    Cell,
    Comment,
    ReportRow,
    Revision,
    Section,
    Suggestion,
    User,
)
from .scope import Actor
from .texts import text_hash

FORMAT = "nianbao-report"
FORMAT_VERSION = 1


def _time(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite gives back naive UTC
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def _parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def dump(session: Session, report: ReportRow) -> dict[str, Any]:
    people = dict(session.execute(select(User.id, User.name)).all())
    who = people.get
    secs = list(session.scalars(select(Section).where(Section.report_id == report.id).order_by(Section.id)))
    by_section = {s.id: s.key for s in secs}
    revisions: dict[int, tuple[str, int]] = {}
    sections_out = []
    for sec in secs:
        revs = list(session.scalars(select(Revision).where(Revision.section_id == sec.id).order_by(Revision.number)))
        revisions.update({r.id: (sec.key, r.number) for r in revs})
        numbers = {r.id: r.number for r in revs}
        sections_out.append(
            {
                "key": sec.key,
                "version": sec.version,
                "revisions": [
                    {
                        "number": r.number, "parent": numbers.get(r.parent_id), "text": r.text, "text_hash": r.text_hash,
                        "author": who(r.author_id), "source": r.source, "model": r.model,
                        "prompt_version": r.prompt_version, "note": r.note, "created_at": _time(r.created_at),
                    }
                    for r in revs
                ],
            }
        )
    rev_no = lambda rid: revisions[rid][1] if rid is not None else None  # noqa: E731
    sugs = list(
        session.scalars(select(Suggestion).where(Suggestion.section_id.in_(by_section)).order_by(Suggestion.id))
    )
    local = {s.id: n for n, s in enumerate(sugs, 1)}
    comments = list(session.scalars(select(Comment).where(Comment.report_id == report.id).order_by(Comment.id)))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "agency": {"name": report.agency.name, "issuer_kind": report.agency.issuer_kind},
        "year": report.year,
        "report_format": report.format,
        "status": report.status,
        "meta": report.meta or {},
        "created_at": _time(report.created_at),
        "cells": [
            {
                "key": c.key, "number": c.number, "na_mark": c.na_mark, "provenance": c.provenance or {},
                "entered_by": who(c.entered_by), "entered_at": _time(c.entered_at),
            }
            for c in session.scalars(select(Cell).where(Cell.report_id == report.id).order_by(Cell.key))
        ],
        "sections": sections_out,
        "suggestions": [
            {
                "id": local[s.id], "section": by_section[s.section_id], "base_revision": rev_no(s.base_revision_id),
                "anchor_revision": rev_no(s.anchor_revision_id), "start": s.start, "end": s.end, "quote": s.quote,
                "before": s.before, "after": s.after, "new_text": s.new_text, "applied_text": s.applied_text,
                "citations": s.citations or [], "findings": s.findings or [], "source": s.source,
                "author": who(s.author_id), "model": s.model, "prompt_version": s.prompt_version, "status": s.status,
                "resolved_by": who(s.resolved_by), "resolved_at": _time(s.resolved_at), "reason": s.reason,
                "produced_revision": rev_no(s.produced_revision_id), "created_at": _time(s.created_at),
            }
            for s in sugs
        ],
        "comments": [
            {
                "suggestion": local.get(c.suggestion_id) if c.suggestion_id else None,
                "section": by_section.get(c.section_id) if c.section_id else None,
                "revision": rev_no(c.revision_id), "start": c.start, "end": c.end, "quote": c.quote, "text": c.text,
                "author": who(c.author_id), "created_at": _time(c.created_at),
            }
            for c in comments
        ],
    }


def _person(session: Session, name: str | None, cache: dict[str, int]) -> int | None:
    if name is None:
        return None
    if name not in cache:
        row = session.scalar(select(User).where(User.name == name))
        if row is None:
            row = User(name=name, password_hash=None, active=False)
            session.add(row)
            session.flush()
        cache[name] = row.id
    return cache[name]


def load(session: Session, actor: Actor, agency: Agency, data: Any) -> ReportRow:
    """Add the report of `data` to `agency` (which must hold no report of that year)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NianbaoError("这不是年报助手导出的报告文件（format 应为 nianbao-report）")
    if data.get("format_version") != FORMAT_VERSION:
        raise NianbaoError(f"报告文件的版本 {data.get('format_version')} 不受支持（应为 {FORMAT_VERSION}）")
    try:
        return _load(session, actor, agency, data)
    except (KeyError, TypeError, ValueError) as exc:
        raise NianbaoError(f"报告文件内容不完整或有误：{type(exc).__name__} {exc}") from None


def _load(session: Session, actor: Actor, agency: Agency, data: dict) -> ReportRow:
    actor.require("report.create")
    if data["agency"]["issuer_kind"] != agency.issuer_kind:
        raise NianbaoError(f"报告的发布机关类型是「{data['agency']['issuer_kind']}」，机关「{agency.name}」登记的是「{agency.issuer_kind}」")
    if data["status"] not in REPORT_STATUSES:
        raise NianbaoError(f"未知的报告状态「{data['status']}」")
    year = int(data["year"])
    if session.scalar(select(ReportRow.id).where(ReportRow.agency_id == agency.id, ReportRow.year == year)):
        raise NianbaoError(f"「{agency.name}」的 {year} 年度报告已经存在", status=409)
    people: dict[str, int] = {}
    row = ReportRow(
        agency_id=agency.id, year=year, format=str(data["report_format"]), status=data["status"],
        meta=data.get("meta") or {}, created_at=_parse_time(data["created_at"]),
    )
    session.add(row)
    session.flush()
    for c in data["cells"]:
        session.add(
            Cell(
                report_id=row.id, key=c["key"], number=c["number"], na_mark=c["na_mark"], provenance=c["provenance"],
                entered_by=_person(session, c["entered_by"], people), entered_at=_parse_time(c["entered_at"]),
            )
        )
    revision_ids: dict[tuple[str, int], int] = {}
    imported: list[tuple[int, str]] = []
    section_ids: dict[str, int] = {}
    for s in data["sections"]:
        sec = Section(report_id=row.id, key=s["key"], version=int(s["version"]))
        session.add(sec)
        session.flush()
        section_ids[sec.key] = sec.id
        for r in s["revisions"]:
            if text_hash(r["text"]) != r["text_hash"]:
                raise NianbaoError(f"「{sec.key}」第 {r['number']} 版的文字与其校验值不符，文件可能被改动过")
            rev = Revision(
                section_id=sec.id, number=r["number"],
                parent_id=revision_ids[(sec.key, r["parent"])] if r["parent"] is not None else None,
                text=r["text"], text_hash=r["text_hash"], author_id=_person(session, r["author"], people),
                source=r["source"], model=r["model"], prompt_version=r["prompt_version"], note=r["note"],
                created_at=_parse_time(r["created_at"]),
            )
            session.add(rev)
            session.flush()
            revision_ids[(sec.key, rev.number)] = rev.id
            if rev.number > 1:
                imported.append((rev.id, rev.text))
        if (sec.key, sec.version) not in revision_ids:
            raise NianbaoError(f"「{sec.key}」缺少当前版本（第 {sec.version} 版）")
    rid = lambda key, n: revision_ids[(key, n)] if n is not None else None  # noqa: E731
    local: dict[int, int] = {}
    for s in data["suggestions"]:
        if s["status"] not in SUGGESTION_STATUSES:
            raise NianbaoError(f"未知的建议状态「{s['status']}」")
        key = s["section"]
        sug = Suggestion(
            section_id=section_ids[key], base_revision_id=rid(key, s["base_revision"]),
            anchor_revision_id=rid(key, s["anchor_revision"]), start=s["start"], end=s["end"], quote=s["quote"],
            before=s["before"], after=s["after"], new_text=s["new_text"], applied_text=s["applied_text"],
            citations=s["citations"], findings=s["findings"], source=s["source"],
            author_id=_person(session, s["author"], people), model=s["model"], prompt_version=s["prompt_version"],
            status=s["status"], resolved_by=_person(session, s["resolved_by"], people),
            resolved_at=_parse_time(s["resolved_at"]), reason=s["reason"],
            produced_revision_id=rid(key, s["produced_revision"]), created_at=_parse_time(s["created_at"]),
        )
        session.add(sug)
        session.flush()
        local[s["id"]] = sug.id
    for c in data["comments"]:
        key = c["section"]
        session.add(
            Comment(
                report_id=row.id, suggestion_id=local[c["suggestion"]] if c["suggestion"] else None,
                section_id=section_ids[key] if key else None, revision_id=rid(key, c["revision"]) if key else None,
                start=c["start"], end=c["end"], quote=c["quote"], text=c["text"],
                author_id=_person(session, c["author"], people), created_at=_parse_time(c["created_at"]),
            )
        )
    session.flush()
    session.refresh(row)
    audit.log(session, actor, "report.import", "report", row.id, report=row, year=year)
    for rev_id, body in imported:  # the history made elsewhere, entered here by this import
        audit.log(session, actor, "revision.import", "revision", rev_id, report=row, after=body)
    return row
