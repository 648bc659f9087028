"""The source gate keeps a number only if the source still shows it at its provenance."""

from __future__ import annotations

from import_paths import IMPORT_FIXTURES

from assistant.ingest.gate import gate
from assistant.ingest.recognition.recognize import recognize
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
