"""Tables printed without ruling lines: recovered from word positions (placeholder)."""

from __future__ import annotations

from .pdf_tables import RawTable
from .pdf_text import Line


def find_unruled_tables(lines: list[Line], page: int) -> tuple[list[RawTable], list[Line]]:
    return [], lines
