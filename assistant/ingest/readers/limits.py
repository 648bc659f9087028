"""Bounds on what a reader takes in, so a tiny hostile file cannot exhaust the machine.

A published report is a few dozen pages: 100 KB of text, a DOCX of a few MB, a PDF of
20–50 pages with some thousands of characters each. The bounds are far above that and far
below what hurts; past one, the reader refuses with a clear message (exit 2) before doing
the expensive work.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import NianbaoError

MB = 1 << 20
MAX_TEXT_BYTES = 64 * MB  # a text or HTML file
MAX_DOCX_BYTES = 300 * MB  # all parts of a DOCX, unzipped (images included)
MAX_DOCX_PARTS = 5_000
MAX_PDF_BYTES = 300 * MB
MAX_PDF_PAGES = 1_000
MAX_PAGE_CHARS = 60_000  # a dense A4 page prints about 3,000
MAX_PAGE_OBJECTS = 200_000  # drawn lines and boxes of one page
MAX_TABLE_COLUMNS = 200  # a cell spanning more columns than any report table has
MAX_TABLE_SLOTS = 2_000_000  # rows x columns of one table, spans expanded


def size_mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def check_file_size(path: Path, limit: int, what: str) -> None:
    """Refuse a file larger than `limit` bytes before reading it."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader's own open reports a missing or unreadable file
    if size > limit:
        raise NianbaoError(
            f"{what}文件过大（{size_mb(size)}，上限 {size_mb(limit)}），不像是一份年度报告，没有导入", file=str(path)
        )
