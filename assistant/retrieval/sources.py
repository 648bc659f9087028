"""Read a file for the index: decide report / regulation / note, and cut it into passages.

Report files (.yaml/.json) are read with the report I/O; published reports (.txt, .html,
.docx, .pdf) go through the importer when it is installed. Regulations are plain text
(.md, .txt, .docx) cut by article. What kind a text is, is decided by its content: a
regulation has 第N条 articles and no 表三; a report has the part headings.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import NianbaoError
from ..report.model import Report, Sections, blank_report
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


def read_text(path: Path) -> str:
    """Plain text of a document, for deciding what it is (and for regulations and notes)."""
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_FILES:
            raw = path.read_bytes()
            for enc in ("utf-8-sig", "gb18030"):
                try:
                    return raw.decode(enc)
                except UnicodeDecodeError:
                    continue
            raise NianbaoError("文件编码无法识别（应为 UTF-8 或 GBK）", file=str(path))
        if suffix == ".docx":
            import docx

            return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        if suffix in (".html", ".htm"):
            from bs4 import BeautifulSoup

            return BeautifulSoup(path.read_bytes(), "lxml").get_text("\n")
        if suffix == ".pdf":
            import pdfplumber

            with pdfplumber.open(str(path)) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)
    except NianbaoError:
        raise
    except Exception as error:  # a broken file is the user's input, not our bug
        raise NianbaoError(f"无法读取文件：{error}", file=str(path)) from error
    raise NianbaoError(f"不支持的文件类型 {suffix or '（无扩展名）'}", file=str(path),
                       details=["支持：" + "、".join(sorted(SUPPORTED))])


# -- telling reports from regulations --------------------------------------------------------
_PART_KEYWORDS = [
    ("overview", ("总体情况",)),
    ("active", ("主动公开",)),
    ("requests", ("收到和处理", "依申请公开", "申请情况")),
    ("review_litigation", ("行政复议", "行政诉讼")),
    ("problems", ("存在的主要问题", "存在问题", "改进情况")),
    ("other", ("其他需要报告",)),
]
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
            key = next((k for k, words in _PART_KEYWORDS if any(w in heading for w in words)), None)
            ordinal_key = _PART_KEYWORDS[_PART_ORDINAL[m.group(1)]][0]
            if key is not None and key == ordinal_key and key not in {k for k, _, _ in found}:
                found.append((key, pos, pos + len(body)))
        pos += len(line)
    return found


def kind_of(text: str) -> str:
    if len(part_headings(text)) >= 4:
        return "report"
    if count_articles(text) >= 3 and "表三" not in text:
        return "regulation"
    return "note"


# -- reports from published text ----------------------------------------------------------------
_TITLE = re.compile(r"(\S*?)(20\d\d)\s*年度?\s*(?:政府|政务)信息公开工作年度报告")
_FILE_NAME = re.compile(r"^(20\d\d)[-_ ]*(.+)$")
_GOVERNMENT = re.compile(r"(人民政府|管委会|管理委员会|人民政府办公室)$")


def _agency_year(text: str, path: Path) -> tuple[str, int]:
    m = _FILE_NAME.match(path.stem)
    if m:
        return m.group(2).strip(), int(m.group(1))
    head = text[:600]
    t = _TITLE.search(head)
    if t and t.group(1):
        return t.group(1), int(t.group(2))
    m2 = re.search(r"现(?:予)?公布(20\d\d)年度?(\S+?)(?:政府|政务)信息公开工作年度报告", head)
    if m2:
        return m2.group(2), int(m2.group(1))
    raise NianbaoError("无法从文件名或标题看出报告的机关和年度",
                       file=str(path), details=["请把文件命名为“年度-机关名称”，如 2021-示例市某某局.txt"])


def report_from_text(text: str, path: Path) -> Report:
    """The narrative parts of a published report in plain text (no tables: the importer reads those)."""
    agency, year = _agency_year(text, path)
    issuer = "人民政府" if _GOVERNMENT.search(agency) else "部门"
    if year < 2019:
        raise NianbaoError(f"年度 {year} 早于现行格式（2019 年起），不能编入检索库", file=str(path))
    report = blank_report(year, agency, issuer)
    heads = part_headings(text)
    sections: dict[str, str] = {}
    headings: dict[str, str] = {}
    first = heads[0][1] if heads else len(text)
    intro_lines = text[:first].splitlines()
    # The title line(s) are not the opening paragraph.
    intro = "\n".join(line for line in intro_lines if "年度报告" not in line or len(line) > 60)
    sections["intro"] = intro.strip()
    for n, (key, start, end) in enumerate(heads):
        stop = heads[n + 1][1] if n + 1 < len(heads) else len(text)
        sections[key] = text[end:stop].strip("\n")
        headings[key] = text[start:end].strip()
    report.sections = Sections(**sections)
    report.headings = headings
    report.source = str(path)
    return report


def _import_report(path: Path, text: str) -> Report:
    """Prefer the importer (tables, provenance, all formats); fall back to the narrative reader."""
    try:
        from ..ingest import import_report  # type: ignore[attr-defined]
    except ImportError:
        return report_from_text(text, path)
    try:
        return import_report(path).report
    except NianbaoError:
        # Narrative-only texts (our evaluation corpus, excerpts) have no tables to import.
        return report_from_text(text, path)


def load(path: Path) -> Loaded:
    suffix = path.suffix.lower()
    if suffix in REPORT_FILES:
        from ..report.io import read_report

        report = read_report(path)
        return Loaded("report", report.title, chunk_report(report), report.agency, report.year)
    text = read_text(path)
    if not text.strip():
        raise NianbaoError("文件没有文字内容", file=str(path))
    kind = kind_of(text)
    if kind == "report":
        report = _import_report(path, text)
        return Loaded("report", report.title, chunk_report(report), report.agency, report.year)
    title = regulation_title(text, re.sub(r"[（(]\d{4}-\d\d-\d\d[）)]$", "", path.stem))
    if kind == "regulation":
        return Loaded("regulation", title, chunk_regulation(text, title))
    return Loaded("note", title, chunk_note(text, title))


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
