"""Read a file for the index: decide report / regulation / note, and cut it into passages.

Report files (.yaml/.json) are read with the report I/O; every other file (.txt, .md,
.html, .docx, .pdf) is read by the importer's readers (assistant.ingest.readers), so the
index holds the very text the importer sees; published reports then go through the
importer. Regulations and notes are that text cut by article or paragraph. What kind a
text is, is decided by its content: a regulation has 第N条 articles and no 表三; a report has the part headings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import NianbaoError
from ..ingest.document import Document
from ..report.parts import PART_KEYS, part_of_heading
from .chunking import Chunk, chunk_note, chunk_regulation, chunk_report, count_articles, regulation_title

REPORT_FILES = {".yaml", ".yml", ".json"}
TEXT_FILES = {".txt", ".md"}
OTHER_FILES = {".docx", ".html", ".htm", ".pdf"}
SUPPORTED = REPORT_FILES | TEXT_FILES | OTHER_FILES


@dataclass
class Loaded:
    doc_type: str
    title: str
    chunks: list[Chunk]
    agency: str | None = None
    year: int | None = None


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_source(path: Path) -> Document:
    """A published document read by the importer's readers (the same text the importer sees)."""
    from ..ingest.readers import read_document

    suffix = path.suffix.lower()
    if suffix not in TEXT_FILES | OTHER_FILES:
        raise NianbaoError(f"不支持的文件类型 {suffix or '（无扩展名）'}", file=str(path),
                           details=["支持：" + "、".join(sorted(SUPPORTED))])
    try:
        return read_document(path)
    except NianbaoError:
        raise
    except Exception as error:  # a broken file is the user's input, not our bug
        raise NianbaoError(f"无法读取文件：{error}", file=str(path)) from error


def read_text(path: Path) -> str:
    """Plain text of a document, for deciding what it is (and for regulations and notes)."""
    return "\n".join(read_source(path).lines())


# -- telling reports from regulations --------------------------------------------------------
_PART_ORDINAL = {c: i for i, c in enumerate("一二三四五六")} | {str(i + 1): i for i in range(6)} | {
    c: i for i, c in enumerate("１２３４５６")}
_PART_HEADING = re.compile(r"^[\s　#]*([一二三四五六1-6１-６])[\s　]*[、.．][\s　]*(\S.{1,45})$")


def part_headings(text: str) -> list[tuple[str, int, int]]:
    """(section key, heading start, heading end) of the six part headings found in the text."""
    found: list[tuple[str, int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        m = _PART_HEADING.match(body)
        if m:
            heading = m.group(2)
            key = part_of_heading(heading)
            ordinal_key = PART_KEYS[_PART_ORDINAL[m.group(1)]]
            order = list(PART_KEYS)
            later = not found or order.index(key or "overview") > order.index(found[-1][0])
            # A heading is a title, not a sentence ("3.依申请公开。全年收到…" is a sub-item).
            if key is not None and key == ordinal_key and later and "。" not in heading:
                found.append((key, pos, pos + len(body)))
        pos += len(line)
    return found


def kind_of(text: str) -> str:
    if len(part_headings(text)) >= 4:
        return "report"
    if count_articles(text) >= 3 and "表三" not in text:
        return "regulation"
    return "note"


def load(path: Path) -> Loaded:
    suffix = path.suffix.lower()
    if suffix in REPORT_FILES:
        from ..report.io import read_report

        report = read_report(path)
        return Loaded("report", report.title, chunk_report(report), report.agency, report.year)
    doc = read_source(path)
    text = "\n".join(doc.lines())
    if not text.strip():
        raise NianbaoError("文件没有文字内容", file=str(path))
    kind = kind_of(text)
    if kind == "report":
        # Published reports go through the importer (tables kept out of the prose).
        from ..ingest import import_document

        report = import_document(doc).report
        return Loaded("report", report.title, chunk_report(report), report.agency, report.year)
    # Regulations and notes are cut on the source text: the reader drops Markdown's heading marks,
    # which are the title (「# 条例名」) and the note's section headings the chunker cuts at.
    raw = doc.text or text
    title = regulation_title(raw, re.sub(r"[（(]\d{4}-\d\d-\d\d[）)]$", "", path.stem))
    if kind == "regulation":
        return Loaded("regulation", title, chunk_regulation(raw, title))
    return Loaded("note", title, chunk_note(raw, title))


def expand(paths: list[Path]) -> list[Path]:
    """Files under the given paths (folders recursively), supported types only, stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
                              and not p.name.startswith(".")))
        elif path.is_file():
            out.append(path)
        else:
            raise NianbaoError("找不到这个文件或文件夹", file=str(path))
    return out
