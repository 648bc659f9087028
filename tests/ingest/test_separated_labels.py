"""Row labels printed apart from their numbers (converter and OCR output, issue 13 item 1,
issue 21 item 5): numbers go to a row only when that is unambiguous, or the table's
arithmetic says so; otherwise the candidate rows stay blank with IMPORT-AMBIGUOUS."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_paths import SEED_YAML
from layouts import Style, text_pipe, text_tabs
from test_roundtrip import reports

from assistant.ingest import import_document
from assistant.ingest.readers.text import text_document
from assistant.report.format import T3_APPLICANT_COLUMNS, FormatVersion
from assistant.report.io import read_report

NOT_HELD = "1.本机关不掌握相关政府信息"
NEEDS = "2.没有现成信息需要另行制作"
GRANTED = "（一）予以公开"
CARRIED_IN = "二、上年结转政府信息公开申请数量"


def _report():
    """The project's own sample, with numbers that tell the rows apart."""
    r = read_report(SEED_YAML)
    rows = {"new": 5, "carried_in": 2, "granted": 3, "unable.not_held": 4, "results_total": 7, "carried_out": 0}
    for row, n in rows.items():
        r.set(f"t3.{row}.natural", n)
        r.set(f"t3.{row}.total", n)
    return r


def _row_line(lines: list[str], label: str) -> int:
    return next(i for i, line in enumerate(lines) if re.search(rf"(^|[\t|] ?){re.escape(label)}[\t |]", line))


def _cut(line: str, label: str, pipe: bool) -> tuple[list[str], str]:
    """(the labels of a printed row, its numbers) as a converter would print them apart."""
    sep = " | " if pipe else "\t"
    cells = [c.strip() for c in line.strip().strip("|").split(sep.strip() or "\t")]
    at = cells.index(label)
    values = sep.join(cells[at + 1 :])
    return cells[: at + 1], (f"| {values} |" if pipe else values)


def _import(lines: list[str]):
    return import_document(text_document("\n".join(lines), "转换.md"))


def _row(report, row: str) -> list[str]:
    return [report.cells[f"t3.{row}.{c}"].display() for c in (*T3_APPLICANT_COLUMNS, "total")]


def _apart(report, first: str, second: str, numbers: list[str] | None = None, pipe: bool = False) -> list[str]:
    """Two rows printed as their labels, each on its own line, then the rows' numbers: by
    default the first row's only (the second row's were lost), or the given lines."""
    lines = (text_pipe if pipe else text_tabs)(report, Style()).split("\n")
    a, b = _row_line(lines, first), _row_line(lines, second)
    labels_a, values_a = _cut(lines[a], first, pipe)
    labels_b, values_b = _cut(lines[b], second, pipe)
    shown = {"first": values_a, "second": values_b}
    lines[a : b + 1] = [*labels_a, *labels_b, *(shown.get(n, n) for n in (numbers or ["first"]))]
    return lines


@pytest.mark.parametrize("pipe", [False, True], ids=["text", "markdown"])
def test_two_labels_then_one_row_of_numbers_stay_blank_with_both_candidates_named(pipe):
    """Issue 21 item 5: the numbers used to go to the second label, the first row blank."""
    report = _report()
    result = _import(_apart(report, NOT_HELD, NEEDS, pipe=pipe))  # 不掌握's numbers (4) after both labels
    got = result.report
    assert _row(got, "unable.not_held") == [""] * 7
    assert _row(got, "unable.needs_creation") == [""] * 7
    amb = [f for f in result.findings if f.code == "IMPORT-AMBIGUOUS"]
    assert len(amb) == 1
    assert NOT_HELD in amb[0].message and NEEDS in amb[0].message
    assert set(amb[0].cells) == {f"t3.unable.{r}.{c}" for r in ("not_held", "needs_creation") for c in (*T3_APPLICANT_COLUMNS, "total")}
    assert _row(got, "granted") == _row(report, "granted")  # the rest is read as before
    assert got.provenance["t3.granted.natural"]["assigned"] == "label"


def test_the_arithmetic_decides_when_only_one_candidate_fits_the_table():
    """上年结转 and 予以公开 printed alone, then one row: only 予以公开 keeps the sums right."""
    report = _report()
    result = _import(_apart(report, CARRIED_IN, GRANTED, ["second"]))
    got = result.report
    assert _row(got, "granted") == _row(report, "granted")
    assert got.provenance["t3.granted.natural"]["assigned"] == "arithmetic"
    assert _row(got, "carried_in") == [""] * 7
    assert not [f for f in result.findings if f.code == "IMPORT-AMBIGUOUS"]


def test_the_same_numbers_refuted_by_the_arithmetic_stay_blank():
    """The same shape with 予以公开's numbers wrong: neither row fits, both stay blank."""
    result = _import(_apart(_report(), CARRIED_IN, GRANTED, ["9\t0\t0\t0\t0\t0\t9"]))
    assert _row(result.report, "granted") == [""] * 7 and _row(result.report, "carried_in") == [""] * 7
    assert [f.code for f in result.findings].count("IMPORT-AMBIGUOUS") == 1


def test_labels_then_their_rows_in_the_same_order_are_read_in_template_order():
    report = _report()
    got = _import(_apart(report, NOT_HELD, NEEDS, ["first", "second"])).report
    assert _row(got, "unable.not_held") == _row(report, "unable.not_held")
    assert _row(got, "unable.needs_creation") == _row(report, "unable.needs_creation")
    assert got.provenance["t3.unable.not_held.natural"]["assigned"] == "template order"


# -- a converter-like scrambler over random consistent reports ---------------------------

# a bare 「3」 on its own line is a cell as far as anyone can tell (one number per line is a
# common copy of a web table), so the scrambler prints page numbers as pages print them
PAGE_NUMBERS = ["- 3 -", "第 3 页", "— 12 —", "第3页 共9页"]
NUMBER = re.compile(r"[\d.,/—-]+|无")


@st.composite
def scrambled(draw):
    report = draw(st.one_of(reports(FormatVersion.V2021), reports(FormatVersion.V2019)))
    pipe = draw(st.booleans())
    lines = (text_pipe if pipe else text_tabs)(report, Style()).split("\n")
    start = next(i for i, line in enumerate(lines) if "主动公开政府信息情况" in line)
    end = next(i for i, line in enumerate(lines) if "存在的主要问题" in line)

    def printed(cells: list[str]) -> str:
        return ("| " + " | ".join(cells) + " |") if pipe else "\t".join(cells)

    out = lines[:start]
    held: list[str] = []  # numbers of rows whose labels are printed, to come after the next label
    for line in lines[start:end]:
        cells = [c.strip() for c in line.strip().strip("|").split("|" if pipe else "\t")]
        k = next((n for n, c in enumerate(cells) if c and not NUMBER.fullmatch(c)), None)
        if k is None or len(cells) <= k + 1 or not all(NUMBER.fullmatch(c) for c in cells[k + 1 :]):
            out.append(line)
            continue
        labels, values = cells[: k + 1], cells[k + 1 :]
        if draw(st.integers(0, 3)) == 0:  # OCR reads a 0 as 「O」, a 1 as 「l」
            at = draw(st.integers(0, len(values) - 1))
            values[at] = values[at].replace("0", "O").replace("1", "l")
            line = printed(labels + values)
        how = draw(st.sampled_from(["keep", "apart", "apart", "hold", "drop_numbers", "break"]))
        if how == "keep":
            out += [line, *held]
        elif how == "break":  # the label broken at any character over two or three lines
            text = labels[-1]
            cuts = sorted(draw(st.sets(st.integers(1, max(1, len(text) - 1)), min_size=1, max_size=2)))
            pieces = [text[s:e] for s, e in zip([0, *cuts], [*cuts, len(text)]) if text[s:e]]
            out += [*labels[:-1], *pieces[:-1], printed([pieces[-1], *values]), *held]
        elif how == "apart":
            out += [*labels, *held, printed(values)]
        elif how == "hold":  # a label line stands between this row and its numbers
            out += labels
            held.append(printed(values))
            continue
        else:  # the converter lost the row's numbers
            out += [*labels, *held]
        held = []
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(PAGE_NUMBERS)))
    out += held + lines[end:]
    return report, out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=scrambled())
def test_a_scrambled_converter_copy_never_puts_a_number_in_another_cell(case):
    report, lines = case
    got = _import(lines).report.cells
    wrong = {
        k: (report.cells[k].display(), got[k].display())
        for k in report.cells
        if k.startswith(("t2.", "t3.")) and not got[k].is_blank and got[k] != report.cells[k]
    }
    if wrong:
        (Path(tempfile.gettempdir()) / "ocr_fail.txt").write_text("\n".join(lines), encoding="utf-8")
    assert wrong == {}, (wrong, "\n".join(lines))


# -- OCR text as it comes (issue 13 item 2) -----------------------------------------------


def _ocr_markdown(report) -> list[str]:
    """A converter's Markdown of an OCR'd report: 「数据1」… headers, |---| rules, confusions."""
    out = []
    for line in text_pipe(report, Style()).split("\n"):
        if line.startswith("| 自然人"):
            out += ["| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 |", "|---|:---:|---|---|---|---|"]
            continue
        if line.startswith("| 商业企业"):
            continue
        line = line.replace("已获取", "己获取").replace("逾期未按", "逾期末按").replace("未经复议", "末经复议")
        out.append(line.replace("| / |", "| - |"))
    return out


def test_an_ocr_markdown_copy_reads_every_cell():
    report = _report()
    result = _import(_ocr_markdown(report))
    assert result.summary.cells_read == result.summary.cells_expected
    assert all(result.report.cells[k] == v for k, v in report.cells.items() if k.startswith("t3."))


def test_a_letter_o_for_zero_is_read_only_where_the_row_total_confirms_it():
    report = _report()
    lines = _ocr_markdown(report)
    at = _row_line(lines, GRANTED)
    assert lines[at].endswith("| 3 | 0 | 0 | 0 | 0 | 0 | 3 |")
    lines[at] = lines[at].replace("| 3 | 0 |", "| 3 | O |", 1)  # one misread cell: the 总计 pins it to 0
    a = _row_line(lines, "一、本年新收政府信息公开申请数量")
    lines[a] = lines[a].replace("| 0 | 0 |", "| O | O |", 1)  # two misread cells: not pinned
    result = _import(lines)
    got = result.report
    assert _row(got, "granted") == _row(report, "granted")
    assert got.provenance["t3.granted.commercial"]["text"] == "O"
    assert _row(got, "new") == [""] * 7
    assert any("识别有误" in f.message and "本年新收" in f.message for f in result.findings)


def test_a_misread_digit_that_breaks_the_row_total_is_not_taken():
    report = _report()
    lines = _ocr_markdown(report)
    at = _row_line(lines, GRANTED)
    lines[at] = lines[at].replace("| 3 | 0 |", "| 3 | l |", 1)  # 3 + 1 is not the printed 3
    result = _import(lines)
    assert _row(result.report, "granted") == [""] * 7


def test_the_summary_says_the_path_and_the_share_of_cells_read_blank_and_ambiguous():
    result = _import(_apart(_report(), NOT_HELD, NEEDS))
    s = result.summary
    assert (s.path, s.cells_ambiguous) == ("text", 14)
    assert s.shares == {"read": round(186 / 200, 3), "blank": 0.0, "ambiguous": 0.07}
    assert "导入途径：文字" in s.lines()[1] and "无法确定属于哪一行 7%" in s.lines()[1]
    assert result.to_json()["summary"]["shares"]["ambiguous"] == 0.07
