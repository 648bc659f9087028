"""DOCX reader: paragraphs and tables in body order, merged cells kept as spans.

python-docx repeats a merged cell in every grid slot it covers, which would read one
printed number several times; so the table XML is walked directly: `w:gridSpan` gives
colspan, `w:vMerge` (restart / continue) gives rowspan, continuation cells are skipped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ...errors import NianbaoError
from .builder import DocumentBuilder
from .limits import MAX_DOCX_BYTES, MAX_DOCX_PARTS, check_file_size, size_mb
from ..document import Document, Where

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: str | Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = str(path)
    _check_unzipped_size(Path(path))
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise NianbaoError(f"Word 文件已损坏或不是 .docx 格式，无法读取（{type(exc).__name__}）", file=name) from None
    except Exception as exc:  # lxml errors inside a damaged package
        raise NianbaoError(f"Word 文件已损坏，无法读取（{exc}）", file=name) from None
    builder = DocumentBuilder(name, "docx")
    _body(document.element.body, builder, [0])
    return builder.build()


def _check_unzipped_size(path: Path) -> None:
    """A zip bomb (2 MB that unzips to 2 GB of XML) is refused before anything is unzipped.

    zipfile never returns more than an entry's declared size (a larger stream fails its
    CRC check), so the declared sizes bound what python-docx can load.
    """
    check_file_size(path, MAX_DOCX_BYTES, "Word ")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # python-docx reports the damaged package in its own words below
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_DOCX_PARTS or total > MAX_DOCX_BYTES:
        raise NianbaoError(
            f"Word 文件解压后过大（{len(infos)} 个部件，共 {size_mb(total)}，上限 {size_mb(MAX_DOCX_BYTES)}），"
            "可能已损坏或是恶意构造的文件，没有导入",
            file=str(path),
        )


def _body(container, builder: DocumentBuilder, counter: list[int]) -> None:
    """Paragraphs and tables in order; content controls and layout tables are looked into."""
    for el in container.iterchildren():
        if el.tag == f"{_W}p":
            counter[0] += 1
            for line in _paragraph_text(el).split("\n"):
                builder.paragraph(line, Where(kind="docx", extra={"paragraph": counter[0]}))
        elif el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                _body(content, builder, counter)
        elif el.tag == f"{_W}tbl":
            if el.find(f".//{_W}tc//{_W}tbl") is not None:
                # a layout table holding the report: read its cells as body text
                for tc in el.iter(f"{_W}tc"):
                    if tc.getparent() is not None and _outer_table(tc) is el:
                        _body(tc, builder, counter)
            else:
                _table(el, builder)


def _outer_table(tc):
    node = tc.getparent()
    while node is not None and node.tag != f"{_W}tbl":
        node = node.getparent()
    return node


def _paragraph_text(p) -> str:
    out: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node.tag == f"{_W}tab":
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _cell_text(tc) -> str:
    lines = [_paragraph_text(p).strip() for p in tc.iterchildren(f"{_W}p")]
    return "\n".join(line for line in lines if line)


def _int(el, default: int = 1) -> int:
    try:
        return int(el.get(f"{_W}val"))
    except (TypeError, ValueError):
        return default


def _table(tbl, builder: DocumentBuilder) -> None:
    # first pass: every printed cell with its grid column and its vMerge state
    grid: list[list[dict]] = []
    for tr in tbl.iterchildren(f"{_W}tr"):
        row, col = [], 0
        for child in tr.iterchildren():
            if child.tag == f"{_W}tc":
                cells = [child]
            elif child.tag == f"{_W}sdt":  # content controls wrap cells
                cells = list(child.iter(f"{_W}tc"))
            else:
                continue
            for tc in cells:
                pr = tc.find(f"{_W}tcPr")
                span = _int(pr.find(f"{_W}gridSpan")) if pr is not None and pr.find(f"{_W}gridSpan") is not None else 1
                merge = None
                if pr is not None and pr.find(f"{_W}vMerge") is not None:
                    merge = pr.find(f"{_W}vMerge").get(f"{_W}val") or "continue"
                row.append({"tc": tc, "col": col, "span": span, "merge": merge})
                col += span
        grid.append(row)
    rows = []
    for r, row in enumerate(grid):
        out = []
        for cell in row:
            if cell["merge"] == "continue":
                continue  # covered by the cell above
            rowspan = 1
            if cell["merge"] == "restart":
                for below in grid[r + 1 :]:
                    match = [c for c in below if c["col"] == cell["col"]]
                    if match and match[0]["merge"] == "continue":
                        rowspan += 1
                    else:
                        break
            out.append((_cell_text(cell["tc"]), rowspan, cell["span"], Where(kind="docx")))
        rows.append(out)
    builder.table(rows, Where(kind="docx"))
