"""Hostile or absurd input is refused fast with a clear Chinese message (exit 2), never
allowed to fill memory or hang (issue 15 item 2, the readers' part)."""

from __future__ import annotations

import time
import zipfile

import pytest
from import_paths import IMPORT_FIXTURES

from assistant.errors import NianbaoError
from assistant.ingest import import_report
from assistant.ingest.readers import limits


def _refused(run_cli, path, *words: str) -> str:
    start = time.perf_counter()
    code, out, err = run_cli("import", path, "--year", "2022")
    elapsed = time.perf_counter() - start
    assert code == 2, err
    assert all(w in err for w in words), err
    assert "Traceback" not in err and path.name in err
    assert elapsed < 20, elapsed  # generous on a shared machine; the bombs took minutes or all memory
    return err


def test_html_span_bomb_is_refused(run_cli, tmp_path):
    page = tmp_path / "span.html"
    page.write_text('<html><body><table><tr><td rowspan="65534" colspan="1000">1</td></tr></table></body></html>')
    assert page.stat().st_size < 120
    _refused(run_cli, page, "横跨 1000 列")


def test_a_rowspan_past_the_last_row_ends_there():
    from assistant.ingest.readers.html import html_document

    doc = html_document('<table><tr><td rowspan="65534">行政许可</td><td>3</td></tr><tr><td>4</td></tr></table>', "t.html")
    (table,) = [b for b in doc.blocks if hasattr(b, "rows")]
    assert table.rows[0][0].rowspan == 2 and table.rows[1][0].where.col == 1


def test_a_table_too_big_to_be_a_report_table_is_refused(tmp_path):
    from assistant.ingest.readers.html import html_document

    row = "<tr>" + '<td colspan="150" rowspan="20000">1</td>' + "</tr>"
    with pytest.raises(NianbaoError, match="过大"):
        html_document("<table>" + row * 20000 + "</table>", "big.html")


def _bomb(path, unzipped: int) -> None:
    """A .docx whose document.xml unzips to `unzipped` bytes of blanks (a few hundred KB zipped)."""
    with zipfile.ZipFile(IMPORT_FIXTURES / "2020-某市司法局.docx") as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, src.read(info))
        with out.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(unzipped >> 20):
                fh.write(chunk)


def test_docx_zip_bomb_is_refused_before_unzipping(run_cli, tmp_path):
    path = tmp_path / "bomb.docx"
    _bomb(path, limits.MAX_DOCX_BYTES + (8 << 20))
    assert path.stat().st_size < 5 << 20
    _refused(run_cli, path, "解压后过大")


def test_huge_text_file_is_refused_unread(run_cli, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: nothing is written, only its size is huge
        fh.truncate(limits.MAX_TEXT_BYTES + 1)
    _refused(run_cli, path, "文件过大")


def _pdf(pages: list[bytes]) -> bytes:
    """A minimal PDF, one content stream per page (Helvetica)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in pages:
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_with_absurdly_many_pages_is_refused(run_cli, tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pdf([b"BT /F1 12 Tf 72 720 Td (1) Tj ET"] * (limits.MAX_PDF_PAGES + 1)))
    _refused(run_cli, path, f"{limits.MAX_PDF_PAGES + 1} 页")


def test_pdf_page_with_absurdly_many_characters_is_refused(run_cli, tmp_path):
    path = tmp_path / "chars.pdf"
    line = b"BT /F1 1 Tf 10 %d Td (" + b"8" * 1000 + b") Tj ET\n"
    path.write_bytes(_pdf([b"".join(line % (10 + (k % 800)) for k in range(limits.MAX_PAGE_CHARS // 1000 + 5))]))
    _refused(run_cli, path, "第1页", "字符")


def test_pdf_page_with_absurdly_many_drawn_objects_is_refused(run_cli, tmp_path):
    path = tmp_path / "lines.pdf"
    path.write_bytes(_pdf([b"0 0 m 1 1 l S\n" * (limits.MAX_PAGE_OBJECTS + 10)]))
    _refused(run_cli, path, "图形对象")


def test_ordinary_reports_pass_the_bounds():
    for name in ("2020-某市司法局.docx", "2022-某区卫生健康委员会.html", "2022-某市生态环境局.txt"):
        assert import_report(IMPORT_FIXTURES / name).summary is not None
