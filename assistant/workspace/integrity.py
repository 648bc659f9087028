"""Checks that the store is whole: what `nianbao workspace check` runs, and what the tests
assert after crashes, races and random sequences of review actions.

- every section's revisions are numbered 1..version, each the child of the one before,
  and each text matches its hash;
- replay: every revision after the first is either an accepted suggestion applied to its
  parent (parent[:start] + applied text + parent[end:]) or a person's edit, and the audit
  log holds the entry that made it, with the same text hash;
- every pending suggestion quotes its span of the section's current text exactly;
- SQLite: the file passes integrity_check and foreign_key_check.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from .models import ACCEPTED, ACCEPTED_EDITED, PENDING, AuditEntry, Revision, Section, Suggestion
from .texts import text_hash

MAKING_ACTIONS = ("suggestion.accept", "suggestion.accept_edited", "section.edit", "revision.import")


def check_file(session: Session) -> list[str]:
    """SQLite's own checks of the database file."""
    problems = []
    result = session.execute(text("PRAGMA integrity_check")).scalar()
    if result != "ok":
        problems.append(f"SQLite integrity_check: {result}")
    for row in session.execute(text("PRAGMA foreign_key_check")).all():
        problems.append(f"外键不一致：{tuple(row)}")
    return problems


def check(session: Session, report_ids: set[int] | None = None) -> list[str]:
    """Problems of the reports `report_ids` (all reports when None); [] when whole."""
    problems: list[str] = []
    query = select(Section)
    if report_ids is not None:
        query = query.where(Section.report_id.in_(report_ids))
    sections = list(session.scalars(query))
    ids = [s.id for s in sections]
    revisions: dict[int, list[Revision]] = defaultdict(list)
    for rev in session.scalars(select(Revision).where(Revision.section_id.in_(ids)).order_by(Revision.number)):
        revisions[rev.section_id].append(rev)
    produced = {
        s.produced_revision_id: s
        for s in session.scalars(select(Suggestion).where(Suggestion.section_id.in_(ids)))
        if s.produced_revision_id is not None
    }
    made = defaultdict(set)
    entries = select(AuditEntry.action, AuditEntry.hash_after).where(AuditEntry.action.in_(MAKING_ACTIONS))
    if report_ids is not None:
        entries = entries.where(AuditEntry.report_id.in_(report_ids))
    for action, hash_after in session.execute(entries).all():
        if action in MAKING_ACTIONS:
            made[hash_after].add(action)
    for sec in sections:
        where = f"报告 {sec.report_id}「{sec.key}」"
        revs = revisions[sec.id]
        if [r.number for r in revs] != list(range(1, sec.version + 1)):
            problems.append(f"{where}：版本号不连续或与当前版本 {sec.version} 不符：{[r.number for r in revs]}")
            continue
        for prev, rev in zip([None, *revs], revs):
            if rev.text_hash != text_hash(rev.text):
                problems.append(f"{where}第 {rev.number} 版：文字与校验值不符")
            if rev.parent_id != (prev.id if prev else None):
                problems.append(f"{where}第 {rev.number} 版：上一版不对")
            if prev is None:
                continue
            sug = produced.get(rev.id)
            if sug is not None:
                if sug.status not in (ACCEPTED, ACCEPTED_EDITED):
                    problems.append(f"{where}第 {rev.number} 版：由状态为「{sug.status}」的建议 #{sug.id} 产生")
                replay = prev.text[: sug.start] + (sug.applied_text or "") + prev.text[sug.end :]
                if prev.text[sug.start : sug.end] != sug.quote or replay != rev.text:
                    problems.append(f"{where}第 {rev.number} 版：不等于上一版采纳建议 #{sug.id} 的结果")
            if rev.text_hash not in made:
                problems.append(f"{where}第 {rev.number} 版：审核记录里没有产生它的操作")
        current = revs[-1] if revs else None
        for sug in session.scalars(select(Suggestion).where(Suggestion.section_id == sec.id, Suggestion.status == PENDING)):
            if current is None or sug.anchor_revision_id != current.id:
                problems.append(f"{where}：待处理建议 #{sug.id} 没有对准当前版本")
            elif current.text[sug.start : sug.end] != sug.quote:
                problems.append(f"{where}：待处理建议 #{sug.id} 引用的原文与当前文字不符")
    return problems
