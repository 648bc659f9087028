"""Unusable sources get a clear Chinese message and exit code 2; a missing table is 'not found'."""

from __future__ import annotations

import zipfile

import pytest
from import_paths import IMPORT_FIXTURES
from layouts import Style, text_cells

from assistant.errors import NianbaoError
from assistant.ingest import import_report
from assistant.report.io import read_report


def test_empty_file(run_cli, tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_text("")
    code, out, err = run_cli("import", empty)
    assert code == 2
    assert "空.txt" in err and "文件是空的" in err
    assert "Traceback" not in err


def test_binary_garbage(run_cli, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 20)
    code, out, err = run_cli("import", junk)
    assert code == 2
    assert "junk.txt" in err
    assert "不是" in err


def test_corrupt_docx(run_cli, tmp_path):
    good = IMPORT_FIXTURES / "2020-某市司法局.docx"
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(good.read_bytes()[:1500])  # a truncated zip
    code, out, err = run_cli("import", broken)
    assert code == 2
    assert "损坏.docx" in err and "Word" in err


def test_docx_zip_without_document(tmp_path):
    fake = tmp_path / "fake.docx"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(NianbaoError) as info:
        import_report(fake)
    assert "Word" in info.value.message


def test_old_doc_format_is_named(tmp_path):
    doc = tmp_path / "报告.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(NianbaoError) as info:
        import_report(doc)
    assert ".docx" in info.value.message


def test_prose_that_is_not_a_report(run_cli, tmp_path):
    note = tmp_path / "通知.txt"
    note.write_text("关于做好春节期间值班工作的通知\n各单位：请按时报送值班表。\n办公室\n", encoding="utf-8")
    code, out, err = run_cli("import", note)
    assert code == 2
    assert "不是政府信息公开工作年度报告" in err


def test_missing_file(run_cli, tmp_path):
    code, out, err = run_cli("import", tmp_path / "nope.txt")
    assert code == 2
    assert "不存在" in err


def test_report_without_table_three(tmp_path):
    expected = read_report(IMPORT_FIXTURES / "2022-某市生态环境局.expected.yaml")
    text = text_cells(expected, Style())
    start = text.index("三、收到和处理政府信息公开申请情况\n") + len("三、收到和处理政府信息公开申请情况\n")
    end = text.index("四、政府信息公开行政复议")
    source = tmp_path / "无表三.txt"
    source.write_text(text[:start] + text[end:], encoding="utf-8")
    result = import_report(source)
    t3 = [k for k in expected.cells if k.startswith("t3.")]
    assert sorted(result.summary.not_found) == sorted(t3)
    assert all(result.report.cells[k].is_blank for k in t3)
    (finding,) = [f for f in result.findings if f.code == "IMPORT-NOT-FOUND"]
    assert "表三" in finding.message and sorted(finding.cells) == sorted(t3)
    assert "没有找到表三" in result.summary.warnings
    # the other tables are still read exactly
    for key in expected.cells:
        if not key.startswith("t3."):
            assert result.report.cells[key] == expected.cells[key]


def test_utf16_text_from_notepad_is_read(tmp_path):
    source = IMPORT_FIXTURES / "2022-某市生态环境局.txt"
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(source.read_text(encoding="utf-8").encode("utf-16"))
    expected = read_report(IMPORT_FIXTURES / "2022-某市生态环境局.expected.yaml")
    assert import_report(utf16).report.cells == expected.cells


def test_other_office_files_are_named_as_unsupported(tmp_path):
    book = tmp_path / "台账.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(NianbaoError) as info:
        import_report(book)
    assert ".xlsx" in info.value.message and info.value.exit_code == 2
