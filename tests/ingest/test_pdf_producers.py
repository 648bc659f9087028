"""Quirks of PDF producers, on small PDFs written here byte by byte (Helvetica only, so
the text is ASCII): fake bold, rulings as thin filled boxes, shaded cells, tables open at
a page break, rows with no ruling between them, running headers, rotated pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import NianbaoError
from assistant.ingest.document import Table
from assistant.ingest.readers.pdf import read_pdf
from assistant.ingest.readers.pdf_pages import printed_char


def write_pdf(path: Path, pages: list[str], rotate: int = 0) -> Path:
    """A PDF whose pages draw the given content streams (A4, font /F1 = Helvetica)."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, ops in enumerate(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate {rotate} "
            "/Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>"
        )
        data = ops.encode()
        objs.append(f"<< /Length {len(data)} >>\nstream\n{ops}\nendstream")
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def text(x: float, y: float, s: str, size: int = 11) -> str:
    return f"BT /F1 {size} Tf {x} {y} Td ({s}) Tj ET\n"


def grid(xs: list[float], ys: list[float], *, thin_boxes: bool = False, bottom: bool = True) -> str:
    """Rulings of a table: stroked lines, or filled 0.5pt boxes as some producers draw them."""
    ops = "0.5 w\n"
    h_ys = ys if bottom else ys[:-1]
    for y in h_ys:
        if thin_boxes:
            ops += f"{xs[0]} {y - 0.25} {xs[-1] - xs[0]} 0.5 re f\n"
        else:
            ops += f"{xs[0]} {y} m {xs[-1]} {y} l S\n"
    for x in xs:
        if thin_boxes:
            ops += f"{x - 0.25} {ys[-1]} 0.5 {ys[0] - ys[-1]} re f\n"
        else:
            ops += f"{x} {ys[0]} m {x} {ys[-1]} l S\n"
    return ops


def rows(doc) -> list[list[str]]:
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    return [[c.text for c in row] for row in tables[0].rows]


XS = [60, 200, 300, 400]
YS = [700, 680, 660, 640]


def test_fake_bold_is_read_once(tmp_path):
    ops = grid(XS, YS)
    for dx in (0, 0.3):  # every string drawn twice, 0.3pt apart: "fake bold"
        ops += text(70 + dx, 686, "Item") + text(210 + dx, 686, "Count") + text(310 + dx, 686, "Total")
        ops += text(70 + dx, 666, "alpha") + text(210 + dx, 666, "21") + text(310 + dx, 666, "21")
    ops += text(70, 646, "beta") + text(210, 646, "4") + text(310, 646, "4")
    doc = read_pdf(write_pdf(tmp_path / "bold.pdf", [ops]))
    assert rows(doc) == [["Item", "Count", "Total"], ["alpha", "21", "21"], ["beta", "4", "4"]]


def test_rulings_drawn_as_thin_boxes_and_shaded_cells(tmp_path):
    # a shaded header row (a filled box without stroke) and white backgrounds behind text
    # lines must not add cell borders; the thin filled boxes are the real rulings
    ops = "0.8 0.85 0.95 rg 60 680 340 20 re f 1 1 1 rg 40 600 500 27 re f 40 627 500 27 re f 0 0 0 rg\n"
    ops += grid(XS, YS, thin_boxes=True)
    ops += text(70, 686, "Item") + text(210, 686, "Count") + text(310, 686, "Total")
    ops += text(70, 666, "alpha") + text(210, 666, "7") + text(310, 666, "7")
    ops += text(70, 646, "beta") + text(210, 646, "0") + text(310, 646, "0")
    doc = read_pdf(write_pdf(tmp_path / "boxes.pdf", [ops]))
    assert rows(doc) == [["Item", "Count", "Total"], ["alpha", "7", "7"], ["beta", "0", "0"]]


def test_table_open_at_the_page_break_is_closed_and_joined(tmp_path):
    # page 1: header + one row, no bottom ruling; page 2: one more row, no top ruling
    p1 = grid(XS, [120, 100, 80, 40], bottom=False)
    p1 += text(70, 106, "Item") + text(210, 106, "Count") + text(310, 106, "Total")
    p1 += text(70, 86, "alpha") + text(210, 86, "3") + text(310, 86, "3")
    p1 += text(70, 56, "beta") + text(210, 56, "5") + text(310, 56, "5")
    p1 += text(280, 20, "- 1 -", 9)
    p2 = "0.5 w\n" + "".join(f"{x} 800 m {x} 760 l S\n" for x in XS)  # no top ruling
    p2 += f"{XS[0]} 780 m {XS[-1]} 780 l S\n{XS[0]} 760 m {XS[-1]} 760 l S\n"
    p2 += text(70, 786, "gamma") + text(210, 786, "1") + text(310, 786, "1")
    p2 += text(70, 766, "Sum") + text(210, 766, "9") + text(310, 766, "9")
    p2 += text(280, 20, "- 2 -", 9)
    doc = read_pdf(write_pdf(tmp_path / "break.pdf", [p1, p2]))
    assert rows(doc) == [
        ["Item", "Count", "Total"],
        ["alpha", "3", "3"],
        ["beta", "5", "5"],
        ["gamma", "1", "1"],
        ["Sum", "9", "9"],
    ]
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.where.extra["pages"] == [1, 2]
    assert [row[0].where.page for row in table.rows] == [1, 1, 1, 2, 2]


def test_kangxi_radicals_read_as_ordinary_characters():
    assert printed_char(0x2F00) == "一"  # ⼀
    assert printed_char(0x2F06) == "二"  # ⼆
    assert printed_char(ord("１")) == "１"  # full-width digits stay as printed
    assert printed_char(ord("（")) == "（"


def test_rows_without_a_ruling_between_them_are_split(tmp_path):
    # rulings around the header and the whole body only: the two data rows share one box
    ops = "0.5 w\n" + "".join(f"{x} 700 m {x} 640 l S\n" for x in XS)
    ops += "".join(f"{XS[0]} {y} m {XS[-1]} {y} l S\n" for y in (700, 680, 640))
    ops += text(70, 686, "Item") + text(210, 686, "Count") + text(310, 686, "Total")
    ops += text(70, 666, "alpha") + text(210, 666, "12") + text(310, 666, "12")
    ops += text(70, 648, "beta") + text(210, 648, "0") + text(310, 648, "0")
    doc = read_pdf(write_pdf(tmp_path / "norule.pdf", [ops]))
    assert rows(doc) == [["Item", "Count", "Total"], ["alpha", "12", "12"], ["beta", "0", "0"]]


def test_a_wrapped_label_is_not_split(tmp_path):
    ops = grid(XS, [700, 680, 640])
    ops += text(70, 686, "Item") + text(210, 686, "Count") + text(310, 686, "Total")
    ops += text(70, 666, "a long") + text(70, 648, "label") + text(210, 657, "3") + text(310, 657, "3")
    doc = read_pdf(write_pdf(tmp_path / "wrap.pdf", [ops]))
    assert rows(doc) == [["Item", "Count", "Total"], ["a long\nlabel", "3", "3"]]


def test_running_header_and_footer_are_dropped_and_the_table_still_joins(tmp_path):
    header = text(200, 815, "Annual report 2023", 9)
    p1 = text(60, 760, "Opening text of the report.") + grid(XS, [120, 100, 80, 60])
    p1 += text(70, 106, "Item") + text(210, 106, "Count") + text(310, 106, "Total")
    p1 += text(70, 86, "alpha") + text(210, 86, "3") + text(310, 86, "3")
    p1 += text(70, 66, "beta") + text(210, 66, "5") + text(310, 66, "5")
    p2 = grid(XS, [780, 760])
    p2 += text(70, 766, "gamma") + text(210, 766, "1") + text(310, 766, "1")
    p2 += text(60, 700, "Closing text.")
    footer = text(240, 25, "Agency office, page {}", 9)
    pages = [header + p1 + footer.format(1), header + p2 + footer.format(2)]
    doc = read_pdf(write_pdf(tmp_path / "running.pdf", pages))
    assert rows(doc) == [
        ["Item", "Count", "Total"],
        ["alpha", "3", "3"],
        ["beta", "5", "5"],
        ["gamma", "1", "1"],
    ]
    paras = [b.text for b in doc.blocks if not isinstance(b, Table)]
    assert paras == ["Opening text of the report.", "Closing text."]


def test_landscape_page_by_rotation(tmp_path):
    # /Rotate 90: drawn turned in the file, read upright as displayed (842 x 595)
    xs = [60, 400, 550, 700]
    ops = "q 0 1 -1 0 595 0 cm\n" + grid(xs, [500, 480, 460])
    ops += text(70, 486, "Item") + text(410, 486, "Count") + text(560, 486, "Total")
    ops += text(70, 466, "alpha") + text(410, 466, "8") + text(560, 466, "8")
    ops += text(60, 540, "Heading above the table") + "Q\n"
    doc = read_pdf(write_pdf(tmp_path / "rotated.pdf", [ops], rotate=90))
    assert rows(doc) == [["Item", "Count", "Total"], ["alpha", "8", "8"]]
    assert doc.blocks[0].text == "Heading above the table"


def test_row_broken_across_pages_is_one_row(tmp_path):
    # the last row's label is printed on page 1, its numbers on page 2 (a row allowed
    # to break across pages); no rulings at the break
    p1 = grid(XS, [120, 100, 80, 40], bottom=False)
    p1 += text(70, 106, "Item") + text(210, 106, "Count") + text(310, 106, "Total")
    p1 += text(70, 86, "alpha") + text(210, 86, "3") + text(310, 86, "3")
    p1 += text(70, 60, "a label that") + text(70, 46, "goes on")
    p2 = "0.5 w\n" + "".join(f"{x} 800 m {x} 760 l S\n" for x in XS)
    p2 += f"{XS[0]} 780 m {XS[-1]} 780 l S\n{XS[0]} 760 m {XS[-1]} 760 l S\n"
    p2 += text(210, 786, "6") + text(310, 786, "6")
    p2 += text(70, 766, "Sum") + text(210, 766, "9") + text(310, 766, "9")
    doc = read_pdf(write_pdf(tmp_path / "rowbreak.pdf", [p1, p2]))
    assert rows(doc) == [
        ["Item", "Count", "Total"],
        ["alpha", "3", "3"],
        ["a label that\ngoes on", "6", "6"],
        ["Sum", "9", "9"],
    ]
    row = next(b for b in doc.blocks if isinstance(b, Table)).rows[2]
    assert [c.where.extra.get("pages") for c in row] == [[1, 2]] * 3


def test_text_without_chinese_is_refused_as_unreadable(tmp_path):
    # what a report whose fonts lack a Unicode map yields: Latin letters, no Chinese
    ops = "".join(text(60, 800 - 14 * i, "Hb9 kq7 Xw2 Plm Trr 5q Vnm Bcx Qwe Ytr") for i in range(20))
    with pytest.raises(NianbaoError) as err:
        read_pdf(write_pdf(tmp_path / "garbled.pdf", [ops]))
    assert "无法识别" in err.value.message and err.value.exit_code == 2


def test_page_numbers_counted_from_after_a_cover_are_dropped(tmp_path):
    # printed numbers 1 and 2 on physical pages 2 and 3 (the cover has none)
    cover = text(200, 600, "Cover page of the annual report")
    body = [text(60, 760, f"Body text on page {n}.") + text(290, 30, str(n), 9) for n in (1, 2)]
    doc = read_pdf(write_pdf(tmp_path / "cover.pdf", [cover, *body]))
    assert [b.text for b in doc.blocks] == [
        "Cover page of the annual report",
        "Body text on page 1.",
        "Body text on page 2.",
    ]


def test_watermark_and_invisible_text_are_not_read(tmp_path):
    ops = grid(XS, YS)
    ops += text(70, 686, "Item") + text(210, 686, "Count") + text(310, 686, "Total")
    ops += text(70, 666, "alpha") + text(210, 666, "2") + text(310, 666, "2")
    ops += text(70, 646, "beta") + text(210, 646, "1") + text(310, 646, "1")
    # a slanted grey watermark across the table, and white text hidden in a cell
    ops += "0.6 g BT /F1 40 Tf 0.7071 0.7071 -0.7071 0.7071 150 600 Tm (DRAFT 99) Tj ET 0 g\n"
    ops += "1 g BT /F1 8 Tf 330 646 Td (77) Tj ET 0 g\n"
    doc = read_pdf(write_pdf(tmp_path / "watermark.pdf", [ops]))
    assert rows(doc) == [["Item", "Count", "Total"], ["alpha", "2", "2"], ["beta", "1", "1"]]
    assert [b for b in doc.blocks if not isinstance(b, Table)] == []


def test_white_text_on_a_dark_header_is_read(tmp_path):
    ops = "0.1 0.2 0.5 rg 60 680 340 20 re f 0 g\n" + grid(XS, YS)
    ops += "1 g\n" + text(70, 686, "Item") + text(210, 686, "Count") + text(310, 686, "Total") + "0 g\n"
    ops += text(70, 666, "alpha") + text(210, 666, "2") + text(310, 666, "2")
    ops += text(70, 646, "beta") + text(210, 646, "1") + text(310, 646, "1")
    doc = read_pdf(write_pdf(tmp_path / "darkhead.pdf", [ops]))
    assert rows(doc) == [["Item", "Count", "Total"], ["alpha", "2", "2"], ["beta", "1", "1"]]


HEAD_ROWS = [(130, ["Item", "Count", "Total"]), (114, ["alpha", "3", "3"]), (98, ["beta", "5", "5"])]


def _unruled_rows(rows_: list[tuple[float, list[str]]]) -> str:
    cols = (70, 260, 360)
    return "".join(text(x, y, t) for y, cells in rows_ for x, t in zip(cols, cells) if t)


def test_without_rulings_a_header_at_a_page_foot_is_not_merged_into_the_next_row(tmp_path):
    # page 1 ends with the header of a sub-table; its first row opens page 2
    p1 = _unruled_rows(HEAD_ROWS)
    p1 += _unruled_rows([(82, ["Sub", "Count", "Total"])])
    p2 = _unruled_rows([(780, ["gamma", "12", "318"]), (764, ["delta", "1", "1"])])
    doc = read_pdf(write_pdf(tmp_path / "foot.pdf", [p1, p2]))
    got = rows(doc)
    assert ["Sub", "Count", "Total"] in got and ["gamma", "12", "318"] in got


def test_without_rulings_the_rest_of_a_label_over_the_page_break_rejoins_its_row(tmp_path):
    # numbers at the top of their row (Word's default): 「a long label that」 and its
    # numbers end page 1, the rest of the label 「ends」 opens page 2
    p1 = _unruled_rows(HEAD_ROWS)
    p1 += _unruled_rows([(82, ["a long label that", "7", "7"])])
    p2 = text(70, 786, "ends") + _unruled_rows([(770, ["delta", "1", "1"]), (754, ["gamma", "0", "0"])])
    doc = read_pdf(write_pdf(tmp_path / "split.pdf", [p1, p2]))
    assert rows(doc)[-3:] == [["a long label that\nends", "7", "7"], ["delta", "1", "1"], ["gamma", "0", "0"]]


def test_without_rulings_a_header_left_on_the_page_before_joins_its_row(tmp_path):
    # 表四's way: the header rows end page 1, the one row of numbers opens page 2
    xs = (70, 130, 190, 250, 310)
    p1 = text(60, 300, "Some text before the table.")
    p1 += "".join(text(x, 96, t) for x, t in zip(xs, ("Up", "Down", "Other", "Open", "All")))
    p1 += "".join(text(x, 82, t) for x, t in zip(xs, ("held", "set", "end", "case", "sum")))
    p2 = "".join(text(x + 4, 786, t) for x, t in zip(xs, ("1", "0", "0", "1", "2")))
    p2 += text(60, 700, "Some text after the table.")
    doc = read_pdf(write_pdf(tmp_path / "t4.pdf", [p1, p2]))
    header = ["Up\nheld", "Down\nset", "Other\nend", "Open\ncase", "All\nsum"]
    assert rows(doc) == [header, ["1", "0", "0", "1", "2"]]
    paras = [b.text for b in doc.blocks if not isinstance(b, Table)]
    assert paras == ["Some text before the table.", "Some text after the table."]


def test_without_rulings_a_repeated_header_is_dropped(tmp_path):
    p1 = _unruled_rows(HEAD_ROWS)
    p2 = _unruled_rows([(786, ["Item", "Count", "Total"]), (770, ["gamma", "1", "1"]), (754, ["delta", "0", "0"])])
    doc = read_pdf(write_pdf(tmp_path / "repeat.pdf", [p1, p2]))
    assert rows(doc) == [
        ["Item", "Count", "Total"],
        ["alpha", "3", "3"],
        ["beta", "5", "5"],
        ["gamma", "1", "1"],
        ["delta", "0", "0"],
    ]
