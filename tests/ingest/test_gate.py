"""The source gate keeps a number only if the source still shows it at its provenance."""

from __future__ import annotations

from import_paths import IMPORT_FIXTURES

from assistant.ingest.gate import gate
from assistant.ingest.recognition.recognize import recognize
from assistant.ingest.recognition.tokens import cell_value
from assistant.ingest.readers.text import read_text


def test_every_cell_of_a_clean_document_passes():
    doc = read_text(IMPORT_FIXTURES / "2022-某市生态环境局.txt")
    rec = recognize(doc)
    kept, failed = gate(doc, rec)
    assert failed == []
    assert set(kept) == set(rec.cells) and len(kept) == 200


def test_a_cell_whose_source_no_longer_shows_its_number_is_dropped_and_reported():
    doc = read_text(IMPORT_FIXTURES / "2022-某市生态环境局.txt")
    rec = recognize(doc)
    where = rec.cells["t3.new.total"].where
    assert doc.text[where.start : where.end] == "40"
    # the source at that place now says something else (as if the reading had slipped)
    doc.text = doc.text[: where.start] + "41" + doc.text[where.end :]
    kept, failed = gate(doc, rec)
    assert "t3.new.total" not in kept
    (finding,) = failed
    assert finding.code == "IMPORT-GATE" and finding.cells == ["t3.new.total"]
    assert "41" in finding.message and "40" in finding.message
    assert len(kept) == 199


def test_table_cells_without_offsets_are_checked_by_table_position():
    from assistant.ingest.readers.docx import read_docx

    doc = read_docx(IMPORT_FIXTURES / "2020-某市司法局.docx")
    rec = recognize(doc)
    for cell in rec.cells.values():  # forget the offsets: the gate must find the cell by position
        cell.token.where.start = cell.token.where.end = None
    kept, failed = gate(doc, rec)
    assert failed == [] and len(kept) == 198
    table = next(b for b in doc.blocks if hasattr(b, "rows") and b.where.table == 1)
    target = rec.cells["t3.new.natural"].where
    for row in table.rows:
        for c in row:
            if (c.where.row, c.where.col) == (target.row, target.col):
                c.text = "999"
    kept, failed = gate(doc, rec)
    assert [f.cells for f in failed] == [["t3.new.natural"]]


def test_html_cells_are_also_checked_in_the_page_source(tmp_path):
    from assistant.ingest.readers.html import read_html

    source = IMPORT_FIXTURES / "2022-某区卫生健康委员会.html"
    doc = read_html(source)
    rec = recognize(doc)
    raw = source.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, failed = gate(doc, rec, raw)
    assert failed == [] and len(kept) == 200
    # the reader's text says 3,056 but the page source at that line no longer does
    line = rec.cells["t2.licensing.decisions"].where.line
    raw[line - 1] = raw[line - 1].replace("3,056", "3,065")
    for k in range(line, min(line + 20, len(raw))):
        raw[k] = raw[k].replace("3,056", "3,065")
    kept, failed = gate(doc, rec, raw)
    assert [f.cells for f in failed] == [["t2.licensing.decisions"]]


def _word_runs(match) -> str:
    """A number as Word's 「另存为网页」 writes it: one <span> per digit run, tags broken over lines."""
    digits = match.group(1)
    runs = [digits[: len(digits) // 2], digits[len(digits) // 2 :]]
    spans = "".join(
        f"<span\nlang=EN-US style='font-size:10.5pt;\nfont-family:\"Times New Roman\"'>{run}</span>" for run in runs
    )
    return f"<p class=MsoNormal align=center\nstyle='text-align:center'>{spans}</p>"


def test_digits_split_over_word_spans_pass_the_gate(tmp_path):
    """「17」 printed as <span>1</span><span>7</span>, attributes over several source lines, is 17."""
    import re

    from layouts import Style, html_page

    from assistant.ingest import import_report
    from assistant.report.io import read_report

    expected = read_report(IMPORT_FIXTURES / "2022-某市生态环境局.expected.yaml")
    page = html_page(expected, Style(chrome=False))
    page = re.sub(r'<p class="MsoNormal" align="center"><span>(\d{2,})</span></p>', _word_runs, page)
    assert page.count("<span\nlang=EN-US") >= 18
    path = tmp_path / "2022-某市生态环境局.html"
    path.write_text(page, encoding="utf-8")
    result = import_report(path)
    assert [f.message for f in result.findings if f.code == "IMPORT-GATE"] == []
    assert result.report.cells == expected.cells


def test_digits_of_neighbouring_cells_in_compact_html_do_not_pass():
    """One line of page source holds a row's cells: 「10」 is not found in <td>1</td><td>0</td>."""
    from layouts import Style, html_page

    from assistant.ingest.readers.html import html_document
    from assistant.report.io import read_report

    expected = read_report(IMPORT_FIXTURES / "2022-某市生态环境局.expected.yaml")
    page = html_page(expected, Style(chrome=False)).replace("\n", "")  # minified: one line
    doc = html_document(page, "compact.html")
    rec = recognize(doc)
    kept, failed = gate(doc, rec, [page])
    assert failed == [] and len(kept) == 200
    # the reading slipped: a cell is taken with the digits of the next cell run on ("1" "0" -> "10")
    table = next(b for b in doc.blocks if hasattr(b, "rows") and any(c.where == rec.cells["t3.new.total"].where
                                                                      for row in b.rows for c in row))
    cell, neighbour = next((row[i], row[i + 1]) for row in table.rows for i in range(len(row) - 1)
                           if row[i].text.isdigit() and row[i + 1].text.isdigit())
    key = next(k for k, c in rec.cells.items() if c.where == cell.where)
    cell.text = cell.text + neighbour.text
    read = rec.cells[key]
    read.token.text, read.value = cell.text, cell_value(cell.text)
    read.where.start = read.where.end = None  # found by table position, where the doc now says so too
    kept, failed = gate(doc, rec, [page])
    assert [f.cells for f in failed] == [[key]]
