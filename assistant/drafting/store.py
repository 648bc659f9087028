"""The drafts folder in the workspace: every draft (partial ones too) and every
overwritten section text is kept here, so nothing generated or replaced is lost."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

from ..report.model import Report
from ..settings import Settings
from .result import SectionDraft


def _slug(text: str) -> str:
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", text).strip("_") or "report"


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


class DraftStore:
    def __init__(self, settings: Settings, report: Report):
        self.dir = settings.home / "drafts" / f"{_slug(report.agency)}-{report.year}"

    def save(self, draft: SectionDraft) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.dir / f"{_stamp()}-{draft.section}{'' if draft.complete else '-incomplete'}.json"
        path.write_text(json.dumps(draft.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
        return path

    def backup_file(self, path: Path) -> Path:
        """Copy the report file as it was before --write replaced sections in it."""
        self.dir.mkdir(parents=True, exist_ok=True)
        target = self.dir / f"{_stamp()}-before-write-{path.name}"
        shutil.copy2(path, target)
        return target
