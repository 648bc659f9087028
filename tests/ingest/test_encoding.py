"""One decoding routine for text files, web pages and CSV ledgers."""

from __future__ import annotations

import pytest

from assistant.errors import NianbaoError
from assistant.ingest.readers.encoding import decode_bytes, file_encoding
from assistant.ingest.readers.text import decode
from assistant.ledger import read_ledger

TEXT = "二〇二二年政府信息公开工作年度报告\n一、总体情况\n全年收到申请17件。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_whole_file_and_bytes_agree_on_the_encoding(tmp_path, encoding):
    data = TEXT.encode(encoding)
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert decode_bytes(data) == TEXT and decode(data, "a.txt") == TEXT
    assert data.decode(file_encoding(path)) == TEXT


def test_a_file_is_never_half_read_in_one_encoding(tmp_path):
    # UTF-8 up to the last line, then one GBK line: the whole file is GB18030, not UTF-8 with errors
    data = ("甲" * 600_000).encode("utf-8") + "\n办理结果".encode("gbk")
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    assert file_encoding(path) == "gb18030"
    assert decode_bytes(b"\xff\xfe\x00\xd8") is None  # a UTF-16 BOM and a broken surrogate
    with pytest.raises(NianbaoError, match="UTF-16"):
        decode(b"\xff\xfe\x00\xd8", "broken.txt")


def test_ledger_saved_as_excel_unicode_text_is_read(tmp_path):
    """Excel's 「Unicode 文本」 is UTF-16 with a BOM and tabs: the ledger reads it like any CSV."""
    rows = [["编号", "收到日期", "申请人类型", "办理结果", "答复日期", "申请内容"],
            ["1", "2022-01-03", "社会公益组织", "本机关不掌握相关政府信息", "2022-01-10", "申请公开某某文件"]]
    path = tmp_path / "台账.txt"
    path.write_bytes("\r\n".join("\t".join(r) for r in rows).encode("utf-16"))
    [(app, problems)] = list(read_ledger(path))
    assert problems == [] and app.applicant == "public_interest" and app.result == "unable.not_held"
