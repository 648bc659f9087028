"""Drafting workflow: draft the narrative sections (model when configured, template otherwise),
optionally write complete drafts into the report file.

The CLI and the web call `draft()`; it prints nothing. Progress (streamed tokens, each
finished section, notices) goes to the callbacks the caller passes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..drafting.drafter import Drafter, default_chat, default_retriever
from ..drafting.evidence import LateReply, ledger_late_replies
from ..drafting.facts import Fact, load_facts
from ..drafting.lastyear import same_agency
from ..drafting.notes import load_notes
from ..drafting.outline import SECTION_ORDER
from ..drafting.record import edited_by_a_person, write_record
from ..drafting.result import SectionDraft
from ..drafting.store import DraftStore
from ..errors import NianbaoError
from ..report.io import read_report, write_report
from ..report.model import Report
from ..settings import Settings
from ..validate.catalogue import blocking, blocking_findings

Notify = Callable[[str], None]


@dataclass
class DraftRequest:
    report: Path
    sections: tuple[str, ...] = SECTION_ORDER
    previous: Path | None = None
    facts: Path | None = None
    notes: Path | None = None
    offline: bool = False
    write: bool = False
    ledger: Path | None = None  # the request ledger: reply times for 存在的主要问题
    accept_previous: bool = False  # the user confirmed a previous report of another agency or year
    accept_flagged: bool = False  # write drafts with blocking findings too (logged in the file's provenance)
    overwrite: bool = False  # replace sections a person changed since the last draft


@dataclass
class DraftOutcome:
    drafts: list[SectionDraft]
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # not written: incomplete or empty
    flagged: list[str] = field(default_factory=list)  # not written: the checks found errors (no --accept-flagged)
    edited: list[str] = field(default_factory=list)  # not written: a person changed the section (no --overwrite)
    backup: Path | None = None
    drafts_dir: Path | None = None

    @property
    def blocking(self) -> bool:
        """Exit 1: a draft is incomplete, a check found something that blocks a final copy, or a
        section asked for was not written."""
        return bool(self.edited) or any(not d.complete or blocking(d.findings) for d in self.drafts)


def load_previous(path: Path | None) -> Report | None:
    """Last year's report: a report file, or a published document run through the importer."""
    if path is None:
        return None
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        return read_report(path)
    if not path.exists():
        raise NianbaoError("找不到上一年度的报告", file=str(path))
    from ..ingest import import_report

    return import_report(path).report


def check_previous(current: Report, previous: Report, path: Path | None, *, accepted: bool, notify: Notify) -> None:
    """Last year's report must be this agency's and of an earlier year: another agency's figures
    would make every 同比 and every 「未发现问题」 wrong. The user may confirm it explicitly."""
    problems = []
    if not same_agency(previous.agency, current.agency):
        problems.append(f"上一年度报告的机关是「{previous.agency}」，本报告是「{current.agency}」")
    if previous.year >= current.year:
        problems.append(f"上一年度报告是 {previous.year} 年的，不早于本报告年度 {current.year} 年")
    if not problems:
        if previous.year != current.year - 1:
            notify(f"上一年度报告是 {previous.year} 年的，同比将与 {previous.year} 年比较")
        return
    if not accepted:
        raise NianbaoError("；".join(problems), file=str(path) if path else None,
                           details=["请换用本机关上一年度的报告；确需用它对比的，加 --accept-previous 确认"])
    notify("；".join(problems) + "。已按您的确认使用它：同比数字和小标题将以它为准，请逐项核对")


def draft(
    settings: Settings,
    request: DraftRequest,
    *,
    on_token: Callable[[str, str], None] | None = None,
    on_section: Callable[[SectionDraft], None] | None = None,
    notify: Notify | None = None,
) -> DraftOutcome:
    current = read_report(request.report)
    previous = load_previous(request.previous)
    say = notify or (lambda message: None)
    if previous is not None:
        check_previous(current, previous, request.previous, accepted=request.accept_previous, notify=say)
    facts = load_facts(request.facts)
    notes = load_notes(request.notes)
    late = ledger_late_replies(request.ledger, current.year) if request.ledger is not None else None

    drafts = draft_sections(settings, current, sections=request.sections, previous=previous, facts=facts,
                            notes=notes, offline=request.offline, on_token=on_token, on_section=on_section,
                            notify=notify, late=late)
    outcome = DraftOutcome(drafts=drafts, drafts_dir=DraftStore(settings, current).dir)
    if request.write:
        result = write_drafts(settings, request.report, drafts, accept_flagged=request.accept_flagged,
                              overwrite=request.overwrite)
        outcome.written, outcome.skipped, outcome.flagged, outcome.edited, outcome.backup = result
    return outcome


def draft_sections(
    settings: Settings,
    report: Report,
    *,
    sections: Iterable[str] = SECTION_ORDER,
    previous: Report | None = None,
    facts: Iterable[Fact] = (),
    notes: dict[str, str] | None = None,
    offline: bool = False,
    on_token: Callable[[str, str], None] | None = None,
    on_section: Callable[[SectionDraft], None] | None = None,
    notify: Notify | None = None,
    late: list[LateReply] | None = None,
) -> list[SectionDraft]:
    """Draft the sections one by one; every draft is also saved in the workspace."""
    drafter = Drafter(
        report,
        previous=previous,
        facts=facts,
        retriever=default_retriever(settings, notify),
        chat=default_chat(settings, offline=offline, notify=notify),
        store=DraftStore(settings, report),
        ask_again=settings.llm_ask_again,
        notes=notes,
        on_token=on_token,
        notify=notify,
        late=late,
    )
    drafts = []
    for section in sections:
        result = drafter.draft(section)
        drafts.append(result)
        if on_section:
            on_section(result)
    return drafts


def write_drafts(settings: Settings, path: Path, drafts: list[SectionDraft], *, accept_flagged: bool = False,
                 overwrite: bool = False) -> tuple[list[str], list[str], list[str], list[str], Path | None]:
    """Write complete drafts into the report file, each with its record (drafting/record.py).

    Returns (written, skipped, flagged, edited, backup). Not written: an incomplete or empty
    draft (skipped), one whose checks found errors unless `accept_flagged` (flagged; the
    acceptance is logged in the record with who accepted what), and one over a section a
    person changed since the last draft unless `overwrite` (edited). The file is backed up
    into the drafts folder first and re-read, so only the drafted sections change.
    """
    current = read_report(path)
    written, skipped, flagged, edited = [], [], [], []
    chosen: list[tuple[SectionDraft, list[str]]] = []
    for d in drafts:
        blocking = sorted({f.code for f in blocking_findings(d.findings)})
        if not d.complete or not d.text.strip():
            skipped.append(d.section)
        elif blocking and not accept_flagged:
            flagged.append(d.section)
        elif edited_by_a_person(current, d.section) and not overwrite:
            edited.append(d.section)
        else:
            chosen.append((d, blocking))
    if not chosen:
        return written, skipped, flagged, edited, None
    backup = DraftStore(settings, current).backup_file(path)
    for d, blocking in chosen:
        setattr(current.sections, d.section, d.text)
        write_record(current, d, accepted=blocking)
        written.append(d.section)
    write_report(current, path)
    return written, skipped, flagged, edited, backup
