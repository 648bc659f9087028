"""The drafting service: what the CLI and the web app call (they only parse and print).

`draft_sections` wires the default index, model and drafts store from the settings;
`write_drafts` puts complete drafts into a report file after backing it up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..report.io import read_report, write_report
from ..report.model import Report
from ..settings import Settings
from .drafter import Drafter, default_chat, default_retriever
from .facts import Fact
from .outline import SECTION_ORDER
from .result import SectionDraft
from .store import DraftStore


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
    notify: Callable[[str], None] | None = None,
) -> list[SectionDraft]:
    """Draft the sections one by one; every draft is also saved in the workspace."""
    drafter = Drafter(
        report,
        previous=previous,
        facts=facts,
        retriever=default_retriever(settings, notify),
        chat=default_chat(settings, offline=offline, notify=notify),
        store=DraftStore(settings, report),
        notes=notes,
        on_token=on_token,
        notify=notify,
    )
    drafts = []
    for section in sections:
        draft = drafter.draft(section)
        drafts.append(draft)
        if on_section:
            on_section(draft)
    return drafts


def write_drafts(settings: Settings, path: Path, drafts: list[SectionDraft]) -> tuple[list[str], list[str], Path]:
    """Write complete, non-empty drafts into the report file. Returns (written, skipped, backup).

    The file is backed up into the drafts folder first and re-read, so only the drafted
    sections change and whatever else is in the file stays as it is.
    """
    current = read_report(path)
    store = DraftStore(settings, current)
    backup = store.backup_file(path)
    written, skipped = [], []
    for d in drafts:
        if d.complete and d.text.strip():
            setattr(current.sections, d.section, d.text)
            written.append(d.section)
        else:
            skipped.append(d.section)
    write_report(current, path)
    return written, skipped, backup
