"""Table structure as data: (row, column, rowspan, colspan, text) for every printed cell.

Extracted independently from the HTML (lxml) and from the DOCX XML, so the two
outputs can be compared with each other and with the golden files.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def _place(rows: list[list[tuple[int, int, str]]]) -> list[list]:
    """Resolve positions from per-row (rowspan, colspan, text) lists, as a browser does."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, cells in enumerate(rows):
        c = 0
        for rs, cs, text in cells:
            while (r, c) in taken:
                c += 1
            out.append([r, c, rs, cs, text])
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
    return out


def html_tables(page: bytes | str) -> list[list[list]]:
    from lxml import html

    doc = html.fromstring(page if isinstance(page, bytes) else page.encode("utf-8"))
    tables = []
    for table in doc.iter("table"):
        rows = []
        for tr in table.iter("tr"):
            rows.append(
                [
                    (int(td.get("rowspan", 1)), int(td.get("colspan", 1)), td.text_content().strip())
                    for td in tr
                    if td.tag in ("td", "th")
                ]
            )
        tables.append(_place(rows))
    return tables


def docx_tables(data: bytes) -> list[list[list]]:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(data))
    tables = []
    for tbl in doc.element.body.iter(qn("w:tbl")):
        out = []
        starts: dict[int, list] = {}  # grid column -> the vertically merged cell started above
        for r, tr in enumerate(tbl.iter(qn("w:tr"))):
            c = 0
            for tc in tr.iter(qn("w:tc")):
                pr = tc.find(qn("w:tcPr"))
                span = pr.find(qn("w:gridSpan")) if pr is not None else None
                vmerge = pr.find(qn("w:vMerge")) if pr is not None else None
                cs = int(span.get(qn("w:val"))) if span is not None else 1
                text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))).strip()
                if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                    starts[c][2] += 1
                else:
                    cell = [r, c, 1, cs, text]
                    out.append(cell)
                    if vmerge is not None:
                        starts[c] = cell
                c += cs
        tables.append(out)
    return tables


def spans(tables: list[list[list]]) -> list[list[list]]:
    """Only the merged cells: the part of the structure that is easy to get wrong."""
    return [[cell for cell in table if cell[2] > 1 or cell[3] > 1] for table in tables]


def golden(name: str, actual, update: bool):
    path = GOLDEN / f"{name}.json"
    if update:
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; review the output, then run with NIANBAO_UPDATE_GOLDEN=1"
    return json.loads(path.read_text(encoding="utf-8"))
