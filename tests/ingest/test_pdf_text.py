"""Page-number marks and cell text joining (pure functions of the PDF reader)."""

from __future__ import annotations

import pytest

from assistant.ingest.readers.pdf_text import cell_text, is_page_mark


@pytest.mark.parametrize(
    "text", ["- 3 -", "-3-", "— 12 —", "－ 4 －", "·5·", "第 3 页", "第3页 共5页", "第 2 页，共 9 页", "3/5", "Page 2"]
)
def test_page_marks(text):
    assert is_page_mark(text)


@pytest.mark.parametrize("text", ["550", "3.其他", "0", "第二十条第（一）项", "2023年", "-2", "12.5", "（七）总计"])
def test_not_page_marks(text):
    assert not is_page_mark(text)


def test_bare_number_only_when_it_is_the_page_number():
    assert is_page_mark("4", page_number=4)
    assert not is_page_mark("4", page_number=3)  # a table value that happens to stand alone


def _char(text, x0, top, size=10.0):
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def test_vertical_characters_join_without_breaks():
    chars = [_char(ch, 100, 100 + 12 * i) for i, ch in enumerate("申请人情况")]
    assert cell_text(chars) == "申请人情况"


def test_wrapped_label_keeps_its_line_break():
    chars = [_char(ch, 100 + 10 * i, 100) for i, ch in enumerate("结果")]
    chars += [_char(ch, 100 + 10 * i, 113) for i, ch in enumerate("维持")]
    assert cell_text(chars) == "结果\n维持"


def test_spread_out_characters_of_one_line_stay_together():
    # 「总 计」 printed with a wide gap, and digits after CJK: no spaces invented
    chars = [_char("总", 100, 100), _char("计", 125, 100), _char("2", 140, 100), _char("1", 146, 100, 6)]
    assert cell_text(chars) == "总计21"
